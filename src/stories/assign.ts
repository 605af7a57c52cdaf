import { and, eq, sql } from 'drizzle-orm';
import { articleSources, articles } from '../articles/articles.sql.ts';
import { articleEmbeddings } from '../enrich/enrich.sql.ts';
import type { Db } from '../db/client.ts';
import { feeds } from '../feeds/feeds.sql.ts';
import { LEXICAL_EMBEDDER } from '../ml/lexical-embedder.ts';
import { createCentroidCache, storyStamp, type CentroidCache } from './centroid-cache.ts';
import { eventSignature, mergeSignatures } from './event-signature.ts';
import { pickSameEvent } from './same-event.ts';
import { stories } from './stories.sql.ts';
import { storyThreshold } from './threshold.ts';
import { pickStory, storyWindow } from './tune.ts';
import { addToCentroid, normalize } from './vectors.ts';

/**
 * threshold: one cosine for every embedder, or null: lexical-v1 vectors then get the same-event
 * decision (same-event.ts), other embedders their own cosine threshold (threshold.ts).
 */
export type StoryPolicy = { windowDays: number; threshold: number | null };
export type Assignment = { storyId: number; joined: boolean; similarity: number | null };

/** Story assignment serialises on this lock so two workers never start twin stories for one event. */
const ASSIGN_LOCK = 7_301_001;

/**
 * Puts an embedded article into the story whose coverage is within the window and that most likely
 * covers its event (or, with a cosine threshold, the most similar one), or starts a new one. An article already in a story stays there (re-embedding refreshes the story).
 * Must run inside a transaction. `centroids` spares re-reading unchanged centroids (one per process).
 */
export async function assignStory(
  tx: Db,
  articleId: number,
  vector: number[],
  embedder: string,
  policy: StoryPolicy,
  centroids?: CentroidCache,
): Promise<Assignment> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${ASSIGN_LOCK})`);
  const [article] = await tx
    .select({
      publishedAt: articles.publishedAt,
      storyId: articles.storyId,
      title: articles.title,
      summary: articles.summary,
    })
    .from(articles)
    .where(eq(articles.articleId, articleId));
  if (!article) throw new Error(`article ${articleId} vanished before story assignment`);
  if (article.storyId !== null) {
    await recomputeCentroid(tx, article.storyId, embedder);
    return { storyId: article.storyId, joined: true, similarity: null };
  }

  // The window and the pick are the pure functions in tune.ts, which the offline evaluation replays.
  const { notBefore, notAfter } = storyWindow(article.publishedAt, policy.windowDays);
  // Every article weighs every centroid in its window, through the process's cache (centroid-cache.ts);
  // a caller without one gets a cache for this article alone, which reads them all.
  const cache = centroids ?? createCentroidCache();
  const candidates = await cache.inWindow(tx, embedder, notBefore, notAfter);
  // The learned decision was trained on lexical-v1 cosines; a sentence model keeps its cosine threshold.
  const signature =
    policy.threshold === null && embedder === LEXICAL_EMBEDDER ? eventSignature(article.title, article.summary) : null;
  if (signature) cache.remember(articleId, signature);
  const pick = signature
    ? pickSameEvent(candidates, { vector, signature, publishedAt: article.publishedAt })
    : pickStory(candidates, vector, storyThreshold(embedder, policy.threshold));
  if (pick?.joins) {
    const best = { ...pick.story, centroid: pick.story.centroid!, similarity: pick.similarity };
    const centroid = addToCentroid(best.centroid, best.count, vector);
    const [written] = await tx
      .update(stories)
      .set({
        centroid,
        articleCount: sql`${stories.articleCount} + 1`,
        firstPublishedAt: sql`least(${stories.firstPublishedAt}, ${article.publishedAt.toISOString()}::timestamptz)`,
        lastPublishedAt: sql`greatest(${stories.lastPublishedAt}, ${article.publishedAt.toISOString()}::timestamptz)`,
        updatedAt: sql`now()`,
      })
      .where(eq(stories.storyId, best.storyId))
      .returning({ stamp: storyStamp });
    await tx.update(articles).set({ storyId: best.storyId }).where(eq(articles.articleId, articleId));
    // refreshLead's now() is this transaction's, so the stamp stays the one just returned.
    await refreshLead(tx, best.storyId);
    if (signature)
      cache.rememberStory(best.storyId, written.stamp, centroid, mergeSignatures([best.signature, signature]));
    return { storyId: best.storyId, joined: true, similarity: best.similarity };
  }
  const [created] = await tx
    .insert(stories)
    .values({
      title: article.title,
      leadArticleId: articleId,
      articleCount: 1,
      firstPublishedAt: article.publishedAt,
      lastPublishedAt: article.publishedAt,
      centroid: normalize(vector),
      embedder,
    })
    .returning({ storyId: stories.storyId, stamp: storyStamp });
  if (signature) cache.rememberStory(created.storyId, created.stamp, normalize(vector), signature);
  await tx.update(articles).set({ storyId: created.storyId }).where(eq(articles.articleId, articleId));
  return { storyId: created.storyId, joined: false, similarity: pick?.similarity ?? null };
}

/** The lead is the article from the highest-priority source, earliest first; the story takes its title. */
export async function refreshLead(tx: Db, storyId: number): Promise<void> {
  const [lead] = await tx
    .select({ articleId: articles.articleId, title: articles.title })
    .from(articles)
    .leftJoin(articleSources, eq(articleSources.articleId, articles.articleId))
    .leftJoin(feeds, eq(feeds.feedId, articleSources.feedId))
    .where(eq(articles.storyId, storyId))
    .groupBy(articles.articleId)
    .orderBy(sql`max(coalesce(${feeds.priority}, 0)) desc`, articles.publishedAt, articles.articleId)
    .limit(1);
  if (lead)
    await tx
      .update(stories)
      .set({ leadArticleId: lead.articleId, title: lead.title, updatedAt: sql`now()` })
      .where(eq(stories.storyId, storyId));
}

/** After re-embedding, a story's centroid is rebuilt from its members' vectors of the current embedder. */
async function recomputeCentroid(tx: Db, storyId: number, embedder: string): Promise<void> {
  const rows = await tx
    .select({ vector: articleEmbeddings.vector })
    .from(articleEmbeddings)
    .innerJoin(articles, eq(articles.articleId, articleEmbeddings.articleId))
    .where(and(eq(articles.storyId, storyId), eq(articleEmbeddings.embedder, embedder)));
  if (rows.length === 0) return;
  const sum = rows[0].vector.map((_, i) => rows.reduce((acc, r) => acc + r.vector[i], 0));
  await tx
    .update(stories)
    .set({ centroid: normalize(sum), embedder, updatedAt: sql`now()` })
    .where(eq(stories.storyId, storyId));
}
