import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';
import type { Logger } from '../log.ts';
import { errorMessage } from '../errors.ts';
import { prepareVectorIndex } from '../stories/vector-index.ts';
import { createEmbeddingPool, embeddingPoolOptions, type EmbeddingPool } from '../ml/pool.ts';
import type { TextEmbedder } from './enrich.ts';
import * as Jobs from './jobs.ts';
import { startEnrichment, type EnrichRunner } from './runner.ts';
import { createCentroidCache } from '../stories/centroid-cache.ts';
import { enrichBatch } from './enrich.ts';
import { extractBatch } from '../claims/extract-jobs.ts';
import { extractorVersion } from '../claims/embedding-metrics.ts';
import type { ClaimExtractor } from '../claims/extract-jobs.ts';

export type EnrichmentService = {
  embedder: TextEmbedder;
  /** e.g. "lexical-v1 (fallback: model folder … is missing …)" for the about page and logs. */
  description: string;
  runner: EnrichRunner;
  close(): Promise<void>;
};

/**
 * Starts the worker pool (failing fast on an unavailable device) and the loop that claims
 * enrichment jobs. Used by `serve` (in-process) and by `crosscheck worker` (a separate process
 * that shares the database's job queue).
 */
export async function startEnrichmentService(
  config: Config,
  database: Database,
  log: Logger,
  owner: string,
): Promise<EnrichmentService> {
  const pool: EmbeddingPool = await createEmbeddingPool(embeddingPoolOptions(config, log));
  const info = await pool.info();
  const description = info.fallbackReason
    ? `${info.embedder} (fallback: ${info.fallbackReason})`
    : `${info.embedder} on ${info.device}`;
  // pgvector, where present, gets an HNSW shadow index; building it may take minutes, so it runs in the background.
  void prepareVectorIndex(database.db, { dims: info.dims, log }).catch((err) =>
    log.warn('vector index not prepared', { error: errorMessage(err) }),
  );
  const requeued = await Jobs.requeueOutdated(database.db, 'embed', info.embedder);
  if (requeued)
    log.info('embedder changed: re-embedding in the background', { articles: requeued, embedder: info.embedder });
  // Extraction runs in the pool's threads (a `claims` task beside `embed`), with the model's tie-breaks when one is loaded.
  const extractor: ClaimExtractor = {
    version: extractorVersion(info.embedder),
    extract: async (items, opts) => (await pool.extractClaims(items, opts)).claims,
  };
  const reextract = await Jobs.requeueOutdated(database.db, 'claims', extractor.version);
  if (reextract)
    log.info('claim extractor upgraded: re-extracting in the background', {
      articles: reextract,
      version: extractor.version,
    });
  const common = {
    db: database.db,
    log,
    owner,
    batchSize: config.ENRICH_BATCH_SIZE,
    leaseSeconds: Math.max(60, config.FEED_LEASE_SECONDS),
    maxAttempts: 3,
  };
  const embedding = {
    ...common,
    embedder: pool,
    stories: { windowDays: config.STORY_WINDOW_DAYS, threshold: config.STORY_SIMILARITY },
    centroids: createCentroidCache(),
  };
  const runner = startEnrichment(
    [
      (signal) => enrichBatch(embedding, signal),
      (signal) => extractBatch({ ...common, extractor, levelWindowDays: config.LEDGER_LEVEL_WINDOW_DAYS }, signal),
    ],
    log,
    { idleMs: 2000 },
  );
  return {
    embedder: pool,
    description,
    runner,
    async close() {
      await runner.stop();
      await pool.close();
    },
  };
}
