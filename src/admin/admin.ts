import { and, desc, eq, isNotNull, or, gt } from 'drizzle-orm';
import { articles } from '../articles/articles.sql.ts';
import type { Db } from '../db/client.ts';
import { enrichmentJobs } from '../enrich/enrich.sql.ts';
import * as Jobs from '../enrich/jobs.ts';
import { feeds } from '../feeds/feeds.sql.ts';

export type ParkedJob = {
  jobId: number;
  kind: string;
  articleId: number;
  title: string;
  attempts: number;
  lastError: string | null;
  updatedAt: Date;
};

/** What an operator needs on one screen: the enrichment backlog, parked work and unhealthy feeds. */
export async function overview(db: Db) {
  const backlog = { embed: await Jobs.backlog(db, 'embed'), claims: await Jobs.backlog(db, 'claims') };
  const parked: ParkedJob[] = await db
    .select({
      jobId: enrichmentJobs.jobId,
      kind: enrichmentJobs.kind,
      articleId: enrichmentJobs.articleId,
      title: articles.title,
      attempts: enrichmentJobs.attempts,
      lastError: enrichmentJobs.lastError,
      updatedAt: enrichmentJobs.updatedAt,
    })
    .from(enrichmentJobs)
    .innerJoin(articles, eq(articles.articleId, enrichmentJobs.articleId))
    .where(eq(enrichmentJobs.status, 'parked'))
    .orderBy(desc(enrichmentJobs.updatedAt))
    .limit(100);
  const unhealthy = await db
    .select()
    .from(feeds)
    .where(or(isNotNull(feeds.disabledAt), and(gt(feeds.consecutiveErrors, 0))))
    .orderBy(desc(feeds.consecutiveErrors))
    .limit(100);
  return { backlog, parked, unhealthy };
}
