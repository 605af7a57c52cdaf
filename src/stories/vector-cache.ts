/**
 * Per-process caches of vectors for exact nearest-neighbour search: article embeddings for
 * /search and story centroids for related stories, one VectorSet per embedder.
 *
 * Loaded lazily on the first query for an embedder (the most recent `maxVectors`), then kept fresh
 * incrementally: a query more than `ttlMs` after the last look asks which rows changed since the
 * newest change seen (article_embeddings.created_at is reset on every re-embed; stories.updated_at
 * on every centroid, merge or split), minus `marginMs`, because a change's time is its
 * transaction's start and transactions commit out of order. Only the vectors of rows whose time
 * differs from the cached one are read. Deleted rows are not seen that way, so every `reloadMs`
 * the set is rebuilt from scratch. The composition root owns one per database (src/main.ts).
 */
import { inArray, sql, type Column, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.ts';
import { queryRows } from '../db/sql.ts';
import { articleEmbeddings } from '../enrich/enrich.sql.ts';
import { stories } from './stories.sql.ts';
import { VectorSet, type Neighbour } from './vector-set.ts';
import { parseVector, vectorText } from './vectors.ts';

export type { Neighbour };

/** Where a cache's vectors live: one row per id, keyed by embedder, stamped at every change. */
export type VectorSource = { table: PgTable; id: Column; vector: Column; stamp: Column; key: Column; live?: SQL };

export const articleVectors: VectorSource = {
  table: articleEmbeddings,
  id: articleEmbeddings.articleId,
  vector: articleEmbeddings.vector,
  stamp: articleEmbeddings.createdAt,
  key: articleEmbeddings.embedder,
};

export const storyCentroids: VectorSource = {
  table: stories,
  id: stories.storyId,
  vector: stories.centroid,
  stamp: stories.updatedAt,
  key: stories.embedder,
  live: sql`(${stories.mergedInto} IS NULL AND ${stories.centroid} IS NOT NULL AND ${stories.articleCount} > 0)`,
};

export type VectorCacheOptions = {
  /** Most vectors kept per embedder (the most recently written): 50k × 384 dims is 77 MB. */
  maxVectors: number;
  /** Queries within this long of the last look read nothing from the database. */
  ttlMs: number;
  /** How often the whole set is re-read, which drops deleted rows. */
  reloadMs: number;
  /** How far before the newest change seen each look starts (transactions commit out of order). */
  marginMs: number;
  now: () => number;
};

export const VECTOR_CACHE_DEFAULTS: VectorCacheOptions = {
  maxVectors: 50_000,
  ttlMs: 5_000,
  reloadMs: 10 * 60_000,
  marginMs: 60_000,
  now: () => performance.now(),
};

export type VectorCache = {
  /** The `limit` nearest vectors of this embedder, best first (exact cosine for unit vectors). */
  nearest(
    embedder: string,
    vector: ArrayLike<number>,
    opts: { limit: number; minSimilarity?: number; exclude?: number },
  ): Promise<Neighbour[]>;
  /** How many vectors of this embedder are in memory now (0 before the first query). */
  size(embedder: string): number;
};

/** The two caches the web app searches: articles for /search, story centroids for related stories. */
export type NeighbourCaches = { articles: VectorCache; stories: VectorCache };

export function createNeighbourCaches(db: Db, options: Partial<VectorCacheOptions> = {}): NeighbourCaches {
  return {
    articles: createVectorCache(db, articleVectors, options),
    stories: createVectorCache(db, storyCentroids, options),
  };
}

type Entry = {
  set: VectorSet | null;
  newestStamp: number;
  checkedAt: number;
  loadedAt: number;
  pending: Promise<void> | null;
};
type Row = { id: number; vector: string | null; stamp: number };

export function createVectorCache(
  db: Db,
  source: VectorSource,
  options: Partial<VectorCacheOptions> = {},
): VectorCache {
  const opts = { ...VECTOR_CACHE_DEFAULTS, ...options };
  const entries = new Map<string, Entry>();
  const stampUs = sql<number>`(extract(epoch from ${source.stamp}) * 1000000)::float8`;
  const live = source.live ?? sql`true`;

  async function fresh(embedder: string): Promise<Entry> {
    let entry = entries.get(embedder);
    if (!entry)
      entries.set(
        embedder,
        (entry = { set: null, newestStamp: -Infinity, checkedAt: -Infinity, loadedAt: -Infinity, pending: null }),
      );
    const now = opts.now();
    // Concurrent queries share one look; within the TTL they share the last one.
    if (!entry.pending && now - entry.checkedAt >= opts.ttlMs) {
      const e = entry;
      const look = now - e.loadedAt >= opts.reloadMs ? reload(embedder, e, now) : catchUp(embedder, e, now);
      e.pending = look.finally(() => (e.pending = null));
    }
    if (entry.pending) await entry.pending;
    return entry;
  }

  async function reload(embedder: string, entry: Entry, now: number): Promise<void> {
    const rows = await queryRows<Row>(
      db,
      sql`SELECT ${source.id} AS id, ${vectorText(source.vector)} AS vector, ${stampUs} AS stamp FROM ${source.table}
          WHERE ${source.key} = ${embedder} AND ${live} ORDER BY ${source.stamp} DESC LIMIT ${opts.maxVectors}`,
    );
    entry.set = fill(null, rows);
    entry.newestStamp = rows.length ? Number(rows[0].stamp) : -Infinity;
    entry.checkedAt = entry.loadedAt = now;
  }

  async function catchUp(embedder: string, entry: Entry, now: number): Promise<void> {
    const since = Number.isFinite(entry.newestStamp) ? entry.newestStamp - opts.marginMs * 1000 : 0;
    const changed = await queryRows<{ id: number; stamp: number; live: boolean }>(
      db,
      sql`SELECT ${source.id} AS id, ${stampUs} AS stamp, ${live} AS live FROM ${source.table}
          WHERE ${source.key} = ${embedder} AND ${source.stamp} >= to_timestamp(${since / 1e6}::float8) ORDER BY ${source.stamp} DESC LIMIT ${opts.maxVectors}`,
    );
    for (const r of changed) if (!r.live) entry.set?.remove(Number(r.id));
    const stale = changed
      .filter((r) => r.live && entry.set?.stampOf(Number(r.id)) !== Number(r.stamp))
      .map((r) => Number(r.id));
    const rows: Row[] = [];
    for (let i = 0; i < stale.length; i += 5000) {
      rows.push(
        ...(await queryRows<Row>(
          db,
          sql`SELECT ${source.id} AS id, ${vectorText(source.vector)} AS vector, ${stampUs} AS stamp FROM ${source.table}
              WHERE ${inArray(source.id, stale.slice(i, i + 5000))} AND ${source.key} = ${embedder} AND ${live}`,
        )),
      );
    }
    entry.set = fill(
      entry.set,
      rows.sort((a, b) => Number(b.stamp) - Number(a.stamp)),
    );
    for (const r of changed) entry.newestStamp = Math.max(entry.newestStamp, Number(r.stamp));
    entry.checkedAt = now;
  }

  /** Adds rows given newest first, oldest first so the set's front stays its oldest. */
  function fill(set: VectorSet | null, newestFirst: Row[]): VectorSet | null {
    for (let i = newestFirst.length - 1; i >= 0; i--) {
      const vector = parseVector(newestFirst[i].vector);
      if (!vector) continue;
      set ??= new VectorSet(vector.length, opts.maxVectors);
      if (vector.length === set.dims) set.put(Number(newestFirst[i].id), vector, Number(newestFirst[i].stamp));
    }
    return set;
  }

  return {
    async nearest(embedder, vector, query) {
      const { set } = await fresh(embedder);
      return set ? set.nearest(vector, query.limit, query) : [];
    },
    size: (embedder) => entries.get(embedder)?.set?.size ?? 0,
  };
}
