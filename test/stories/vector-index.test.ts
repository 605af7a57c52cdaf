import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { upsertFeedItems } from '../../src/articles/upsert.ts';
import { migrationsFolder, type Db } from '../../src/db/client.ts';
import * as schema from '../../src/db/schema.ts';
import { queryRows } from '../../src/db/sql.ts';
import { articleEmbeddings } from '../../src/enrich/enrich.sql.ts';
import * as Feeds from '../../src/feeds/feeds.ts';
import * as Search from '../../src/search/search.ts';
import { articleVectors, createVectorCache } from '../../src/stories/vector-cache.ts';
import {
  nearestArticles,
  pgliteVectorExtension,
  prepareVectorIndex,
  vectorSupport,
} from '../../src/stories/vector-index.ts';
import { normalize } from '../../src/stories/vectors.ts';
import { drivers, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { item } from '../support/items.ts';

/**
 * The HNSW path runs where a pgvector build for PGlite is at hand: the optional package
 * @electric-sql/pglite-pgvector, or TEST_PGVECTOR_BUNDLE=/path/to/vector.tar.gz. Everywhere else
 * (and on PostgreSQL servers without the extension) the exact path is what runs, and is tested.
 */
const pgvector = await pgliteVectorExtension(process.env.TEST_PGVECTOR_BUNDLE);

const DIMS = 8;
/** Deterministic unit vectors: article n leans on axis n % DIMS, a little on the next axis. */
const vectorOf = (n: number) =>
  normalize(
    Array.from({ length: DIMS }, (_, d) => (d === n % DIMS ? 1 : d === (n + 1) % DIMS ? 0.1 * (1 + (n % 5)) : 0.01)),
  );

async function storeArticles(db: Db, count: number, from = 0): Promise<number[]> {
  const feed = await Feeds.add(db, { url: `https://vectors.example/feed-${from}` });
  await upsertFeedItems(
    db,
    feed.feedId,
    Array.from({ length: count }, (_, i) =>
      item(from + i, {
        identity: `v-${from + i}`,
        guid: `v-${from + i}`,
        canonicalUrl: `https://vectors.example/${from + i}`,
      }),
    ),
  );
  const rows = await queryRows<{ article_id: number }>(
    db,
    sql`select article_id from articles where canonical_url like 'https://vectors.example/%' order by article_id`,
  );
  return rows.map((r) => Number(r.article_id)).slice(from, from + count);
}

async function embed(db: Db, articleIds: number[], dims = DIMS, embedder = 'test-embedder'): Promise<void> {
  const values = articleIds.map((articleId) => ({
    articleId,
    embedder,
    dims,
    vector: dims === DIMS ? vectorOf(articleId) : Array.from({ length: dims }, () => 1 / Math.sqrt(dims)),
  }));
  await db
    .insert(articleEmbeddings)
    .values(values)
    .onConflictDoUpdate({
      target: articleEmbeddings.articleId,
      set: { embedder: sql`excluded.embedder`, dims: sql`excluded.dims`, vector: sql`excluded.vector` },
    });
}

async function exactTop(db: Db, query: number[], k: number): Promise<number[]> {
  const rows = await db
    .select({ articleId: articleEmbeddings.articleId, vector: articleEmbeddings.vector })
    .from(articleEmbeddings);
  return rows
    .map((r) => ({ id: r.articleId, s: r.vector.reduce((acc, x, i) => acc + x * query[i], 0) }))
    .sort((a, b) => b.s - a.s || a.id - b.id)
    .slice(0, k)
    .map((r) => r.id);
}

describe.each(drivers)('nearest neighbours without pgvector on %s', (driver) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(driver);
  });
  afterAll(() => t?.close());

  it('when the vector extension cannot be created, then start-up reports it, creates nothing, and search stays exact', async () => {
    const available = await queryRows(t.db, sql`select 1 from pg_available_extensions where name = 'vector'`);
    if (available.length > 0) return; // this server has pgvector: the HNSW suite below covers it
    const ids = await storeArticles(t.db, 6);
    await embed(t.db, ids);
    const support = await prepareVectorIndex(t.db, { dims: DIMS });
    expect(support).toMatchObject({ available: false });
    expect(await queryRows(t.db, sql`select to_regclass('article_vectors') as t`)).toEqual([{ t: null }]);
    expect(await nearestArticles(t.db, vectorOf(ids[2]), 'test-embedder', { limit: 3 })).toBeNull();
    const hits = await Search.semantic(
      t.db,
      createVectorCache(t.db, articleVectors),
      vectorOf(ids[2]),
      'test-embedder',
      { limit: 3, minSimilarity: -1 },
    );
    expect(hits.map((h) => h.articleId)).toEqual(await exactTop(t.db, vectorOf(ids[2]), 3));
  });
});

describe.skipIf(!pgvector)('nearest neighbours through a pgvector HNSW index (PGlite)', () => {
  const dirs: string[] = [];
  const open = async (dataDir?: string, withVector = true) => {
    const options = withVector && pgvector ? { extensions: { vector: pgvector } } : {};
    const client = dataDir ? new PGlite(dataDir, options) : new PGlite(options);
    await client.waitReady;
    const db = drizzle(client, { schema }) as unknown as Db;
    await migrate(db as never, { migrationsFolder });
    return { db, close: () => client.close() };
  };
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'crosscheck-vectors-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('when start-up finds the extension, then existing and new embeddings are indexed and queries match exact search', async () => {
    const { db, close } = await open();
    const before = await storeArticles(db, 20);
    await embed(db, before);
    expect(await prepareVectorIndex(db, { dims: DIMS })).toMatchObject({ available: true, dims: DIMS });
    const after = await storeArticles(db, 20, 20);
    await embed(db, after);
    const [{ n }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from article_vectors`);
    expect(n).toBe(40);
    for (const probe of [before[3], after[7], after[12]]) {
      const viaIndex = await nearestArticles(db, vectorOf(probe), 'test-embedder', { limit: 5 });
      expect(viaIndex?.[0]).toMatchObject({ articleId: probe });
      expect(viaIndex!.map((r) => r.articleId).sort()).toEqual((await exactTop(db, vectorOf(probe), 5)).sort());
    }
    const hits = await Search.semantic(db, createVectorCache(db, articleVectors), vectorOf(after[1]), 'test-embedder', {
      limit: 4,
      minSimilarity: -1,
    });
    expect(hits.map((h) => h.articleId).sort()).toEqual((await exactTop(db, vectorOf(after[1]), 4)).sort());
    expect(await nearestArticles(db, vectorOf(after[1]), 'another-embedder', { limit: 4 })).toEqual([]);
    await close();
  });

  it('when start-up is still building the index, then searches answer exactly instead of waiting for it', async () => {
    const { db, close } = await open();
    const ids = await storeArticles(db, 12);
    await embed(db, ids);
    const building = prepareVectorIndex(db, { dims: DIMS });
    expect(await nearestArticles(db, vectorOf(ids[4]), 'test-embedder', { limit: 3 })).toBeNull();
    const during = await Search.semantic(db, createVectorCache(db, articleVectors), vectorOf(ids[4]), 'test-embedder', {
      limit: 3,
      minSimilarity: -1,
    });
    expect(during.map((h) => h.articleId)).toEqual(await exactTop(db, vectorOf(ids[4]), 3));
    await building;
    expect((await nearestArticles(db, vectorOf(ids[4]), 'test-embedder', { limit: 3 }))?.[0]).toMatchObject({
      articleId: ids[4],
    });
    await close();
  });

  it('when vectors of another size arrive or the size changes, then they stay out of the index and a new size rebuilds it', async () => {
    const { db, close } = await open();
    const ids = await storeArticles(db, 6);
    await embed(db, ids);
    await prepareVectorIndex(db, { dims: DIMS });
    await embed(db, [ids[0]], 4, 'small-embedder');
    expect(await queryRows(db, sql`select article_id from article_vectors where article_id = ${ids[0]}`)).toEqual([]);
    expect(await nearestArticles(db, [0.5, 0.5, 0.5, 0.5], 'small-embedder', { limit: 2 })).toBeNull();
    expect(await prepareVectorIndex(db, { dims: 4 })).toMatchObject({ available: true, dims: 4 });
    expect(await nearestArticles(db, [0.5, 0.5, 0.5, 0.5], 'small-embedder', { limit: 2 })).toEqual([
      { articleId: ids[0], similarity: expect.closeTo(1, 5) },
    ]);
    await close();
  });

  it('when a database set up with pgvector is opened without it, then embeddings are still stored, and are indexed once pgvector is back', async () => {
    const dir = tempDir();
    const first = await open(dir);
    const ids = await storeArticles(first.db, 4);
    await embed(first.db, ids.slice(0, 2));
    await prepareVectorIndex(first.db, { dims: DIMS });
    await first.close();

    const plain = await open(dir, false);
    expect(await prepareVectorIndex(plain.db, { dims: DIMS })).toMatchObject({ available: false });
    await embed(plain.db, ids.slice(2));
    expect(await vectorSupport(plain.db)).toMatchObject({ available: false });
    await plain.close();

    const again = await open(dir);
    await prepareVectorIndex(again.db, { dims: DIMS });
    const [{ n }] = await queryRows<{ n: number }>(again.db, sql`select count(*)::int as n from article_vectors`);
    expect(n).toBe(4);
    await again.close();
  });
});
