import { eq, sql } from 'drizzle-orm';
import { articles } from '../articles/articles.sql.ts';
import { articleEmbeddings } from '../enrich/enrich.sql.ts';
import type { Db } from '../db/client.ts';
import { inTransaction } from '../db/sql.ts';
import { AppError } from '../errors.ts';
import { refreshLead } from './assign.ts';
import { stories } from './stories.sql.ts';
import { normalize } from './vectors.ts';
import { moveDiscussion } from '../discussion/move.ts';

/** Moves every article of `fromId` into `intoId`; the old story redirects to the new one. */
export async function merge(db: Db, fromId: number, intoId: number): Promise<void> {
  if (fromId === intoId) throw new AppError('story_merge', 'A story cannot be merged into itself.', { status: 400 });
  await inTransaction(db, async (tx) => {
    const [from] = await tx.select().from(stories).where(eq(stories.storyId, fromId));
    const [into] = await tx.select().from(stories).where(eq(stories.storyId, intoId));
    if (!from || !into) throw new AppError('not_found', 'No such story.', { status: 404 });
    if (from.mergedInto || into.mergedInto)
      throw new AppError('story_merge', 'That story was already merged.', { status: 409 });
    await tx.update(articles).set({ storyId: intoId }).where(eq(articles.storyId, fromId));
    await moveDiscussion(tx, fromId, intoId);
    await tx
      .update(stories)
      .set({ mergedInto: intoId, articleCount: 0, updatedAt: sql`now()` })
      .where(eq(stories.storyId, fromId));
    // Stories that were merged into `from` now point at `into` directly.
    await tx.update(stories).set({ mergedInto: intoId }).where(eq(stories.mergedInto, fromId));
    await recount(tx, intoId);
  });
}

/** Takes an article out of its story into a new story of its own; returns the new story's id. */
export async function split(db: Db, articleId: number): Promise<number> {
  return inTransaction(db, async (tx) => {
    const [article] = await tx.select().from(articles).where(eq(articles.articleId, articleId));
    if (!article?.storyId) throw new AppError('not_found', 'That article is not in a story.', { status: 404 });
    const [emb] = await tx.select().from(articleEmbeddings).where(eq(articleEmbeddings.articleId, articleId));
    const [created] = await tx
      .insert(stories)
      .values({
        title: article.title,
        leadArticleId: articleId,
        articleCount: 1,
        firstPublishedAt: article.publishedAt,
        lastPublishedAt: article.publishedAt,
        centroid: emb ? normalize(emb.vector) : null,
        embedder: emb?.embedder ?? null,
      })
      .returning({ storyId: stories.storyId });
    const previous = article.storyId;
    await tx.update(articles).set({ storyId: created.storyId }).where(eq(articles.articleId, articleId));
    await recount(tx, previous);
    return created.storyId;
  });
}

/** Recomputes a story's counts, time span, centroid and lead from its current members. */
export async function recount(tx: Db, storyId: number): Promise<void> {
  const members = await tx
    .select({
      publishedAt: articles.publishedAt,
      vector: articleEmbeddings.vector,
      embedder: articleEmbeddings.embedder,
    })
    .from(articles)
    .leftJoin(articleEmbeddings, eq(articleEmbeddings.articleId, articles.articleId))
    .where(eq(articles.storyId, storyId));
  if (members.length === 0) {
    await tx
      .update(stories)
      .set({ articleCount: 0, updatedAt: sql`now()` })
      .where(eq(stories.storyId, storyId));
    return;
  }
  const times = members.map((m) => m.publishedAt.getTime());
  const embedder = members.find((m) => m.embedder)?.embedder ?? null;
  const vectors = members.filter((m) => m.embedder === embedder && m.vector).map((m) => m.vector!);
  const centroid = vectors.length ? normalize(vectors[0].map((_, i) => vectors.reduce((s, v) => s + v[i], 0))) : null;
  await tx
    .update(stories)
    .set({
      articleCount: members.length,
      firstPublishedAt: new Date(Math.min(...times)),
      lastPublishedAt: new Date(Math.max(...times)),
      centroid,
      embedder,
      updatedAt: sql`now()`,
    })
    .where(eq(stories.storyId, storyId));
  await refreshLead(tx, storyId);
}
