import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { Counter, Gauge, Registry } from 'prom-client';
import type { AppDeps } from './deps.ts';
import type { Db } from '../db/client.ts';
import { queryRows } from '../db/sql.ts';
import * as Jobs from '../enrich/jobs.ts';
import type { EnrichStats } from '../enrich/runner.ts';
import { cached } from './http/cached.ts';
import { metricsAccess } from './http/metrics-access.ts';

/** The gauges that count whole tables: shared by every process, so they are read at most every COUNTS_CACHE_SECONDS. */
async function countTables(db: Db) {
  const backlogs = [
    ['embed', await Jobs.backlog(db, 'embed')],
    ['claims', await Jobs.backlog(db, 'claims')],
  ] as const;
  const [counts] = await queryRows<{
    feeds: number;
    failing: number;
    disabled: number;
    articles: number;
    stories: number;
  }>(
    db,
    sql`select (select count(*)::int from feeds) as feeds,
               (select count(*)::int from feeds where consecutive_errors > 0 and disabled_at is null) as failing,
               (select count(*)::int from feeds where disabled_at is not null) as disabled,
               (select count(*)::int from articles) as articles,
               (select count(*)::int from stories where merged_into is null and article_count > 0) as stories`,
  );
  return { backlogs, counts };
}

type Tables = Awaited<ReturnType<typeof countTables>>;

/**
 * Prometheus exposition (prom-client, one registry per app so apps in one process never share
 * series) of the backlog and this process's counters; loopback or METRICS_TOKEN only. The table
 * counts are cached counts, recomputed at most every COUNTS_CACHE_SECONDS, so a scrape never scans
 * whole tables each time; the enrichment counters are maintained by the runner.
 */
export function metricsRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  const tables = cached(() => countTables(deps.db), { ttlMs: deps.config.COUNTS_CACHE_SECONDS * 1000 });
  const registry = new Registry();
  const gauges = tableGauges(registry);
  if (deps.enrichStats) enrichMetrics(registry, deps.enrichStats);
  app.get(
    '/metrics',
    metricsAccess({ token: deps.config.METRICS_TOKEN, trustProxy: deps.config.TRUST_PROXY }),
    async (c) => {
      gauges(await tables());
      c.header('Content-Type', registry.contentType);
      return c.body(await registry.metrics());
    },
  );
  return app;
}

/** The table gauges, and a function that sets them from one (cached) count. */
function tableGauges(registry: Registry): (t: Tables) => void {
  const registers = [registry];
  const jobs = new Gauge({
    name: 'crosscheck_enrichment_jobs',
    help: 'Enrichment jobs by status (all processes).',
    labelNames: ['kind', 'status'],
    registers,
  });
  const feeds = new Gauge({ name: 'crosscheck_feeds', help: 'Feeds by health.', labelNames: ['state'], registers });
  const articles = new Gauge({ name: 'crosscheck_articles', help: 'Articles stored.', registers });
  const stories = new Gauge({ name: 'crosscheck_stories', help: 'Stories with coverage.', registers });
  return ({ backlogs, counts }) => {
    for (const [kind, b] of backlogs) for (const [status, n] of Object.entries(b)) jobs.set({ kind, status }, n);
    feeds.set({ state: 'all' }, Number(counts.feeds));
    feeds.set({ state: 'failing' }, Number(counts.failing));
    feeds.set({ state: 'disabled' }, Number(counts.disabled));
    articles.set(Number(counts.articles));
    stories.set(Number(counts.stories));
  };
}

/** This process's enrichment runner, read from its own counters at each scrape. */
function enrichMetrics(registry: Registry, stats: () => EnrichStats): void {
  const registers = [registry];
  const total = (name: string, help: string, value: (s: EnrichStats) => number) =>
    new Counter({
      name,
      help,
      registers,
      collect() {
        this.reset();
        this.inc(value(stats()));
      },
    });
  total('crosscheck_enrich_jobs_done_total', 'Enrichment jobs (embed and claims) done by this process.', (s) => s.done);
  total(
    'crosscheck_enrich_failures_total',
    'Enrichment failures in this process (parked included).',
    (s) => s.failed + s.parked,
  );
  total('crosscheck_enrich_busy_seconds_total', 'Seconds this process spent enriching.', (s) =>
    Number(s.busySeconds.toFixed(3)),
  );
  new Gauge({
    name: 'crosscheck_enrich_jobs_per_second',
    help: 'Throughput while busy.',
    registers,
    collect() {
      const s = stats();
      this.set(s.busySeconds ? Number((s.done / s.busySeconds).toFixed(2)) : 0);
    },
  });
}
