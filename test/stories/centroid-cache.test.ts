import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCentroidCache } from '../../src/stories/centroid-cache.ts';
import { stories } from '../../src/stories/stories.sql.ts';
import { drivers, openTestDatabase, type TestDatabase } from '../support/db.ts';

describe.each(drivers)('story centroids cached for assignment on %s', (driver) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(driver);
  });
  afterAll(() => t?.close());

  const day = (d: number) => new Date(Date.UTC(2025, 9, d));
  const story = async (title: string, d: number, centroid: number[], embedder = 'e1') =>
    (
      await t.db
        .insert(stories)
        .values({ title, articleCount: 1, firstPublishedAt: day(d), lastPublishedAt: day(d), centroid, embedder })
        .returning()
    )[0].storyId;
  const asMap = (rows: { storyId: number; centroid: ArrayLike<number> | null }[]) =>
    new Map(rows.map((r) => [r.storyId, Array.from(r.centroid ?? [])]));

  it('when a centroid changes in the database, then the next lookup uses the new one, and other embedders and stories outside the window stay out', async () => {
    const a = await story('A', 10, [1, 0, 0]);
    const b = await story('B', 11, [0, 1, 0]);
    await story('far', 25, [0, 0, 1]);
    await story('other embedder', 10, [0, 0, 1], 'e2');
    const cache = createCentroidCache();
    const first = await cache.inWindow(t.db, 'e1', day(8), day(14));
    expect(asMap(first)).toEqual(
      new Map([
        [a, [1, 0, 0]],
        [b, [0, 1, 0]],
      ]),
    );
    // Another writer changes B in its own transaction (updated_at = its now()).
    await t.db.execute(
      sql`UPDATE stories SET centroid = '{0.6,0.8,0}', article_count = 2, updated_at = now() WHERE story_id = ${b}`,
    );
    const second = await cache.inWindow(t.db, 'e1', day(8), day(14));
    expect(
      asMap(second)
        .get(b)!
        .map((x) => Number(x.toFixed(4))),
    ).toEqual([0.6, 0.8, 0]);
    expect(second.find((s) => s.storyId === b)!.count).toBe(2);
    expect(asMap(second).get(a)).toEqual([1, 0, 0]);
    // A merged story leaves the window list.
    await t.db.execute(sql`UPDATE stories SET merged_into = ${b}, updated_at = now() WHERE story_id = ${a}`);
    expect((await cache.inWindow(t.db, 'e1', day(8), day(14))).map((s) => s.storyId)).toEqual([b]);
    expect(cache.size()).toBe(2);
  });
});
