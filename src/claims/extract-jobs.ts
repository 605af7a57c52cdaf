import { inArray } from 'drizzle-orm';
import { articles } from '../articles/articles.sql.ts';
import type { Db } from '../db/client.ts';
import { inTransaction } from '../db/sql.ts';
import * as Jobs from '../enrich/jobs.ts';
import { errorMessage } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { Claim, TextKind } from './extract/types.ts';
import { replaceClaims } from './ledger.ts';
import { refreshTags } from '../stories/tags.ts';

/** Where extraction runs: the worker pool's `claims` task, or in-process (same deterministic code). */
export type ClaimExtractor = {
  version: string;
  extract(
    items: { text: string; kind: TextKind; title?: string | null }[],
    opts?: { signal?: AbortSignal },
  ): Promise<Claim[][]>;
};

export type ExtractDeps = {
  db: Db;
  extractor: ClaimExtractor;
  log: Logger;
  owner: string;
  batchSize: number;
  leaseSeconds: number;
  maxAttempts: number;
  /** Only these articles' jobs (the demo import extracts its own articles before start-up, nothing else). */
  articleIds?: number[];
  /** Levels stated this many days apart or less are one figure (LEDGER_LEVEL_WINDOW_DAYS). */
  levelWindowDays?: number;
};

/** Claims one batch of `claims` jobs, extracts each article's figures and files them in the ledger. */
export async function extractBatch(
  deps: ExtractDeps,
  signal?: AbortSignal,
): Promise<{ claimed: number; done: number; failed: number; parked: number }> {
  const jobs = await Jobs.claim(deps.db, deps.owner, {
    kind: 'claims',
    limit: deps.batchSize,
    leaseSeconds: deps.leaseSeconds,
    articleIds: deps.articleIds,
  });
  const result = { claimed: jobs.length, done: 0, failed: 0, parked: 0 };
  if (jobs.length === 0) return result;
  const rows = await deps.db
    .select({
      articleId: articles.articleId,
      title: articles.title,
      contentText: articles.contentText,
      publishedAt: articles.publishedAt,
      storyId: articles.storyId,
    })
    .from(articles)
    .where(
      inArray(
        articles.articleId,
        jobs.map((j) => j.articleId),
      ),
    );
  const byId = new Map(rows.map((r) => [r.articleId, r]));
  const said = (j: { articleId: number }) => byId.get(j.articleId)?.publishedAt.getTime() ?? Infinity;
  for (const job of [...jobs].sort((a, b) => said(a) - said(b) || a.jobId - b.jobId)) {
    const article = byId.get(job.articleId);
    try {
      const [found] = await deps.extractor.extract(
        [{ text: article?.contentText ?? '', kind: 'prose', title: article?.title ?? null }],
        { signal },
      );
      await inTransaction(deps.db, async (tx) => {
        await replaceClaims(tx, { articleId: job.articleId }, found, {
          extractorVersion: deps.extractor.version,
          statedAt: article?.publishedAt ?? new Date(),
          levelWindowDays: deps.levelWindowDays,
        });
        if (article?.storyId) await refreshTags(tx, article.storyId);
        await Jobs.complete(tx, job.jobId, deps.owner, deps.extractor.version);
      });
      result.done += 1;
    } catch (err) {
      const status = await Jobs.fail(deps.db, job, deps.owner, errorMessage(err), deps.maxAttempts);
      deps.log.warn('claim extraction failed', { articleId: job.articleId, status, error: errorMessage(err) });
      result[status === 'parked' ? 'parked' : 'failed'] += 1;
    }
  }
  return result;
}
