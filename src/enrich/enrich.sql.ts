import { index, integer, pgTable, real, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { articles } from '../articles/articles.sql.ts';
import { createdAt, tstz, updatedAt } from '../db/columns.ts';

/**
 * One vector per article, with the embedder that made it (vectors of different embedders never mix).
 * created_at is reset on every re-embed, so the vector cache (src/stories/vector-cache.ts) reads
 * only what changed since its last look, through the (embedder, created_at) index.
 */
export const articleEmbeddings = pgTable(
  'article_embeddings',
  {
    articleId: integer('article_id')
      .primaryKey()
      .references(() => articles.articleId, { onDelete: 'cascade' }),
    embedder: text('embedder').notNull(),
    dims: integer('dims').notNull(),
    vector: real('vector').array().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('article_embeddings_embedder_created_at_idx').on(t.embedder, t.createdAt)],
);

/**
 * Enrichment work, claimed with leases by any process (`serve` or `crosscheck worker`).
 * status: pending → running (leased) → done | parked (failed too often; kept with its error).
 */
export const enrichmentJobs = pgTable(
  'enrichment_jobs',
  {
    jobId: serial('job_id').primaryKey(),
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.articleId, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    leaseOwner: text('lease_owner'),
    leaseUntil: tstz('lease_until'),
    lastError: text('last_error'),
    /** The embedder or extractor version that did the work: an upgrade re-queues older work. */
    version: text('version'),
    doneAt: tstz('done_at'),
    /** The article's publication time, copied when queued: a claims backlog is taken oldest first through the index below. */
    publishedAt: tstz('published_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('enrichment_jobs_article_kind_idx').on(t.articleId, t.kind),
    index('enrichment_jobs_status_idx').on(t.status, t.jobId),
    index('enrichment_jobs_kind_status_published_idx').on(t.kind, t.status, t.publishedAt, t.jobId),
  ],
);
