import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as FigureIndex from '../../src/claims/figure-index.ts';
import { queryRows } from '../../src/db/sql.ts';
import { drivers, openTestDatabase, type TestDatabase } from '../support/db.ts';

describe.each(drivers)('/figures listing a large ledger on %s', (driver) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(driver);
    // 400 figures over two measures and 6,000 claims with many repeated times (ties), so the walk
    // over claims newest first crosses several chunks and must order ties as the aggregate does.
    await t.db.execute(sql`INSERT INTO figures (subject_key, measure, subject, metric, period_key)
      SELECT 's' || g, CASE WHEN g % 3 = 0 THEN 'revenue' ELSE 'capex' END, 'S' || g, 'capex', '2025' FROM generate_series(1, 400) g`);
    await t.db
      .execute(sql`INSERT INTO claims (figure_id, quote, start_offset, end_offset, metric, value, unit, hedged, extractor_version, stated_at)
      SELECT 1 + (g * 7919) % 400, 'q', 0, 1, 'capex', g, 'USD', false, 't',
             timestamptz '2025-01-01' + ((g * 104729) % 900) * interval '1 hour' + (g % 3) * interval '1 microsecond'
      FROM generate_series(1, 6000) g`);
    await t.db
      .execute(sql`INSERT INTO claims (figure_id, quote, start_offset, end_offset, metric, value, unit, hedged, extractor_version, stated_at)
      SELECT NULL, 'unfiled', 0, 1, 'capex', 1, 'USD', false, 't', timestamptz '2030-01-01' FROM generate_series(1, 10)`);
  });
  afterAll(() => t?.close());

  /** What the aggregate over every claim says, as /figures listed it before. */
  const reference = async (measure: string | null, limit: number, offset: number) =>
    (
      await queryRows<{ figure_id: number }>(
        t.db,
        sql`SELECT c.figure_id FROM claims c JOIN figures f USING (figure_id)
       WHERE ${measure === null ? sql`true` : sql`f.measure = ${measure}`}
       GROUP BY c.figure_id ORDER BY max(c.stated_at) DESC, c.figure_id DESC LIMIT ${limit} OFFSET ${offset}`,
      )
    ).map((r) => Number(r.figure_id));

  it("when pages of all figures are listed, then each is the aggregate's page, newest statement first", async () => {
    for (const offset of [0, 30, 240, 380]) {
      const page = await FigureIndex.list(t.db, { filter: 'all', limit: 30, offset });
      expect(
        page.items.map((s) => s.figure.figureId),
        `offset ${offset}`,
      ).toEqual(await reference(null, 30, offset));
      expect(page.more).toBe(offset + 30 < 400);
    }
  });

  it("when a measure is chosen, then its pages are the aggregate's too", async () => {
    for (const offset of [0, 90]) {
      const page = await FigureIndex.list(t.db, { filter: 'all', metric: 'revenue', limit: 30, offset });
      expect(page.items.map((s) => s.figure.figureId)).toEqual(await reference('revenue', 30, offset));
    }
  });
});
