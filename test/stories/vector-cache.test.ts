import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.ts';
import { queryRows } from '../../src/db/sql.ts';
import { articleEmbeddings } from '../../src/enrich/enrich.sql.ts';
import * as Search from '../../src/search/search.ts';
import { stories } from '../../src/stories/stories.sql.ts';
import * as Stories from '../../src/stories/stories.ts';
import {
  articleVectors,
  createVectorCache,
  storyCentroids,
  type VectorCacheOptions,
} from '../../src/stories/vector-cache.ts';
import { normalize } from '../../src/stories/vectors.ts';
import { drivers, openTestDatabase, type TestDatabase } from '../support/db.ts';

const DIMS = 16;

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0) / 2 ** 32;
}
const random = seeded(42);
const randomUnit = () => normalize(Array.from({ length: DIMS }, () => random() - 0.5));

async function addArticles(db: Db, count: number): Promise<number[]> {
  const rows = await queryRows<{ article_id: number }>(
    db,
    sql`insert into articles (title, content_hash, published_at)
        select 'cached ' || g, md5(random()::text || g), now() from generate_series(1, ${count}) g returning article_id`,
  );
  return rows.map((r) => Number(r.article_id));
}

/** Stores vectors the way enrichment does (src/enrich/enrich.ts): an upsert that resets created_at. */
async function embed(
  db: Db,
  vectors: Map<number, number[]>,
  embedder = 'test-embedder',
  createdAt?: Date,
): Promise<void> {
  for (const [articleId, vector] of vectors) {
    await db
      .insert(articleEmbeddings)
      .values({ articleId, embedder, dims: vector.length, vector, ...(createdAt ? { createdAt } : {}) })
      .onConflictDoUpdate({
        target: articleEmbeddings.articleId,
        set: { embedder, dims: vector.length, vector, createdAt: createdAt ?? sql`now()` },
      });
  }
}

/** The reference: every vector of the embedder read from the database, scored and fully sorted. */
async function bruteForce(db: Db, query: number[], embedder: string, k: number) {
  const rows = await queryRows<{ article_id: number; vector: number[] }>(
    db,
    sql`select article_id, vector from article_embeddings where embedder = ${embedder}`,
  );
  return rows
    .map((r) => ({
      articleId: Number(r.article_id),
      similarity: r.vector.reduce((s, x, i) => s + Number(x) * query[i], 0),
    }))
    .sort((a, b) => b.similarity - a.similarity)
    .slice(0, k);
}

describe.each(drivers)('in-process vector cache on %s', (driver) => {
  let t: TestDatabase;
  let clock = 0;
  const cacheOf = (over: Partial<VectorCacheOptions> = {}) =>
    createVectorCache(t.db, articleVectors, { ttlMs: 5_000, reloadMs: 600_000, now: () => clock, ...over });
  const ids = async (cache: ReturnType<typeof cacheOf>, query: number[], k = 5, embedder = 'test-embedder') =>
    (await cache.nearest(embedder, query, { limit: k })).map((n) => n.id);

  beforeAll(async () => {
    t = await openTestDatabase(driver);
  });
  afterAll(() => t?.close());
  beforeEach(async () => {
    clock = 0;
    await t.db.execute(sql`truncate articles, stories, article_embeddings restart identity cascade`);
  });

  it('when searched, then the cache returns the same top-k, with the same similarities, as a brute-force scan of the database', async () => {
    const articleIds = await addArticles(t.db, 300);
    await embed(t.db, new Map(articleIds.map((id) => [id, randomUnit()])));
    const cache = cacheOf();
    for (let probe = 0; probe < 8; probe++) {
      const query = randomUnit();
      const expected = await bruteForce(t.db, query, 'test-embedder', 10);
      const hits = await Search.semantic(t.db, cache, query, 'test-embedder', { limit: 10, minSimilarity: -1 });
      expect(hits.map((h) => h.articleId)).toEqual(expected.map((e) => e.articleId));
      hits.forEach((h, i) => expect(h.similarity).toBeCloseTo(expected[i].similarity, 6));
    }
    const floor = await Search.semantic(t.db, cache, randomUnit(), 'test-embedder', { limit: 50, minSimilarity: 0.3 });
    expect(floor.every((h) => h.similarity >= 0.3)).toBe(true);
  });

  it('when vectors are added or re-embedded, then the cache sees them once its freshness window has passed, and not before', async () => {
    const [a, b, c] = await addArticles(t.db, 3);
    const [va, vb, vc] = [randomUnit(), randomUnit(), randomUnit()];
    await embed(
      t.db,
      new Map([
        [a, va],
        [b, vb],
      ]),
    );
    const cache = cacheOf();
    expect(await ids(cache, vc, 1)).not.toEqual([c]);

    await embed(t.db, new Map([[c, vc]]));
    clock = 4_000;
    expect(await ids(cache, vc, 1)).not.toEqual([c]); // within the window: no database read
    clock = 5_000;
    expect(await ids(cache, vc, 1)).toEqual([c]);

    await embed(t.db, new Map([[a, vc.map((x) => -x)]])); // re-embedded: now opposite to c
    clock = 10_000;
    const near = await cache.nearest('test-embedder', vc, { limit: 3 });
    expect(near.map((n) => n.id)).toEqual((await bruteForce(t.db, vc, 'test-embedder', 3)).map((r) => r.articleId));
    expect(near.find((n) => n.id === a)?.similarity).toBeCloseTo(-1, 5);
    expect(cache.size('test-embedder')).toBe(3);
  });

  it('when a change commits late, then the safety margin catches it, and one older than the margin waits for the full reload', async () => {
    const [a, b, c] = await addArticles(t.db, 3);
    await embed(t.db, new Map([[a, randomUnit()]]));
    const cache = cacheOf({ marginMs: 60_000, reloadMs: 100_000 });
    await ids(cache, randomUnit());
    const [{ ms }] = await queryRows<{ ms: number }>(
      t.db,
      sql`select (extract(epoch from max(created_at)) * 1000)::float8 as ms from article_embeddings`,
    );
    const newestSeen = Number(ms);
    await embed(t.db, new Map([[b, randomUnit()]]), 'test-embedder', new Date(newestSeen - 30_000));
    await embed(t.db, new Map([[c, randomUnit()]]), 'test-embedder', new Date(newestSeen - 120_000));
    clock = 6_000;
    await ids(cache, randomUnit());
    expect(cache.size('test-embedder')).toBe(2);
    clock = 100_000;
    await ids(cache, randomUnit());
    expect(cache.size('test-embedder')).toBe(3);
  });

  it('when two embedders have vectors, then each query sees only its own, and a move between them shows after the full reload', async () => {
    const articleIds = await addArticles(t.db, 10);
    const vectors = new Map(articleIds.map((id) => [id, randomUnit()]));
    await embed(t.db, new Map([...vectors].slice(0, 6)), 'embedder-a');
    await embed(t.db, new Map([...vectors].slice(6)), 'embedder-b');
    const cache = cacheOf({ reloadMs: 60_000 });
    const query = vectors.get(articleIds[7])!;
    expect((await ids(cache, query, 10, 'embedder-a')).sort((x, y) => x - y)).toEqual(articleIds.slice(0, 6));
    expect(await ids(cache, query, 10, 'embedder-b')).toEqual(
      (await bruteForce(t.db, query, 'embedder-b', 10)).map((r) => r.articleId),
    );
    expect(await ids(cache, query, 10, 'embedder-c')).toEqual([]);

    await embed(t.db, new Map([[articleIds[0], vectors.get(articleIds[0])!]]), 'embedder-b');
    clock = 10_000;
    expect(await ids(cache, query, 10, 'embedder-b')).toContain(articleIds[0]);
    clock = 60_000;
    expect(await ids(cache, query, 10, 'embedder-a')).not.toContain(articleIds[0]);
    expect(cache.size('embedder-a')).toBe(5);
  });

  it('when there are more vectors than the cap, then only the most recently written are kept, also as new ones arrive', async () => {
    const articleIds = await addArticles(t.db, 30);
    const base = Date.now() - 3_600_000;
    for (const [i, id] of articleIds.entries())
      await embed(t.db, new Map([[id, randomUnit()]]), 'test-embedder', new Date(base + i * 1000));
    const cache = cacheOf({ maxVectors: 10 });
    expect((await ids(cache, randomUnit(), 30)).sort((x, y) => x - y)).toEqual(articleIds.slice(20));
    expect(cache.size('test-embedder')).toBe(10);

    const newer = await addArticles(t.db, 4);
    await embed(t.db, new Map(newer.map((id) => [id, randomUnit()])));
    clock = 5_000;
    expect((await ids(cache, randomUnit(), 30)).sort((x, y) => x - y)).toEqual([...articleIds.slice(24), ...newer]);
  });

  it('when articles are deleted, then they leave the cache at the next full reload', async () => {
    const articleIds = await addArticles(t.db, 5);
    await embed(t.db, new Map(articleIds.map((id) => [id, randomUnit()])));
    const cache = cacheOf({ reloadMs: 30_000 });
    expect(await ids(cache, randomUnit(), 10)).toHaveLength(5);
    await t.db.execute(sql`delete from articles where article_id = ${articleIds[0]}`);
    clock = 30_000;
    expect(await ids(cache, randomUnit(), 10)).not.toContain(articleIds[0]);
  });
});

describe.each(drivers)('related stories through the centroid cache on %s', (driver) => {
  let t: TestDatabase;
  let clock = 0;
  beforeAll(async () => {
    t = await openTestDatabase(driver);
  });
  afterAll(() => t?.close());

  it('when related stories are asked for, then the nearest live stories of the same embedder come best first, and a merge shows after the window', async () => {
    const centre = randomUnit();
    const near = (w: number) => normalize(centre.map((x, i) => x + w * (((i * 7) % 5) - 2)));
    const at = new Date('2026-01-01T00:00:00Z');
    const make = (title: string, centroid: number[] | null, over: Partial<typeof stories.$inferInsert> = {}) =>
      t.db
        .insert(stories)
        .values({
          title,
          firstPublishedAt: at,
          lastPublishedAt: at,
          articleCount: 1,
          centroid,
          embedder: 'test-embedder',
          ...over,
        })
        .returning({ storyId: stories.storyId })
        .then(([r]) => r.storyId);
    const self = await make('self', centre);
    const close = await make('close', near(0.05));
    const closer = await make('closer', near(0.01));
    const far = await make('far', near(2));
    await make('other embedder', near(0.001), { embedder: 'other-embedder' });
    await make('merged away', near(0.001), { mergedInto: close });
    await make('no centroid', null);
    const cache = createVectorCache(t.db, storyCentroids, { ttlMs: 5_000, now: () => clock });

    const related = await Stories.related(t.db, cache, self, 5);
    expect(related.map((r) => r.storyId)).toEqual([closer, close, far]);
    expect(related[0]).toMatchObject({ title: 'closer', similarity: expect.any(Number) });

    await t.db
      .update(stories)
      .set({ mergedInto: close, articleCount: 0, updatedAt: sql`now()` })
      .where(sql`${stories.storyId} = ${closer}`);
    clock = 5_000;
    expect((await Stories.related(t.db, cache, self, 5)).map((r) => r.storyId)).toEqual([close, far]);
    expect(cache.size('test-embedder')).toBe(3);
  });
});
