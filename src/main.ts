import { serve, type ServerType } from '@hono/node-server';
import { closeServer } from './web/http/graceful-close.ts';
import { createApp } from './web/app.tsx';
import type { Config } from './config.ts';
import { openDatabase, type Database } from './db/client.ts';
import * as Feeds from './feeds/feeds.ts';
import { BUNDLED_DEMO_FEED, createFeedFetcher } from './ingest/fetchers.ts';
import { processOwner, startScheduler, type ScheduleDeps } from './ingest/schedule.ts';
import { refreshFeed } from './ingest/refresh.ts';
import { createFeedParser, inlineParser, type FeedParser } from './ingest/parse-pool.ts';
import { claimOne } from './feeds/feed-state.ts';
import { startEnrichmentService, type EnrichmentService } from './enrich/service.ts';
import { errorMessage } from './errors.ts';
import type { Logger } from './log.ts';
import { importDemoDiscussion } from './demo/discussion.ts';
import { createNeighbourCaches } from './stories/vector-cache.ts';

export const VERSION = '0.1.0';

/** Opens and migrates the configured database (PGlite under DATA_DIR unless DATABASE_URL is set). */
export async function openConfiguredDatabase(config: Config): Promise<Database> {
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL || undefined, dataDir: config.DATA_DIR });
  await database.migrate();
  return database;
}

/** What polling needs; the caller owns `parser`'s threads (PARSE_THREADS) and closes them. */
export function scheduleDeps(config: Config, database: Database, log: Logger): ScheduleDeps & { parser: FeedParser } {
  return {
    db: database.db,
    log,
    parser: createFeedParser(config.PARSE_THREADS),
    fetcher: createFeedFetcher({
      userAgent: config.USER_AGENT,
      timeoutMs: config.FETCH_TIMEOUT_MS,
      maxBytes: config.MAX_FEED_BYTES,
      maxRedirects: config.MAX_REDIRECTS,
      allowedPrivateHosts: config.ALLOWED_PRIVATE_HOSTS,
    }),
    policy: {
      pollIntervalMinutes: config.POLL_INTERVAL_MINUTES,
      maxBackoffMinutes: config.MAX_BACKOFF_MINUTES,
      disableAfterFailures: config.FEED_DISABLE_AFTER_FAILURES,
    },
    concurrency: { global: config.FETCH_CONCURRENCY, perHost: config.PER_HOST_CONCURRENCY },
    leaseSeconds: config.FEED_LEASE_SECONDS,
    owner: processOwner(),
  };
}

/**
 * Registers the bundled demo feed (idempotent) and, when it is due, ingests it before the server
 * listens, so the first page has something to show. Only the demo feed: it is read from disk in
 * milliseconds, while remote feeds are left to the scheduler so start-up never waits on the network.
 */
export async function ensureDemoFeed(database: Database, deps: ScheduleDeps, log: Logger): Promise<void> {
  const feed = await Feeds.add(database.db, { url: BUNDLED_DEMO_FEED, title: 'Crosscheck demo: AI compute economics' });
  const owner = deps.owner ?? processOwner();
  const claimed = await claimOne(database.db, owner, feed.feedId, deps.leaseSeconds);
  if (!claimed) return;
  const result = await refreshFeed(deps, claimed, owner);
  log.info('demo feed ingested', { status: result.status, newItems: result.newItems, error: result.error });
}

export type Running = { url: string; close(): Promise<void> };

export type ServerOptions = {
  /** Started once the database is open, stopped with the rest: the CLI's admin socket (src/cli-socket.ts). */
  admin?: (database: Database) => Promise<{ close(): Promise<void> } | null>;
};

/**
 * The composition root of `crosscheck serve`: config → database (migrated) → admin socket → parse
 * threads → (demo data) → scheduler → enrichment pool → the web's database → app → server.
 * Returns a handle whose close() stops them in reverse order.
 */
export async function startServer(config: Config, log: Logger, options: ServerOptions = {}): Promise<Running> {
  const started = Date.now();
  // What is started so far, stopped in reverse by close() — or at once when a later step fails
  // (a port in use), so no thread or pool keeps the failed process alive.
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
  };
  try {
    const database = await openConfiguredDatabase(config);
    stops.push(() => database.close());
    const admin = await options.admin?.(database);
    if (admin) stops.push(() => admin.close());
    const deps = scheduleDeps(config, database, log);
    stops.push(() => deps.parser.close());
    if (config.DEMO_DATA) {
      // Inline: a file read from disk, parsed before the parse threads have even started.
      await ensureDemoFeed(database, { ...deps, parser: inlineParser }, log);
      // Before enrichment starts: the demo article gets a story of its own if it has none yet.
      await importDemoDiscussion(database.db, log);
    }
    const scheduler = startScheduler(deps, config.SCHEDULER_TICK_SECONDS);
    stops.push(() => scheduler.stop());
    const enrichment: EnrichmentService | null =
      config.POOL_SIZE > 0 ? await startEnrichmentService(config, database, log, deps.owner!) : null;
    if (enrichment) stops.push(() => enrichment.close());
    else log.warn('POOL_SIZE=0: this process does no enrichment; run `crosscheck worker` elsewhere');
    const web = await openWebDatabase(config, database);
    if (web !== database) stops.push(() => web.close());
    const app = createApp({
      db: web.db,
      config,
      log,
      now: () => new Date(),
      info: {
        database: database.driver,
        embedder: enrichment?.description ?? 'none in this process (POOL_SIZE=0)',
        version: VERSION,
      },
      embedder: enrichment?.embedder ?? null,
      neighbours: createNeighbourCaches(database.db),
      enrichStats: enrichment ? () => enrichment.runner.stats() : undefined,
    });
    const server = await listen(app.fetch, config);
    // Half the grace period for requests in flight; the rest for the scheduler, enrichment and the database.
    stops.push(() => closeServer(server, (config.SHUTDOWN_GRACE_SECONDS * 1000) / 2));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.PORT;
    const url = `http://localhost:${port}`;
    log.info('crosscheck is serving', { url, database: database.driver, startupMs: Date.now() - started });
    return { url, close: stopAll };
  } catch (err) {
    await stopAll().catch((cleanup) => log.error('could not stop what had started', { error: errorMessage(cleanup) }));
    throw err;
  }
}

/**
 * With PostgreSQL, web requests get a pool of their own whose statements time out
 * (WEB_STATEMENT_TIMEOUT_MS) and run without parallel workers, so a page nobody waits for any more
 * never keeps a query running and one heavy page cannot take every core. PGlite has one connection
 * and cannot cancel a statement: the web shares it.
 */
async function openWebDatabase(config: Config, database: Database): Promise<Database> {
  if (database.driver !== 'postgres') return database;
  return openDatabase({
    databaseUrl: config.DATABASE_URL,
    maxConnections: config.WEB_DB_CONNECTIONS,
    session: { statementTimeoutMs: config.WEB_STATEMENT_TIMEOUT_MS, maxParallelWorkersPerGather: 0 },
  });
}

function listen(fetch: Parameters<typeof serve>[0]['fetch'], config: Config): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port: config.PORT, hostname: config.HOST || undefined }, () => resolve(server));
    server.once('error', reject);
  });
}

/** `crosscheck worker`: enrichment only, sharing the job queue with every other process. */
export async function startWorker(config: Config, log: Logger): Promise<{ close(): Promise<void> }> {
  const database = await openConfiguredDatabase(config);
  const enrichment = await startEnrichmentService(config, database, log, processOwner());
  log.info('crosscheck worker running', { embedder: enrichment.description });
  return {
    async close() {
      await enrichment.close();
      await database.close();
    },
  };
}
