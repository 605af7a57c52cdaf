import { eq, sql } from 'drizzle-orm';
import { articles } from '../articles/articles.sql.ts';
import type { Db } from '../db/client.ts';
import { inTransaction } from '../db/sql.ts';
import { stories } from './stories.sql.ts';

/** The lock assignStory (assign.ts) takes, so a worker never groups the same article at the same time. */
const ASSIGN_LOCK = 7_301_001;

/**
 * The story an article belongs to, starting a story of one when enrichment has not grouped it yet
 * (it has no centroid until the article is embedded; assignStory then fills it in and later
 * coverage can join). Used where something must attach to an article's story right away.
 */
export async function ensureStoryFor(db: Db, articleId: number): Promise<number> {
  return inTransaction(db, async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${ASSIGN_LOCK})`);
    const [article] = await tx
      .select({ storyId: articles.storyId, title: articles.title, publishedAt: articles.publishedAt })
      .from(articles)
      .where(eq(articles.articleId, articleId));
    if (!article) throw new Error(`article ${articleId} does not exist`);
    if (article.storyId !== null) return article.storyId;
    const [story] = await tx
      .insert(stories)
      .values({
        title: article.title,
        leadArticleId: articleId,
        articleCount: 1,
        firstPublishedAt: article.publishedAt,
        lastPublishedAt: article.publishedAt,
      })
      .returning({ storyId: stories.storyId });
    await tx.update(articles).set({ storyId: story.storyId }).where(eq(articles.articleId, articleId));
    return story.storyId;
  });
}
