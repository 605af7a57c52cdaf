import { sql } from 'drizzle-orm';
import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertFeedItems } from '../../src/articles/upsert.ts';
import { queryRows } from '../../src/db/sql.ts';
import { enrichBatch } from '../../src/enrich/enrich.ts';
import * as Feeds from '../../src/feeds/feeds.ts';
import { silentLogger } from '../../src/log.ts';
import { testApp } from '../support/app.ts';
import { drivers, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { item } from '../support/items.ts';
import { lexicalTextEmbedder } from '../support/lexical.ts';

// Distinct words, so each filler item becomes a story of its own and the front page has two pages.
const FILLER =
  'apple banana cherry delta echo foxtrot golf hotel india juliet kilo lima mango nectar oscar papa quebec romeo sierra tango umbrella victor whiskey xray yankee zulu anchor bridge castle dragon engine falcon garden harbor'.split(
    ' ',
  );

describe.each(drivers)('pages on %s', (driver) => {
  let t: TestDatabase;
  let app: ReturnType<typeof testApp>;
  let storyId: number;
  let articleId: number;

  beforeAll(async () => {
    t = await openTestDatabase(driver);
    app = testApp(t.db);
    const feed = await Feeds.add(t.db, { url: 'https://a.example/feed', title: 'Alpha <News>' });
    const other = await Feeds.add(t.db, { url: 'https://b.example/feed', title: 'Beta Wire' });
    await upsertFeedItems(t.db, feed.feedId, [
      item(1, {
        title: 'Broadcom builds custom AI chips for OpenAI',
        summary: 'Broadcom and OpenAI chips deal <script>alert(1)</script>',
        contentHtml: '<p>Deal <b>done</b></p>',
      }),
      ...FILLER.map((word, i) =>
        item(100 + i, {
          title: `${word} ${i}`,
          summary: null,
          contentText: word,
          publishedAt: new Date(Date.UTC(2025, 8, 1, i)),
        }),
      ),
    ]);
    await upsertFeedItems(t.db, other.feedId, [
      item(2, { title: 'OpenAI and Broadcom custom AI chips partnership', summary: 'Broadcom OpenAI chips' }),
    ]);
    while (
      (
        await enrichBatch({
          db: t.db,
          embedder: lexicalTextEmbedder,
          log: silentLogger,
          owner: 't',
          batchSize: 50,
          leaseSeconds: 60,
          maxAttempts: 3,
          stories: { windowDays: 3, threshold: 0.3 },
        })
      ).claimed
    );
    const [row] = await queryRows<{ story_id: number; article_id: number }>(
      t.db,
      sql`select story_id, article_id from articles where title like 'Broadcom builds%'`,
    );
    storyId = row.story_id;
    articleId = row.article_id;
  });
  afterAll(() => t?.close());

  it('when the front page is requested, then it lists stories with their source count and escapes text', async () => {
    const res = await app.request('/');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain(`href="/stories/${storyId}"`);
    expect(html).toMatch(/2 articles<\/a> from 2 sources/);
    expect(html).toContain('Alpha &lt;News&gt;');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('<script src="/static/htmx.min.js"');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('when htmx asks for the next page, then only the list items come back, and a plain request gets the full page', async () => {
    const first = await (await app.request('/?tab=new')).text();
    expect((first.match(/<li class="article story"/g) ?? []).length).toBe(30);
    const more = first.match(/hx-get="(\/\?tab=new&amp;before=[^"]+)"/)![1].replace(/&amp;/g, '&');
    const fragment = await (await app.request(more, { headers: { 'HX-Request': 'true' } })).text();
    expect(fragment).not.toContain('<html');
    expect(fragment).toContain('<li class="article story"');
    const full = await (await app.request(more)).text();
    expect(full).toContain('<html');
  });

  it('when a story page is requested, then it shows the lead and more coverage, and related stories as a fragment', async () => {
    const html = await (await app.request(`/stories/${storyId}`)).text();
    expect(html).toContain('More coverage (1)');
    expect(html).toContain('Beta Wire');
    const related = await app.request(`/stories/${storyId}/related`, { headers: { 'HX-Request': 'true' } });
    expect(related.status).toBe(200);
    expect(await related.text()).toContain('Related stories');
  });

  it('when an article page is requested, then it shows the sanitised content and links to its story', async () => {
    const html = await (await app.request(`/articles/${articleId}`)).text();
    expect(html).toContain('<p>Deal <b>done</b></p>');
    expect(html).toContain(`href="/stories/${storyId}"`);
  });

  it('when ids are unknown or malformed, then the answer is a 404 page, or a fragment for htmx', async () => {
    for (const path of ['/stories/999999', '/articles/abc', '/feeds/0', '/nowhere'])
      expect((await app.request(path)).status).toBe(404);
    const fragment = await (await app.request('/stories/999999', { headers: { 'HX-Request': 'true' } })).text();
    expect(fragment).toMatch(/^<p class="error" role="alert">/);
    expect((await app.request('/?before=yesterday')).status).toBe(400);
  });

  it('when the sources page and a source page are requested, then they show fetch status', async () => {
    expect(await (await app.request('/feeds')).text()).toContain('not fetched yet');
    const feed = await Feeds.byUrl(t.db, 'https://a.example/feed');
    const html = await (await app.request(`/feeds/${feed!.feedId}`)).text();
    expect(html).toContain('<code>https://a.example/feed</code>');
    // The next poll is a time to come (the app's clock is 2025-10-27T12:00Z), and once passed it is due.
    await t.db.execute(sql`update feeds set next_fetch_at = '2025-10-27T12:55:00Z' where feed_id = ${feed!.feedId}`);
    expect(await (await app.request(`/feeds/${feed!.feedId}`)).text()).toMatch(
      /<dt>Next fetch<\/dt><dd><time [^>]*>in 55 minutes<\/time>/,
    );
    await t.db.execute(sql`update feeds set next_fetch_at = '2025-10-27T11:00:00Z' where feed_id = ${feed!.feedId}`);
    expect(await (await app.request(`/feeds/${feed!.feedId}`)).text()).toMatch(
      /<dt>Next fetch<\/dt><dd><time [^>]*>due now<\/time>/,
    );
  });

  it('when /feed.xml is fetched, then a real RSS client parses it with links back to the articles', async () => {
    const res = await app.request('http://crosscheck.test/feed.xml');
    expect(res.headers.get('content-type')).toContain('application/rss+xml');
    const parsed = await new Parser().parseString(await res.text());
    expect(parsed.title).toBe('Crosscheck');
    expect(parsed.items.length).toBeGreaterThan(30);
    expect(parsed.items.some((i) => i.link === `http://crosscheck.test/articles/${articleId}`)).toBe(true);
  });

  it('when searching, then full-text and semantic matches are combined, and htmx gets just the results', async () => {
    const html = await (await app.request('/search?q=broadcom%20chips')).text();
    expect(html).toContain('Broadcom builds custom AI chips for OpenAI');
    expect(html).toMatch(/matched by (text and semantic|semantic and text)/);
    const fragment = await (await app.request('/search?q=broadcom', { headers: { 'HX-Request': 'true' } })).text();
    expect(fragment).not.toContain('<html');
  });

  it('when /healthz, /about, /metrics and static assets are requested, then they answer', async () => {
    expect(await (await app.request('/healthz')).json()).toEqual({ status: 'ok', database: 'pglite' });
    expect(await (await app.request('/about')).text()).toContain('lexical-v1 (test)');
    const metrics = await (
      await app.request('/metrics', {}, { incoming: { socket: { remoteAddress: '127.0.0.1' } } })
    ).text(); // loopback only
    const [{ n }] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from articles`);
    expect(metrics).toContain(`crosscheck_enrichment_jobs{kind="embed",status="done"} ${n}`);
    expect(metrics).toContain(`crosscheck_enrichment_jobs{kind="claims",status="pending"} ${n}`);
    const htmx = await app.request('/static/htmx.min.js');
    expect(htmx.headers.get('content-type')).toContain('javascript');
    expect((await htmx.text()).length).toBeGreaterThan(10_000);
    expect((await app.request('/static/../package.json')).status).toBe(404);
  });

  it('when the embedder fell back for want of a model folder, then /about says so without the server’s filesystem path', async () => {
    const reason =
      'model folder /srv/crosscheck/data/models/Xenova/all-MiniLM-L6-v2 is missing and ALLOW_REMOTE_MODELS=false; run `crosscheck models pull Xenova/all-MiniLM-L6-v2`';
    const about = await (
      await testApp(t.db, {
        info: { database: 'pglite', embedder: `lexical-v1 (fallback: ${reason})`, version: 'test' },
      }).request('/about')
    ).text();
    expect(about).toContain('lexical-v1 (fallback: no embedding model is loaded; the server’s start-up log says why)');
    expect(about).not.toContain('/srv/');
    expect(about).not.toContain('data/models');
    const loaded = await (
      await testApp(t.db, {
        info: { database: 'pglite', embedder: 'Xenova/all-MiniLM-L6-v2 on cpu', version: 'test' },
      }).request('/about')
    ).text();
    expect(loaded).toContain('Xenova/all-MiniLM-L6-v2 on cpu');
  });

  it('when a page is shown, then its head names the site icon, which is served from the app (and /favicon.ico leads to it)', async () => {
    expect(await (await app.request('/')).text()).toContain(
      '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml"/>',
    );
    const icon = await app.request('/static/favicon.svg');
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toBe('image/svg+xml');
    expect(await icon.text()).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    const legacy = await app.request('/favicon.ico');
    expect([legacy.status, legacy.headers.get('location')]).toEqual([301, '/static/favicon.svg']);
  });
});
