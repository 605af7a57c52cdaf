import { and, eq, gte, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { stories } from './stories.sql.ts';
import { parseVector, vectorText } from './vectors.ts';

export type WindowStory = { storyId: number; centroid: ArrayLike<number> | null; count: number };

/**
 * Story centroids for assignment, kept by one enrichment process between articles. Each lookup
 * still asks the database which stories are in the window and when each last changed
 * (stories.updated_at moves with every centroid change, merge and split), but reads and parses
 * only the centroids that changed since this process last read them: with thousands of stories in
 * a window, that parsing, not the query, was the cost of assigning an article (bench:stories).
 * Exact: a centroid is used only when its stamp is the one in the database now, read inside the
 * assigning transaction under its lock.
 */
export type CentroidCache = {
  inWindow(tx: Db, embedder: string, notBefore: Date, notAfter: Date): Promise<WindowStory[]>;
  size(): number;
};

/** Entries not in any window for this many lookups are dropped (stories that aged out). */
const EVICT_AFTER_LOOKUPS = 2_000;

export function createCentroidCache(): CentroidCache {
  const cache = new Map<number, { stamp: string; centroid: Float32Array | null; seen: number }>();
  let lookups = 0;
  const stamp = sql<string>`(extract(epoch from ${stories.updatedAt}) * 1000000)::bigint::text`;
  return {
    async inWindow(tx, embedder, notBefore, notAfter) {
      lookups += 1;
      const rows = await tx
        .select({ storyId: stories.storyId, count: stories.articleCount, stamp })
        .from(stories)
        .where(and(isNull(stories.mergedInto), eq(stories.embedder, embedder), gte(stories.lastPublishedAt, notBefore), lte(stories.firstPublishedAt, notAfter)));
      const stale = rows.filter((r) => cache.get(r.storyId)?.stamp !== r.stamp).map((r) => r.storyId);
      for (let at = 0; at < stale.length; at += 5_000) {
        const fresh = await tx
          .select({ storyId: stories.storyId, centroid: vectorText(stories.centroid), stamp })
          .from(stories)
          .where(inArray(stories.storyId, stale.slice(at, at + 5_000)));
        for (const f of fresh) {
          const v = parseVector(f.centroid);
          cache.set(f.storyId, { stamp: f.stamp, centroid: v ? Float32Array.from(v) : null, seen: lookups });
        }
      }
      const out: WindowStory[] = [];
      for (const r of rows) {
        const hit = cache.get(r.storyId);
        // Changed between the two reads is impossible under the assignment lock, except by a
        // writer that does not take it (a moderator's merge): then the story is read again next time.
        if (!hit || hit.stamp !== r.stamp) continue;
        hit.seen = lookups;
        out.push({ storyId: r.storyId, centroid: hit.centroid, count: r.count });
      }
      if (lookups % EVICT_AFTER_LOOKUPS === 0) for (const [id, e] of cache) if (lookups - e.seen >= EVICT_AFTER_LOOKUPS) cache.delete(id);
      return out;
    },
    size: () => cache.size,
  };
}
