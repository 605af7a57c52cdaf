import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { queryRows } from '../db/sql.ts';
import { enrichmentJobs } from './enrich.sql.ts';

export type JobKind = 'embed' | 'claims';
export type ClaimedJob = { jobId: number; articleId: number; attempts: number };

/**
 * Queues work of one or more kinds for articles. Called inside the transaction that stores them,
 * so an article is never stored without its jobs. `reset` re-queues done or parked work (an
 * edited article). Rows go in (article, kind) order: concurrent writers lock them alike.
 */
export async function enqueue(
  db: Db,
  articleIds: number[],
  kinds: JobKind | JobKind[],
  opts: { reset?: boolean } = {},
): Promise<void> {
  if (articleIds.length === 0) return;
  const ids = [...new Set(articleIds)].sort((a, b) => a - b);
  const rows = ids.flatMap((a) => (Array.isArray(kinds) ? kinds : [kinds]).map((k) => ({ a, k })));
  // One JSON document rather than two parameters per row: a poll's group commit queues thousands.
  await db.execute(
    sql`INSERT INTO enrichment_jobs (article_id, kind, published_at)
        SELECT v.a, v.k, articles.published_at FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS v(a int, k text)
        JOIN articles ON articles.article_id = v.a
        ON CONFLICT (article_id, kind) DO ${
          opts.reset
            ? sql`UPDATE SET status = 'pending', attempts = 0, last_error = NULL, lease_owner = NULL, lease_until = NULL, published_at = EXCLUDED.published_at, updated_at = now()`
            : sql`NOTHING`
        }`,
  );
}

/** Claims pending jobs, and running ones whose lease expired (their process died). */
export async function claim(
  db: Db,
  owner: string,
  opts: { kind: JobKind; limit: number; leaseSeconds: number; articleIds?: number[] },
): Promise<ClaimedJob[]> {
  const only = opts.articleIds ? sql` AND article_id = ANY(${`{${opts.articleIds.join(',')}}`}::int[])` : sql``;
  // The ledger files claims as they were said: a backlog (a new feed's history, a restart) is
  // extracted oldest first, so which outlet's wording arrives first follows the news, not fetch order.
  // The publication time is copied onto the job when queued, so this reads one index, not every pending article.
  const order = opts.kind === 'claims' ? sql`published_at, job_id` : sql`job_id`;
  const rows = await queryRows<{ job_id: number; article_id: number; attempts: number }>(
    db,
    sql`UPDATE enrichment_jobs SET status = 'running', lease_owner = ${owner},
          lease_until = now() + make_interval(secs => ${opts.leaseSeconds}), attempts = attempts + 1, updated_at = now()
        WHERE job_id IN (
          SELECT job_id FROM enrichment_jobs
          WHERE kind = ${opts.kind} AND (status = 'pending' OR (status = 'running' AND lease_until < now()))${only}
          ORDER BY ${order} LIMIT ${opts.limit}
          FOR UPDATE SKIP LOCKED)
        RETURNING job_id, article_id, attempts`,
  );
  return rows.map((r) => ({ jobId: Number(r.job_id), articleId: Number(r.article_id), attempts: Number(r.attempts) }));
}

export async function complete(db: Db, jobId: number, owner: string, version: string): Promise<void> {
  await db
    .update(enrichmentJobs)
    .set({ status: 'done', version, doneAt: sql`now()`, leaseUntil: null, lastError: null, updatedAt: sql`now()` }) // lease_owner stays: who did it
    .where(and(eq(enrichmentJobs.jobId, jobId), eq(enrichmentJobs.leaseOwner, owner)));
}

/** A failure: back to pending, or parked with its error after `maxAttempts` (a poison article). */
export async function fail(
  db: Db,
  job: ClaimedJob,
  owner: string,
  error: string,
  maxAttempts: number,
): Promise<'pending' | 'parked'> {
  const status = job.attempts >= maxAttempts ? 'parked' : 'pending';
  await db
    .update(enrichmentJobs)
    .set({ status, lastError: error.slice(0, 2000), leaseOwner: null, leaseUntil: null, updatedAt: sql`now()` })
    .where(and(eq(enrichmentJobs.jobId, job.jobId), eq(enrichmentJobs.leaseOwner, owner)));
  return status;
}

export type Backlog = { pending: number; running: number; done: number; parked: number };

export async function backlog(db: Db, kind: JobKind): Promise<Backlog> {
  const rows = await db
    .select({ status: enrichmentJobs.status, n: sql<number>`count(*)::int` })
    .from(enrichmentJobs)
    .where(eq(enrichmentJobs.kind, kind))
    .groupBy(enrichmentJobs.status);
  const out: Backlog = { pending: 0, running: 0, done: 0, parked: 0 };
  for (const r of rows) out[r.status as keyof Backlog] = Number(r.n);
  return out;
}

export async function parked(db: Db, kind: JobKind, limit = 50) {
  return db
    .select()
    .from(enrichmentJobs)
    .where(and(eq(enrichmentJobs.kind, kind), eq(enrichmentJobs.status, 'parked')))
    .limit(limit);
}

/** Re-queues work done by another embedder or extractor version (an upgrade); runs in the background like any job. */
export async function requeueOutdated(db: Db, kind: JobKind, version: string): Promise<number> {
  const rows = await queryRows<{ job_id: number }>(
    db,
    sql`UPDATE enrichment_jobs SET status = 'pending', attempts = 0, last_error = null, updated_at = now()
        WHERE kind = ${kind} AND status = 'done' AND version IS DISTINCT FROM ${version} RETURNING job_id`,
  );
  return rows.length;
}

/** An operator retries a parked job: back to pending with a fresh attempt count. */
export async function retry(db: Db, jobId: number): Promise<boolean> {
  const rows = await db
    .update(enrichmentJobs)
    .set({ status: 'pending', attempts: 0, lastError: null, leaseOwner: null, leaseUntil: null, updatedAt: sql`now()` })
    .where(and(eq(enrichmentJobs.jobId, jobId), eq(enrichmentJobs.status, 'parked')))
    .returning({ jobId: enrichmentJobs.jobId });
  return rows.length > 0;
}
