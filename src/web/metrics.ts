import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { AppDeps } from './deps.ts';
import type { Db } from '../db/client.ts';
import { queryRows } from '../db/sql.ts';
import * as Jobs from '../enrich/jobs.ts';
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

/**
 * Prometheus text exposition of the backlog (from the database, counted at most every
 * COUNTS_CACHE_SECONDS, so a scrape never scans whole tables each time) and this process's
 * counters; loopback or METRICS_TOKEN only.
 */
export function metricsRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  const tables = cached(() => countTables(deps.db), { ttlMs: deps.config.COUNTS_CACHE_SECONDS * 1000 });
  app.get(
    '/metrics',
    metricsAccess({ token: deps.config.METRICS_TOKEN, trustProxy: deps.config.TRUST_PROXY }),
    async (c) => {
      const { backlogs, counts } = await tables();
      const lines: string[] = [];
      const metric = (name: string, type: 'gauge' | 'counter', help: string, samples: [string, number][]) => {
        lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
        for (const [labels, value] of samples) lines.push(`${name}${labels} ${value}`);
      };
      metric(
        'crosscheck_enrichment_jobs',
        'gauge',
        'Enrichment jobs by status (all processes).',
        backlogs.flatMap(([kind, b]) =>
          Object.entries(b).map(([s, n]): [string, number] => [`{kind="${kind}",status="${s}"}`, n]),
        ),
      );
      metric('crosscheck_feeds', 'gauge', 'Feeds by health.', [
        ['{state="all"}', Number(counts.feeds)],
        ['{state="failing"}', Number(counts.failing)],
        ['{state="disabled"}', Number(counts.disabled)],
      ]);
      metric('crosscheck_articles', 'gauge', 'Articles stored.', [['', Number(counts.articles)]]);
      metric('crosscheck_stories', 'gauge', 'Stories with coverage.', [['', Number(counts.stories)]]);
      const stats = deps.enrichStats?.();
      if (stats) {
        metric(
          'crosscheck_enrich_jobs_done_total',
          'counter',
          'Enrichment jobs (embed and claims) done by this process.',
          [['', stats.done]],
        );
        metric(
          'crosscheck_enrich_failures_total',
          'counter',
          'Enrichment failures in this process (parked included).',
          [['', stats.failed + stats.parked]],
        );
        metric('crosscheck_enrich_busy_seconds_total', 'counter', 'Seconds this process spent enriching.', [
          ['', Number(stats.busySeconds.toFixed(3))],
        ]);
        metric('crosscheck_enrich_jobs_per_second', 'gauge', 'Throughput while busy.', [
          ['', stats.busySeconds ? Number((stats.done / stats.busySeconds).toFixed(2)) : 0],
        ]);
      }
      c.header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8');
      return c.body(`${lines.join('\n')}\n`);
    },
  );
  return app;
}
