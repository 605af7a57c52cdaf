import type { Context } from 'hono';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import type { TextEmbedder } from '../enrich/enrich.ts';
import type { EnrichStats } from '../enrich/runner.ts';
import type { Logger } from '../log.ts';
import type { NeighbourCaches } from '../stories/vector-cache.ts';
import type { Action, ActionLimit, ActionLimits } from './http/action-limits.ts';

/** What the composition root (src/main.ts) hands the web app. */
export type AppDeps = {
  db: Db;
  config: Config;
  log: Logger;
  now: () => Date;
  /** Facts for the about page and /healthz that the composition root knows. */
  info: { database: 'pglite' | 'postgres'; embedder: string; version: string };
  /** The enrichment pool, for embedding search queries; null when this process runs none. */
  embedder: TextEmbedder | null;
  /** In-memory article vectors and story centroids for search and related stories (src/stories/vector-cache.ts). */
  neighbours: NeighbourCaches;
  /** Counters of this process's enrichment runner, for /metrics. */
  enrichStats?: () => EnrichStats;
  /** Overrides of the per-action rate limits (tests use tiny ones). */
  rateLimits?: Partial<Record<Action, Partial<ActionLimit>>>;
};

/** What routes that take input get besides AppDeps: the action rate limits (kept in the database) and the cookie policy. */
export type WebDeps = AppDeps & { limits: ActionLimits; secure: (c: Context) => boolean };
