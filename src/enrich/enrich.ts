import { inArray, sql } from 'drizzle-orm';
import { articles } from '../articles/articles.sql.ts';
import type { Db } from '../db/client.ts';
import { inTransaction } from '../db/sql.ts';
import { errorMessage } from '../errors.ts';
import type { Logger } from '../log.ts';
import { assignStory, type StoryPolicy } from '../stories/assign.ts';
import type { CentroidCache } from '../stories/centroid-cache.ts';
import { refreshTags } from '../stories/tags.ts';
import { articleEmbeddings } from './enrich.sql.ts';
import * as Jobs from './jobs.ts';

/** What enrichment needs from the worker pool (src/ml/pool.ts), so tests can run a real pool or the lexical one. */
export type TextEmbedder = {
  embed(
    texts: string[],
    opts?: { signal?: AbortSignal },
  ): Promise<{ embedder: string; dims: number; vectors: ArrayLike<number>[] }>;
};

export type EnrichDeps = {
  db: Db;
  embedder: TextEmbedder;
  log: Logger;
  owner: string;
  batchSize: number;
  leaseSeconds: number;
  maxAttempts: number;
  stories: StoryPolicy;
  /** This process's story centroids between articles (src/stories/centroid-cache.ts). */
  centroids?: CentroidCache;
};

export type BatchResult = { claimed: number; done: number; failed: number; parked: number };

/** The text a story is recognised by: the headline and the opening of the article. */
export function embeddingText(a: { title: string; summary: string | null; contentText: string }): string {
  const body = (a.summary || a.contentText).slice(0, 1000);
  return `${a.title}\n${body}`.trim();
}

/**
 * Claims one batch of embed jobs, embeds the articles in the pool, stores each vector and puts the
 * article into a story, all per article in one transaction with the job's completion. A batch that
 * fails is retried article by article so one poison article cannot hold back its neighbours.
 */
export async function enrichBatch(deps: EnrichDeps, signal?: AbortSignal): Promise<BatchResult> {
  const jobs = await Jobs.claim(deps.db, deps.owner, {
    kind: 'embed',
    limit: deps.batchSize,
    leaseSeconds: deps.leaseSeconds,
  });
  const result: BatchResult = { claimed: jobs.length, done: 0, failed: 0, parked: 0 };
  if (jobs.length === 0) return result;
  const rows = await deps.db
    .select({
      articleId: articles.articleId,
      title: articles.title,
      summary: articles.summary,
      contentText: articles.contentText,
    })
    .from(articles)
    .where(
      inArray(
        articles.articleId,
        jobs.map((j) => j.articleId),
      ),
    );
  const byId = new Map(rows.map((r) => [r.articleId, r]));
  const texts = jobs.map((j) => embeddingText(byId.get(j.articleId) ?? { title: '', summary: null, contentText: '' }));
  let embedded: Awaited<ReturnType<TextEmbedder['embed']>> | undefined;
  try {
    embedded = await deps.embedder.embed(texts, { signal });
  } catch (err) {
    if (jobs.length === 1) return record(result, await failJob(deps, jobs[0], err));
    deps.log.warn('batch embedding failed; retrying one by one', { jobs: jobs.length, error: errorMessage(err) });
  }
  for (const [i, job] of jobs.entries()) {
    try {
      const one = embedded
        ? { embedder: embedded.embedder, dims: embedded.dims, vector: embedded.vectors[i] }
        : await embedOne(deps, texts[i], signal);
      await store(deps, job, one);
      result.done += 1;
    } catch (err) {
      record(result, await failJob(deps, job, err));
    }
  }
  return result;
}

async function embedOne(deps: EnrichDeps, text: string, signal?: AbortSignal) {
  const r = await deps.embedder.embed([text], { signal });
  return { embedder: r.embedder, dims: r.dims, vector: r.vectors[0] };
}

async function store(
  deps: EnrichDeps,
  job: Jobs.ClaimedJob,
  e: { embedder: string; dims: number; vector: ArrayLike<number> },
): Promise<void> {
  const vector = Array.from(e.vector);
  await inTransaction(deps.db, async (tx) => {
    await tx
      .insert(articleEmbeddings)
      .values({ articleId: job.articleId, embedder: e.embedder, dims: e.dims, vector })
      .onConflictDoUpdate({
        target: articleEmbeddings.articleId,
        set: { embedder: e.embedder, dims: e.dims, vector, createdAt: sql`now()` },
      });
    const { storyId } = await assignStory(tx, job.articleId, vector, e.embedder, deps.stories, deps.centroids);
    await refreshTags(tx, storyId);
    await Jobs.complete(tx, job.jobId, deps.owner, e.embedder);
  });
}

async function failJob(deps: EnrichDeps, job: Jobs.ClaimedJob, err: unknown): Promise<'pending' | 'parked'> {
  const status = await Jobs.fail(deps.db, job, deps.owner, errorMessage(err), deps.maxAttempts);
  deps.log.warn(
    status === 'parked' ? 'article parked after repeated enrichment failures' : 'enrichment failed; will retry',
    { articleId: job.articleId, attempts: job.attempts, error: errorMessage(err) },
  );
  return status;
}

function record(result: BatchResult, status: 'pending' | 'parked'): BatchResult {
  if (status === 'parked') result.parked += 1;
  else result.failed += 1;
  return result;
}
