import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertFeedItems } from '../../src/articles/upsert.ts';
import type { Claim } from '../../src/claims/extract/types.ts';
import { VERDICT_LABELS } from '../../src/claims/format.ts';
import * as Ledger from '../../src/claims/ledger.ts';
import * as Feeds from '../../src/feeds/feeds.ts';
import { loadConfig } from '../../src/config.ts';
import { testApp } from '../support/app.ts';
import { drivers, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { claimOf } from '../support/claims.ts';
import { item } from '../support/items.ts';
import { WebClient } from '../support/web-client.ts';

const ARTICLES = 250;
const capex = (value: number, subject = 'Meta'): Claim => claimOf(subject, 'capex', value);

describe.each(drivers)('a figure with more claims than a page on %s', (driver) => {
  let t: TestDatabase;
  let feedId: number;
  let figureId: number;
  beforeAll(async () => {
    t = await openTestDatabase(driver);
    feedId = (await Feeds.add(t.db, { url: 'https://news.example/feed.xml' })).feedId;
    await upsertFeedItems(
      t.db,
      feedId,
      Array.from({ length: ARTICLES }, (_, n) => item(n + 1)),
    );
    const articles = await t.db.query.articles.findMany({ orderBy: (a, { asc }) => asc(a.articleId) });
    // Every other article says 60 billion where the rest say 40: the figure is contested.
    for (const [n, a] of articles.entries())
      await Ledger.replaceClaims(t.db, { articleId: a.articleId }, [capex(n % 2 ? 60e9 : 40e9)], {
        extractorVersion: 't',
        statedAt: new Date(Date.UTC(2025, 9, 1) + n * 60_000),
      });
    figureId = (await t.db.query.figures.findFirst({ where: (f, { eq }) => eq(f.subject, 'Meta') }))!.figureId;
  }, 120_000);
  afterAll(() => t?.close());

  const rows = (html: string) => [...html.matchAll(/<tr id="claim-(\d+)">/g)].length;

  it('when its page is opened, then the table shows a hundred claims with links to the others, and the verdict and its explanation read them all', async () => {
    const app = testApp(t.db);
    const first = await (await app.request(`/figures/${figureId}`)).text();
    expect(rows(first)).toBe(100);
    expect(first).toContain(`claims 1–100 of ${ARTICLES}`);
    expect(first).toContain(`href="/figures/${figureId}?p=2"`);
    const last = await (await app.request(`/figures/${figureId}?p=3`)).text();
    expect(rows(last)).toBe(50);
    expect(last).toContain(`claims 201–250 of ${ARTICLES}`);
    expect(last).toContain(`href="/figures/${figureId}?p=2"`);
    expect(last).not.toContain('Later →');
    for (const html of [first, last]) {
      expect(html).toContain(VERDICT_LABELS.contested);
      expect(html).toContain('class="conflict-note"');
      expect(html).toContain('contradicts');
    }
    expect(rows(await (await app.request(`/figures/${figureId}?p=9`)).text())).toBe(50); // past the end: the last page
  });

  it('when it is kept for PAGE_REFRESH_SECONDS, then an anonymous copy answers 304 until a new claim arrives, which shows within that time', async () => {
    const app = testApp(t.db, {
      config: loadConfig({ DEMO_DATA: 'false', COUNTS_CACHE_SECONDS: '0', PAGE_REFRESH_SECONDS: '1' }),
    });
    const claimOn = async (n: number) => {
      await upsertFeedItems(t.db, feedId, [item(1000 + n)]);
      const article = await t.db.query.articles.findFirst({
        where: (a, { eq }) => eq(a.url, `https://news.example/${1000 + n}`),
      });
      await Ledger.replaceClaims(t.db, { articleId: article!.articleId }, [capex(7e9, 'Google')], {
        extractorVersion: 't',
        statedAt: new Date(Date.UTC(2025, 10, n)),
      });
    };
    await claimOn(1);
    const google = (await t.db.query.figures.findFirst({ where: (f, { eq }) => eq(f.subject, 'Google') }))!.figureId;
    const reader = new WebClient(app); // keeps its CSRF cookie, which the page and its ETag name
    const first = await reader.get(`/figures/${google}`);
    const etag = first.headers.get('etag')!;
    expect(etag).toBeTruthy();
    const again = { headers: { 'if-none-match': etag } };
    expect((await reader.get(`/figures/${google}`, again)).status).toBe(304);
    await claimOn(2);
    await new Promise((r) => setTimeout(r, 1000));
    const after = await reader.get(`/figures/${google}`, again);
    expect(after.status).toBe(200);
    expect([...(await after.text()).matchAll(/<tr id="claim-/g)]).toHaveLength(2);
  });
});
