import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertFeedItems } from '../../src/articles/upsert.ts';
import * as Ledger from '../../src/claims/ledger.ts';
import * as Feeds from '../../src/feeds/feeds.ts';
import { testApp } from '../support/app.ts';
import { drivers, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { claimOf } from '../support/claims.ts';
import { item } from '../support/items.ts';

const day = (d: number) => new Date(Date.UTC(2025, 9, d));

describe.each(drivers)('the figure chart’s axis on %s', (driver) => {
  let t: TestDatabase;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    t = await openTestDatabase(driver);
    const feed = await Feeds.add(t.db, { url: 'https://news.example/feed.xml' });
    await upsertFeedItems(
      t.db,
      feed.feedId,
      [1, 2].map((n) => item(n)),
    );
    const [a1, a2] = (await t.db.query.articles.findMany({ orderBy: (a, { asc }) => asc(a.articleId) })).map(
      (a) => a.articleId,
    );
    const price = { metric: 'cost_per_token', per: '1M tokens' } as const;
    await Ledger.replaceClaims(
      t.db,
      { articleId: a1 },
      [claimOf('Meta', 'capex', 40e9), claimOf('Acme', price.metric, 2.5, { per: price.per })],
      { extractorVersion: 't', statedAt: day(1) },
    );
    await Ledger.replaceClaims(
      t.db,
      { articleId: a2 },
      [claimOf('Meta', 'capex', 38e9), claimOf('Acme', price.metric, 3, { per: price.per })],
      { extractorVersion: 't', statedAt: day(9) },
    );
    for (const f of await t.db.query.figures.findMany()) ids[f.subject] = f.figureId;
  });
  afterAll(() => t?.close());

  const ticksOf = async (figureId: number) => {
    const html = await (await testApp(t.db).request(`/figures/${figureId}`)).text();
    const svg = /<figure class="figure-chart">[\s\S]*?<\/figure>/.exec(html)![0];
    const ticks = [...svg.matchAll(/<text[^>]*text-anchor="end"[^>]*>([^<]*)<\/text>/g)]
      .map((m) => m[1])
      .filter((s) => !/^\d{4}-\d\d-\d\d$/.test(s));
    return { ticks, caption: /<figcaption>([^:]*):/.exec(svg)![1] };
  };

  it('when a figure is in dollars, then the axis reads like the chips ("$40B"), not "40000000000"', async () => {
    const { ticks, caption } = await ticksOf(ids.Meta);
    expect(ticks).toEqual(['$38B', '$39B', '$40B']);
    expect(caption).toBe('USD');
  });

  it('when a figure is a price per million tokens, then the axis is per 1M tokens ("$2.5"), not "2.5e-6"', async () => {
    const { ticks, caption } = await ticksOf(ids.Acme);
    expect(ticks).toEqual(['$2.5', '$2.75', '$3']);
    expect(caption).toBe('USD per 1M tokens');
  });
});
