import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertFeedItems } from '../../src/articles/upsert.ts';
import type { Claim } from '../../src/claims/extract/types.ts';
import * as Ledger from '../../src/claims/ledger.ts';
import * as FigureStatus from '../../src/crosscheck/figure-status.ts';
import * as Feeds from '../../src/feeds/feeds.ts';
import { testApp } from '../support/app.ts';
import { makeUser } from '../support/crosscheck.ts';
import { drivers, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { claimOf } from '../support/claims.ts';
import { item } from '../support/items.ts';

const claim = (subject: string, metric: Claim['metric'], value: number): Claim => claimOf(subject, metric, value);

describe.each(drivers)('figures in search results on %s', (driver) => {
  let t: TestDatabase;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    t = await openTestDatabase(driver);
    const feed = await Feeds.add(t.db, { url: 'https://news.example/feed.xml' });
    await upsertFeedItems(t.db, feed.feedId, [item(1)]);
    const [article] = await t.db.query.articles.findMany();
    await Ledger.replaceClaims(
      t.db,
      { articleId: article.articleId },
      [claim('Nvidia', 'capex', 10e9), claim('Meta', 'capex', 40e9)],
      { extractorVersion: 't', statedAt: new Date('2025-10-01T00:00:00Z') },
    );
    for (const f of await t.db.query.figures.findMany()) ids[f.subject] = f.figureId;
    const mod = await makeUser(t.db, 'mod_search', 'moderator');
    await FigureStatus.setStatus(t.db, {
      figureId: ids.Meta,
      to: 'disputed',
      reason: 'Guidance, not spend',
      sourceUrl: null,
      moderator: mod,
      now: new Date('2025-10-02T00:00:00Z'),
    });
  });
  afterAll(() => t?.close());

  it('when a search lists figures, then each carries its review status as on /figures, in the page and in the htmx fragment', async () => {
    const app = testApp(t.db);
    const row = (html: string, figureId: number) =>
      new RegExp(`<li class="figure-row" data-figure="${figureId}">[\\s\\S]*?</li>`).exec(html)?.[0] ?? '';
    for (const headers of [{}, { 'HX-Request': 'true' }] as Record<string, string>[]) {
      const html = await (await app.request('/search?q=capex', { headers })).text();
      expect(row(html, ids.Meta)).toContain(
        '<span class="status-badge status-disputed" title="Guidance, not spend" data-status="disputed">disputed</span>',
      );
      expect(row(html, ids.Nvidia)).not.toBe('');
      expect(row(html, ids.Nvidia)).not.toContain('status-badge'); // unreviewed shows no badge, as on /figures
    }
  });
});
