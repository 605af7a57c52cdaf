import Parser from 'rss-parser';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { upsertFeedItems } from '../../src/articles/upsert.ts';
import * as FigureIndex from '../../src/claims/figure-index.ts';
import * as Ledger from '../../src/claims/ledger.ts';
import * as FigureStatus from '../../src/crosscheck/figure-status.ts';
import * as Feeds from '../../src/feeds/feeds.ts';
import { testApp } from '../support/app.ts';
import { makeUser } from '../support/crosscheck.ts';
import { drivers, emptyDatabase, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { claimOf } from '../support/claims.ts';
import { item } from '../support/items.ts';

const day = (d: number) => new Date(Date.UTC(2025, 9, d));

describe.each(drivers)('the figure ledger as a list (/figures) on %s', (driver) => {
  let t: TestDatabase;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    t = await openTestDatabase(driver);
  });
  afterAll(() => t?.close());
  // Each case starts from the same small ledger, whatever earlier cases added to it.
  beforeEach(async () => {
    await emptyDatabase(t.db);
    const feed = await Feeds.add(t.db, { url: 'https://news.example/feed.xml' });
    await upsertFeedItems(
      t.db,
      feed.feedId,
      [1, 2, 3].map((n) => item(n)),
    );
    const [a1, a2, a3] = (await t.db.query.articles.findMany({ orderBy: (a, { asc }) => asc(a.articleId) })).map(
      (a) => a.articleId,
    );
    // Nvidia's capex: two articles agree (within 10 %). OpenAI's revenue: two articles contradict.
    // Anthropic's valuation: one article, then a comment that repeats it. Meta's capex: one source.
    await Ledger.replaceClaims(
      t.db,
      { articleId: a1 },
      [claimOf('Nvidia', 'capex', 10e9), claimOf('OpenAI', 'revenue', 4e9)],
      { extractorVersion: 't', statedAt: day(1) },
    );
    await Ledger.replaceClaims(
      t.db,
      { articleId: a2 },
      [claimOf('Nvidia', 'capex', 10.5e9), claimOf('OpenAI', 'revenue', 13e9)],
      { extractorVersion: 't', statedAt: day(2) },
    );
    // A survey in article 3 gives 95 % and 15 % under one subject: one source, not a contradiction.
    await Ledger.replaceClaims(
      t.db,
      { articleId: a3 },
      [
        claimOf('Anthropic', 'valuation', 61.5e9),
        claimOf('Meta', 'capex', 40e9),
        claimOf('CIOs', 'usage', 95, { unit: 'percent' }),
        claimOf('CIOs', 'usage', 15, { unit: 'percent' }),
      ],
      { extractorVersion: 't', statedAt: day(3) },
    );
    await Ledger.replaceClaims(t.db, { commentId: 999 }, [claimOf('Anthropic', 'valuation', 61.5e9)], {
      extractorVersion: 't',
      statedAt: day(4),
    });
    for (const f of await t.db.query.figures.findMany()) ids[f.subject] = f.figureId;
  });

  const subjects = (r: { items: FigureIndex.FigureSummary[] }) => r.items.map((s) => s.figure.subject);
  const list = (q: Partial<FigureIndex.FigureQuery>) =>
    FigureIndex.list(t.db, { filter: 'all', limit: 30, offset: 0, ...q });

  it('when listing all, then every figure with claims appears once, most recently stated first, with its counts', async () => {
    const all = await list({});
    expect(subjects(all)).toEqual(['Anthropic', 'CIOs', 'Meta', 'OpenAI', 'Nvidia']);
    const anthropic = all.items[0];
    // A comment that repeats an article is checked against it, never counted as a second source.
    expect([anthropic.articles, anthropic.comments, anthropic.verdict]).toEqual([1, 1, 'one-source']);
    expect(anthropic.lastStatedAt.toISOString()).toBe(day(4).toISOString());
    expect(all.items.find((s) => s.figure.subject === 'Meta')!.verdict).toBe('one-source');
    expect(all.items.find((s) => s.figure.subject === 'CIOs')!.verdict).toBe('one-source');
    expect(all.more).toBe(false);
  });

  it('when filtering contested or agreed, then only figures whose sources contradict (or all agree) are listed', async () => {
    expect(subjects(await list({ filter: 'contested' }))).toEqual(['OpenAI']);
    expect(subjects(await list({ filter: 'agreed' }))).toEqual(['Nvidia']);
  });

  it('when filtering by measure or subject, then the match is on the figure, and % typed by a reader is literal', async () => {
    expect(subjects(await list({ metric: 'capex' }))).toEqual(['Meta', 'Nvidia']);
    expect(subjects(await list({ subject: 'open' }))).toEqual(['OpenAI']);
    expect(subjects(await list({ subject: '%' }))).toEqual([]);
    expect(await FigureIndex.measures(t.db)).toEqual([
      { measure: 'capex', figures: 2 },
      { measure: 'revenue', figures: 1 },
      { measure: 'usage', figures: 1 },
      { measure: 'valuation', figures: 1 },
    ]);
  });

  it('when paging, then pages do not overlap and the last one says there is no more', async () => {
    const first = await list({ limit: 3 });
    const second = await list({ limit: 3, offset: 3 });
    expect([first.more, second.more]).toEqual([true, false]);
    expect([...subjects(first), ...subjects(second)]).toEqual(['Anthropic', 'CIOs', 'Meta', 'OpenAI', 'Nvidia']);
  });

  it('when the page is requested, then rows link to their figures with verdicts and review status, and filters keep each other', async () => {
    const mod = await makeUser(t.db, 'mod_list', 'moderator');
    await FigureStatus.setStatus(t.db, {
      figureId: ids.Meta,
      to: 'unsupported',
      reason: 'No source given',
      sourceUrl: null,
      moderator: mod,
      now: day(5),
    });
    const res = await testApp(t.db).request('/figures?filter=contested&metric=revenue');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`href="/figures/${ids.OpenAI}"`);
    expect(html).toContain('sources contradict each other');
    expect(html).toContain('$4B · $13B');
    expect(html).not.toContain(`href="/figures/${ids.Nvidia}"`);
    // The measure chips keep the verdict filter, and the tabs keep the measure.
    expect(html).toContain('href="/figures?filter=contested&amp;metric=capex"');
    expect(html).toContain('href="/figures?metric=revenue"');
    // Chip counts are of all figures, so a verdict tab shows the chips without them.
    expect(html).not.toContain('<span class="count">');
    expect(await (await testApp(t.db).request('/figures')).text()).toContain('capex <span class="count">2</span>');
    const all = await (await testApp(t.db).request('/figures')).text();
    expect(all).toMatch(new RegExp(`href="/figures/${ids.Meta}"[\\s\\S]*?data-status="unsupported"`));
    const survey = await (await testApp(t.db).request(`/figures/${ids.CIOs}`)).text();
    expect(survey).toContain('one source so far');
    expect(survey).toContain('same source, other value');
    expect(survey).not.toContain('contradicts');
    expect(survey).toContain('<a href="/figures">All figures</a>');
  });

  it('when the contested list is fetched as RSS, then a real feed client reads one item per contested figure, and a new statement is a new item', async () => {
    const app = testApp(t.db);
    const page = await (await app.request('/figures?filter=contested')).text();
    expect(page).toContain('href="/figures.xml?filter=contested"');
    const res = await app.request('http://crosscheck.test/figures.xml?filter=contested');
    expect(res.headers.get('content-type')).toContain('application/rss+xml');
    const feed = await new Parser().parseString(await res.text());
    expect(feed.title).toBe('Crosscheck figures: contested');
    expect(feed.link).toBe('http://crosscheck.test/figures?filter=contested');
    expect(feed.items.map((i) => i.link)).toEqual([`http://crosscheck.test/figures/${ids.OpenAI}`]);
    expect(feed.items[0].title).toBe('OpenAI · revenue · 2025: sources contradict each other');
    expect(feed.items[0].contentSnippet).toContain('$4B · $13B (2 articles, 0 comments)');
    const before = feed.items[0].guid;
    await Ledger.replaceClaims(t.db, { commentId: 2000 }, [claimOf('OpenAI', 'revenue', 3.7e9)], {
      extractorVersion: 't',
      statedAt: day(5),
    });
    const after = await new Parser().parseString(
      await (await app.request('http://crosscheck.test/figures.xml?filter=contested')).text(),
    );
    expect(after.items[0].guid).not.toBe(before);
    expect(after.items[0].contentSnippet).toContain('(2 articles, 1 comment)');
    await Ledger.replaceClaims(t.db, { commentId: 2000 }, [], { extractorVersion: 't', statedAt: day(5) });
    expect((await app.request('/figures.xml?filter=nope')).status).toBe(400);
  });

  it('when a search names a measure or a subject, then matching figures come above the articles, also in the htmx fragment', async () => {
    const app = testApp(t.db);
    const capex = await (await app.request('/search?q=capex')).text();
    expect(capex).toContain('<h2>Figures</h2>');
    expect(capex).toContain(`href="/figures/${ids.Meta}"`);
    expect(capex).toContain(`href="/figures/${ids.Nvidia}"`);
    expect(capex).not.toContain(`href="/figures/${ids.OpenAI}"`);
    expect(capex).not.toContain('All matching figures'); // two fit
    const fragment = await (await app.request('/search?q=openai', { headers: { 'HX-Request': 'true' } })).text();
    expect(fragment).not.toContain('<html');
    expect(fragment).toContain(`href="/figures/${ids.OpenAI}"`);
    expect(fragment).toContain('sources contradict each other');
    expect(await (await app.request('/search?q=zzzqqq')).text()).toContain('Nothing matches');
  });

  it('when the query names an unknown filter or measure, then the answer is 400 naming the valid ones', async () => {
    const bad = await testApp(t.db).request('/figures?filter=hot');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('One of: all, contested, agreed');
    expect((await testApp(t.db).request('/figures?metric=%3Cscript%3E')).status).toBe(400);
  });

  it('when a subject search holds markup, then it is echoed escaped', async () => {
    const html = await (await testApp(t.db).request('/figures?subject=%3Cb%3Ex%3C%2Fb%3E')).text();
    expect(html).toContain('value="&lt;b&gt;x&lt;/b&gt;"');
    expect(html).not.toContain('<b>x</b>');
    expect(html).toContain('No figures match.');
  });

  it('when "More" is fetched by htmx, then the next rows come alone, without the page around them', async () => {
    // 30 more one-source figures, stated later than the others: page 1 holds 30 rows, page 2 the rest.
    await Ledger.replaceClaims(
      t.db,
      { commentId: 1000 },
      Array.from({ length: 30 }, (_, n) => claimOf(`Startup ${n}`, 'funding', n + 1)),
      { extractorVersion: 't', statedAt: day(6) },
    );
    const app = testApp(t.db);
    const page = await (await app.request('/figures')).text();
    expect(page.match(/class="figure-row"/g)).toHaveLength(30);
    expect(page).toContain('hx-get="/figures?p=2"');
    const res = await app.request('/figures?p=2', { headers: { 'HX-Request': 'true' } });
    const fragment = await res.text();
    expect(res.status).toBe(200);
    expect(fragment).not.toContain('<html');
    expect(fragment.match(/class="figure-row"/g)).toHaveLength(5);
    expect(fragment).toContain(`href="/figures/${ids.Nvidia}"`);
    expect(fragment).not.toContain('hx-get=');
    expect(await (await app.request('/search?q=startup')).text()).toContain(
      '<a href="/figures?subject=startup">All matching figures</a>',
    );
  });
});
