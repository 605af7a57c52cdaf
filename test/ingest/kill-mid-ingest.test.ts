import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import { queryRows } from '../../src/db/sql.ts';
import * as Feeds from '../../src/feeds/feeds.ts';
import type { PollSummary } from '../../src/ingest/schedule.ts';
import { cliDatabase, spawnBin, type CliDatabase, type Env } from '../support/cli.ts';
import type { Driver } from '../support/db.ts';
import { rssFeed, testItems } from '../support/feed-xml.ts';
import { startTestServer, type Handler, type TestServer } from '../support/http-server.ts';

/**
 * A real crash: `crosscheck ingest --once` is SIGKILLed while it is storing large feeds, then
 * run again. Items commit with their feed's ETag, so the re-run must store every item exactly
 * once, and the dead process's leases must expire rather than block the feeds forever.
 */
const FEEDS = 6;
const ITEMS = 1000;
const LEASE_SECONDS = 5; // the smallest FEED_LEASE_SECONDS the config accepts

const bodies = Array.from({ length: FEEDS }, (_, f) =>
  rssFeed({ title: `Big feed ${f}`, items: testItems(`big${f}`, ITEMS) }),
);

/** Headers after 150 ms, then the body in 64 KB chunks 20 ms apart; 304 when the ETag matches. */
function slowFeed(f: number): Handler {
  const etag = `"big-${f}"`;
  return async (req, res) => {
    await sleep(150);
    if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { ETag: etag }).end();
    res.writeHead(200, { 'Content-Type': 'application/rss+xml; charset=utf-8', ETag: etag });
    const body = Buffer.from(bodies[f]);
    for (let at = 0; at < body.length && !res.destroyed; at += 64 * 1024) {
      res.write(body.subarray(at, at + 64 * 1024));
      await sleep(20);
    }
    res.end();
  };
}

type Counts = { sources: number; articles: number; duplicates: number; leased: number; leaseUntil: Date | null };

async function counts(db: Database['db']): Promise<Counts> {
  const [row] = await queryRows<{
    sources: number;
    articles: number;
    duplicates: number;
    leased: number;
    lease_until: string | Date | null;
  }>(
    db,
    sql`SELECT (SELECT count(*)::int FROM article_sources) AS sources,
               (SELECT count(*)::int FROM articles) AS articles,
               (SELECT count(*)::int FROM (SELECT 1 FROM article_sources GROUP BY feed_id, item_key HAVING count(*) > 1) d) AS duplicates,
               (SELECT count(*)::int FROM feeds WHERE lease_owner IS NOT NULL) AS leased,
               (SELECT max(lease_until) FROM feeds) AS lease_until`,
  );
  return { ...row, leaseUntil: row.lease_until ? new Date(row.lease_until) : null };
}

// One driver per run keeps this file short: PostgreSQL when TEST_DATABASE_URL is set (as CI does), else PGlite on disk.
const driver: Driver = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';

describe(`killing ingest mid-way on ${driver}`, () => {
  let server: TestServer;
  let database: CliDatabase;
  let env: Env;

  beforeAll(async () => {
    server = await startTestServer(Object.fromEntries(bodies.map((_, f) => [`/big/${f}.xml`, slowFeed(f)])));
    database = await cliDatabase(driver);
    env = {
      ...database.env,
      ALLOWED_PRIVATE_HOSTS: '127.0.0.1',
      FEED_LEASE_SECONDS: String(LEASE_SECONDS),
      LOG_LEVEL: 'info',
      DEMO_DATA: 'false',
    };
    const db = await database.open();
    try {
      for (let f = 0; f < FEEDS; f++) await Feeds.add(db.db, { url: `${server.url}/big/${f}.xml` });
    } finally {
      await db.close();
    }
  });
  afterAll(async () => {
    await server?.close();
    await database?.close();
  });

  /** Opens the database in this process for a look, and closes it again (PGlite serves one process). */
  async function inspect<T>(fn: (db: Database['db']) => Promise<T>): Promise<T> {
    const db = await database.open();
    try {
      return await fn(db.db);
    } finally {
      await db.close();
    }
  }

  async function ingest(...args: string[]): Promise<PollSummary> {
    const run = await spawnBin(['ingest', '--once', '--json', ...args], env).done;
    expect(run.code, run.stderr).toBe(0);
    return JSON.parse(run.stdout) as PollSummary;
  }

  it('when ingest is SIGKILLed while storing, then a re-run after the lease expires stores every item exactly once', async () => {
    const victim = spawnBin(['ingest', '--once', '--json'], env);
    let stderr = '';
    victim.child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    // Kill once at least one feed has committed and more are on their way: mid-run, mid-transaction with luck.
    while (!stderr.includes('feed refreshed') && victim.child.exitCode === null) await sleep(5);
    await sleep(50);
    victim.child.kill('SIGKILL');
    const killed = await victim.done;
    expect(killed.signal, `the ingest finished before it could be killed:\n${killed.stderr}`).toBe('SIGKILL');
    expect(killed.stdout).toBe('');

    const afterKill = await inspect(counts);
    expect(afterKill.duplicates).toBe(0);
    expect(afterKill.sources).toBeGreaterThanOrEqual(ITEMS);
    expect(afterKill.sources).toBeLessThan(FEEDS * ITEMS);
    expect(afterKill.sources % ITEMS, 'a feed was stored in part').toBe(0);
    // A feed's lease is released in the transaction that stores its items: the rest are still leased.
    expect(afterKill.leased).toBe(FEEDS - afterKill.sources / ITEMS);

    // The dead process's leases keep its feeds from everyone until they expire, and no longer.
    await sleep(Math.max(0, afterKill.leaseUntil!.getTime() - Date.now()) + 500);
    const rerun = await ingest('--all');
    expect(rerun).toMatchObject({ feeds: FEEDS, fetched: FEEDS - afterKill.sources / ITEMS, errors: [] });
    expect(rerun.notModified).toBe(afterKill.sources / ITEMS);
    expect(rerun.newItems).toBe(FEEDS * ITEMS - afterKill.sources);

    const end = await inspect(async (db) => ({
      counts: await counts(db),
      keys: await queryRows<{ url: string; item_key: string }>(
        db,
        sql`SELECT f.url, s.item_key FROM article_sources s JOIN feeds f USING (feed_id)`,
      ),
    }));
    expect(end.counts).toMatchObject({ sources: FEEDS * ITEMS, articles: FEEDS * ITEMS, duplicates: 0, leased: 0 });
    const stored = new Set(end.keys.map((k) => `${new URL(k.url).pathname} ${k.item_key}`));
    const missing = bodies
      .flatMap((_, f) => testItems(`big${f}`, ITEMS).map((i) => `/big/${f}.xml ${i.guid}`))
      .filter((k) => !stored.has(k));
    expect(missing).toEqual([]);
  }, 60_000);
});
