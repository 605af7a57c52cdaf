import { and, eq, gte, inArray, isNull, lte, sql } from 'drizzle-orm';
import { articles } from '../articles/articles.sql.ts';
import type { Db } from '../db/client.ts';
import { eventSignature, mergeSignatures, type EventSignature } from './event-signature.ts';
import { stories } from './stories.sql.ts';
import { parseVector, vectorText } from './vectors.ts';

export type WindowStory = {
  storyId: number;
  centroid: ArrayLike<number> | null;
  count: number;
  firstPublishedAt: Date;
  lastPublishedAt: Date;
  /** The union of its members' event signatures (event-signature.ts), for the same-event decision. */
  signature: EventSignature;
};

/**
 * Story centroids for assignment, kept by one enrichment process between articles. Each lookup
 * still asks the database which stories are in the window and when each last changed
 * (stories.updated_at moves with every centroid change, merge and split), but reads and parses
 * only the centroids that changed since this process last read them: with thousands of stories in
 * a window, that parsing, not the query, was the cost of assigning an article (bench:stories).
 * Exact: a centroid is used only when its stamp is the one in the database now, read inside the
 * assigning transaction under its lock. Beside each centroid it keeps the story's event signature
 * (the union of its members', event-signature.ts), re-signing only members it has not signed yet.
 */
export type CentroidCache = {
  inWindow(tx: Db, embedder: string, notBefore: Date, notAfter: Date): Promise<WindowStory[]>;
  /** Keeps an article's signature, computed to assign it, for when its story is next re-read. */
  remember(articleId: number, signature: EventSignature): void;
  /**
   * Keeps what the assigning transaction itself wrote to a story, with the stamp the write
   * returned (`storyStamp`): the next lookup finds the stamp unchanged and reads nothing. Still exact:
   * if the transaction rolls back, the database keeps the older stamp and the story is read again.
   */
  rememberStory(storyId: number, stamp: string, centroid: ArrayLike<number>, signature: EventSignature): void;
  size(): number;
};

/** Entries not in any window for this many lookups are dropped (stories that aged out). */
const EVICT_AFTER_LOOKUPS = 2_000;
const MAX_ARTICLE_SIGNATURES = 100_000;

/** A story's version as the cache compares it: updated_at in microseconds (it moves with every change). */
export const storyStamp = sql<string>`(extract(epoch from ${stories.updatedAt}) * 1000000)::bigint::text`;

export function createCentroidCache(): CentroidCache {
  const cache = new Map<
    number,
    { stamp: string; centroid: Float32Array | null; signature: EventSignature; seen: number }
  >();
  // Members' signatures, so a story that gained one article re-signs only that one.
  const articleSignatures = new Map<number, EventSignature>();
  let lookups = 0;
  const stamp = storyStamp;
  return {
    async inWindow(tx, embedder, notBefore, notAfter) {
      lookups += 1;
      const rows = await tx
        .select({
          storyId: stories.storyId,
          count: stories.articleCount,
          stamp,
          firstPublishedAt: stories.firstPublishedAt,
          lastPublishedAt: stories.lastPublishedAt,
        })
        .from(stories)
        .where(
          and(
            isNull(stories.mergedInto),
            eq(stories.embedder, embedder),
            gte(stories.lastPublishedAt, notBefore),
            lte(stories.firstPublishedAt, notAfter),
          ),
        );
      const stale = rows.filter((r) => cache.get(r.storyId)?.stamp !== r.stamp).map((r) => r.storyId);
      for (let at = 0; at < stale.length; at += 5_000) {
        const ids = stale.slice(at, at + 5_000);
        const fresh = await tx
          .select({ storyId: stories.storyId, centroid: vectorText(stories.centroid), stamp })
          .from(stories)
          .where(inArray(stories.storyId, ids));
        const members = await tx
          .select({
            storyId: articles.storyId,
            articleId: articles.articleId,
            title: articles.title,
            summary: articles.summary,
          })
          .from(articles)
          .where(inArray(articles.storyId, ids));
        const signed = new Map<number, EventSignature[]>();
        for (const m of members) {
          let sig = articleSignatures.get(m.articleId);
          if (!sig) {
            if (articleSignatures.size >= MAX_ARTICLE_SIGNATURES) articleSignatures.clear();
            articleSignatures.set(m.articleId, (sig = eventSignature(m.title, m.summary)));
          }
          signed.set(m.storyId!, [...(signed.get(m.storyId!) ?? []), sig]);
        }
        for (const f of fresh) {
          const v = parseVector(f.centroid);
          cache.set(f.storyId, {
            stamp: f.stamp,
            centroid: v ? Float32Array.from(v) : null,
            signature: mergeSignatures(signed.get(f.storyId) ?? []),
            seen: lookups,
          });
        }
      }
      const out: WindowStory[] = [];
      for (const r of rows) {
        const hit = cache.get(r.storyId);
        // Changed between the two reads is impossible under the assignment lock, except by a
        // writer that does not take it (a moderator's merge): then the story is read again next time.
        if (!hit || hit.stamp !== r.stamp) continue;
        hit.seen = lookups;
        out.push({
          storyId: r.storyId,
          centroid: hit.centroid,
          count: r.count,
          firstPublishedAt: r.firstPublishedAt,
          lastPublishedAt: r.lastPublishedAt,
          signature: hit.signature,
        });
      }
      if (lookups % EVICT_AFTER_LOOKUPS === 0)
        for (const [id, e] of cache) if (lookups - e.seen >= EVICT_AFTER_LOOKUPS) cache.delete(id);
      return out;
    },
    remember(articleId, signature) {
      if (articleSignatures.size >= MAX_ARTICLE_SIGNATURES) articleSignatures.clear();
      articleSignatures.set(articleId, signature);
    },
    rememberStory(storyId, stamp, centroid, signature) {
      cache.set(storyId, { stamp, centroid: Float32Array.from(centroid), signature, seen: lookups });
    },
    size: () => cache.size,
  };
}
