import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertFeedItems } from '../../src/articles/upsert.ts';
import { extractBatch } from '../../src/claims/extract-jobs.ts';
import { inProcessExtractor } from '../../src/claims/extractor.ts';
import * as Ledger from '../../src/claims/ledger.ts';
import { storyFigures } from '../../src/claims/story-figures.ts';
import { queryRows } from '../../src/db/sql.ts';
import { enrichBatch } from '../../src/enrich/enrich.ts';
import * as Feeds from '../../src/feeds/feeds.ts';
import { parseFeed } from '../../src/ingest/parse.ts';
import { silentLogger } from '../../src/log.ts';
import { testApp } from '../support/app.ts';
import { drivers, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { lexicalTextEmbedder } from '../support/lexical.ts';

const common = { log: silentLogger, owner: 't', batchSize: 20, leaseSeconds: 60, maxAttempts: 3 };

describe.each(drivers)('the figure ledger over the demo articles on %s', (driver) => {
  let t: TestDatabase;
  let growthFigure: number;
  beforeAll(async () => {
    t = await openTestDatabase(driver);
    const feed = await Feeds.add(t.db, { url: 'bundled:demo' });
    const parsed = await parseFeed(readFileSync('src/demo/demo-feed.xml', 'utf8'), { feedUrl: 'bundled:demo' });
    await upsertFeedItems(t.db, feed.feedId, parsed.items);
    while ((await extractBatch({ ...common, db: t.db, extractor: inProcessExtractor })).claimed);
    while (
      (
        await enrichBatch({
          ...common,
          db: t.db,
          embedder: lexicalTextEmbedder,
          stories: { windowDays: 3, threshold: 0.3 },
        })
      ).claimed
    );
    const [row] = await queryRows<{ figure_id: number }>(
      t.db,
      sql`select figure_id from figures where measure = 'growth' and subject_key = 'ai cloud infrastructure' and period_key = '2023-01..2023-12'`,
    );
    growthFigure = row?.figure_id;
  });
  afterAll(() => t?.close());

  it('when two articles give 2023 growth of cloud AI infrastructure as 65% and 150%, then they are one figure that contradicts itself', async () => {
    expect(growthFigure).toBeTypeOf('number');
    const found = await Ledger.figureById(t.db, growthFigure);
    expect(found!.claims.map((c) => c.value).sort((a, b) => a - b)).toEqual([65, 150]);
    expect(new Set(found!.claims.map((c) => c.articleId)).size).toBe(2);
    const html = await (await testApp(t.db).request(`/figures/${growthFigure}`)).text();
    expect(html).toContain('sources contradict each other');
    expect(html).toContain('<svg');
    expect(html).toMatch(/<span class="badge conflict">contradicts<\/span>/);
  });

  it("when a story's page is shown, then its figures panel links each chip to the highlighted quote and badges contradictions", async () => {
    const [{ story_id }] = await queryRows<{ story_id: number }>(
      t.db,
      sql`select a.story_id from articles a join claims c on c.article_id = a.article_id where c.figure_id = ${growthFigure} and c.value = 65`,
    );
    const panel = await storyFigures(t.db, story_id);
    expect(panel.chips.find((c) => c.claim.value === 65)?.contested).toBe(true);
    const html = await (await testApp(t.db).request(`/stories/${story_id}`)).text();
    expect(html).toMatch(/Figures in this story \(\d+\)/);
    expect(html).toContain('contradicted');
    const article = await (await testApp(t.db).request(`/articles/${panel.chips[0].claim.articleId}`)).text();
    expect(article).toContain(`<mark class="claim" id="claim-${panel.chips[0].claim.claimId}">`);
  });

  it('when re-extracted, then an article keeps one set of claims (no duplicates)', async () => {
    const [{ n: before }] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from claims`);
    await t.db.execute(sql`update enrichment_jobs set status = 'pending' where kind = 'claims'`);
    while ((await extractBatch({ ...common, db: t.db, extractor: inProcessExtractor })).claimed);
    const [{ n: after }] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from claims`);
    expect(after).toBe(before);
  });

  it('when the API is queried by subject and metric, then it answers JSON; a figure has an RSS feed a client can read', async () => {
    const app = testApp(t.db);
    const res = await (await app.request('/api/claims?subject=Anthropic')).json();
    expect(res.claims.length).toBeGreaterThan(0);
    expect(res.claims.every((c: { subject: string }) => c.subject === 'Anthropic')).toBe(true);
    expect((await app.request('/api/claims?metric=bogus')).status).toBe(400);
    const fig = await (await app.request(`/api/figures/${growthFigure}`)).json();
    expect(fig.claims).toHaveLength(2);
    const rss = await new Parser().parseString(
      await (await app.request(`http://x.test/figures/${growthFigure}/feed.xml`)).text(),
    );
    expect(rss.items).toHaveLength(2);
    expect(rss.items[0].title).toMatch(/\d+%/);
  });
});
