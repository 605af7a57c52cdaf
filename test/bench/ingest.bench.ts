/**
 * Ingestion benchmark (`npm run bench:ingest`): parse+normalise+store throughput over the golden
 * corpus next to raw rss-parser on the same bytes, and the wall time of one poll of 1,000
 * locally served feeds (20 % answer 304) with the default concurrency settings. PGlite on disk
 * always; PostgreSQL too when TEST_DATABASE_URL or DATABASE_URL is set (a scratch database is
 * created and dropped). Figures are printed, never asserted.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import Parser from 'rss-parser';
import { loadConfig } from '../../src/config.ts';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { claimDue } from '../../src/feeds/feed-state.ts';
import * as Feeds from '../../src/feeds/feeds.ts';
import { feeds } from '../../src/feeds/feeds.sql.ts';
import { decodeBody } from '../../src/ingest/charset.ts';
import type { FetchResult } from '../../src/ingest/fetch.ts';
import { createFeedStore } from '../../src/ingest/feed-store.ts';
import { parseFeed } from '../../src/ingest/parse.ts';
import { createFeedParser, inlineParser, type FeedParser } from '../../src/ingest/parse-pool.ts';
import { parseXmlFeed } from '../../src/ingest/parse-xml-feed.ts';
import { refreshFeed } from '../../src/ingest/refresh.ts';
import { sanitizedHtmlToText, sanitizeHtml } from '../../src/ingest/sanitize.ts';
import { pollDueFeeds } from '../../src/ingest/schedule.ts';
import { silentLogger } from '../../src/log.ts';
import { scheduleDeps } from '../../src/main.ts';
import { withDatabase } from '../support/db.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const MIN_MS = Number(process.env.BENCH_MIN_MS ?? 3000);
const POLL_FEEDS = 1000;
const POLL_HOSTS = 50;

type Doc = { name: string; feedUrl: string; contentType: string; body: string };
type Target = { name: 'pglite' | 'postgres'; open(): Promise<Database>; drop(): Promise<void> };

/** The corpus as the fetcher would hand it over: decoded text, one made-up URL per file. */
function loadCorpus(): Doc[] {
  const dir = join(root, 'test/fixtures/feeds/input');
  return readdirSync(dir)
    .sort()
    .map((name) => {
      const contentType = name.endsWith('.json') ? 'application/feed+json' : 'application/xml';
      return {
        name,
        feedUrl: `https://bench.example/${name}`,
        contentType,
        body: decodeBody(readFileSync(join(dir, name)), contentType),
      };
    });
}

/** Mean ms per round after one warm-up, over at least MIN_MS and 3 rounds; `reset` is untimed. */
async function timeRounds(round: () => Promise<unknown>, reset?: () => Promise<unknown>): Promise<number> {
  await reset?.();
  await round();
  let spent = 0;
  let rounds = 0;
  while (spent < MIN_MS || rounds < 3) {
    await reset?.();
    const start = performance.now();
    await round();
    spent += performance.now() - start;
    rounds++;
  }
  return spent / rounds;
}

/** Files raw rss-parser reads (it has no JSON Feed): the ratio compares the same bytes. */
async function rssParserCorpus(docs: Doc[]): Promise<Doc[]> {
  const parser = new Parser();
  const ok: Doc[] = [];
  for (const doc of docs)
    if (
      await parser.parseString(doc.body).then(
        () => true,
        () => false,
      )
    )
      ok.push(doc);
  return ok;
}

async function countItems(docs: Doc[]): Promise<number> {
  let n = 0;
  for (const doc of docs) n += (await parseFeed(doc.body, doc)).items.length;
  return n;
}

/** Where parse time goes: raw rss-parser, our XML reading, HTML cleaning (sanitise + text) alone, and the whole parseFeed. */
async function parseBreakdown(docs: Doc[]) {
  const parser = new Parser();
  const raws = await Promise.all(docs.map((d) => parseXmlFeed(d.body, d.feedUrl)));
  return {
    rssParserMs: await timeRounds(async () => {
      for (const d of docs) await parser.parseString(d.body);
    }),
    readXmlMs: await timeRounds(async () => {
      for (const d of docs) await parseXmlFeed(d.body, d.feedUrl);
    }),
    htmlMs: await timeRounds(async () => {
      for (const raw of raws)
        for (const item of raw.items)
          sanitizedHtmlToText(
            sanitizeHtml(item.contentHtml ?? item.summaryHtml ?? '', item.link ?? 'https://bench.example/'),
          );
    }),
    parseFeedMs: await timeRounds(async () => {
      for (const d of docs) await parseFeed(d.body, d);
    }),
  };
}

/** Subscribes to every file (into an emptied database when `empty`) and claims them all, as a poll would. */
async function claimCorpus(database: Database, docs: Doc[], opts: { empty: boolean }): Promise<Feeds.Feed[]> {
  if (opts.empty) await database.db.execute(sql`TRUNCATE feeds, articles RESTART IDENTITY CASCADE`);
  for (const d of docs) await Feeds.add(database.db, { url: d.feedUrl });
  await Feeds.markAllDue(database.db);
  return claimDue(database.db, 'bench', { limit: docs.length, leaseSeconds: 600 });
}

/**
 * The refresh use case per file (parse, normalise, then items and feed state written together),
 * all files at once through one group-committing store as a poll runs them; feeds claimed beforehand.
 * `again`: the same bytes again, already stored (a re-poll of a server that ignores conditional
 * GET: refresh.ts recognises the body by its hash); otherwise every item is new.
 */
async function ingestMs(database: Database, docs: Doc[], parser: FeedParser, again = false): Promise<number> {
  const byUrl = new Map(docs.map((d) => [d.feedUrl, d]));
  const fetcher = async (feed: Feeds.Feed): Promise<FetchResult> => {
    const d = byUrl.get(feed.url)!;
    return {
      kind: 'ok',
      status: 200,
      finalUrl: d.feedUrl,
      body: d.body,
      contentType: d.contentType,
      etag: null,
      lastModified: null,
      maxAgeSeconds: null,
      bytes: d.body.length,
    };
  };
  const deps = {
    db: database.db,
    fetcher,
    parser,
    log: silentLogger,
    policy: { pollIntervalMinutes: 60, maxBackoffMinutes: 1440, disableAfterFailures: 10 },
  };
  let claimed: Feeds.Feed[] = [];
  const reset = async () => {
    claimed = await claimCorpus(database, docs, { empty: !again || claimed.length === 0 });
  };
  return timeRounds(async () => {
    const polling = { ...deps, store: createFeedStore(deps) };
    for (const result of await Promise.all(claimed.map((feed) => refreshFeed(polling, feed, 'bench')))) {
      if (result.status !== 'fetched' && !(again && result.status === 'not-modified'))
        throw new Error(`${result.url}: ${result.status} ${result.error ?? ''}`);
    }
  }, reset);
}

/**
 * The store alone: the corpus already parsed, written as one poll writes it (a group commit of
 * every feed's items and outcome), and a bare `SELECT 1` for the database's fixed cost per statement.
 */
async function storeOnly(database: Database, docs: Doc[]): Promise<{ storeMs: number; select1Ms: number }> {
  const parsed = new Map(await Promise.all(docs.map(async (d) => [d.feedUrl, await parseFeed(d.body, d)] as const)));
  let claimed: Feeds.Feed[] = [];
  const reset = async () => {
    claimed = await claimCorpus(database, docs, { empty: true });
  };
  const storeMs = await timeRounds(async () => {
    const store = createFeedStore({ db: database.db, log: silentLogger });
    const nextFetchAt = new Date(Date.now() + 3_600_000);
    await Promise.all(
      claimed.map((feed) =>
        store.submit({
          feed,
          owner: 'bench',
          items: parsed.get(feed.url)!.items,
          outcome: { kind: 'ok', etag: null, lastModified: null, ttlMinutes: null, nextFetchAt, bodyHash: null },
        }),
      ),
    );
  }, reset);
  const select1Ms =
    (await timeRounds(async () => {
      for (let i = 0; i < 100; i++) await database.db.execute(sql`SELECT 1`);
    })) / 100;
  return { storeMs, select1Ms };
}

/** Starts the feed farm in its own process so serving does not share this event loop. */
async function startFarm(): Promise<{ port: number; stop(): void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/feed-farm.ts'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, FARM_ITEMS: '20' },
  });
  const [line] = await createInterface({ input: child.stdout! })
    [Symbol.asyncIterator]()
    .next()
    .then((r) => [r.value as string]);
  return { port: (JSON.parse(line) as { port: number }).port, stop: () => void child.kill('SIGTERM') };
}

/** One pollDueFeeds over 1,000 feeds on 50 loopback hosts; every fifth already has the current ETag. */
async function pollMs(database: Database, port: number, threads: number) {
  await database.db.execute(sql`TRUNCATE feeds, articles RESTART IDENTITY CASCADE`);
  const rows = Array.from({ length: POLL_FEEDS }, (_, n) => ({
    url: `http://127.0.0.${1 + (n % POLL_HOSTS)}:${port}/feeds/${n}.xml`,
    etag: n % 5 === 0 ? `"feed-${n}"` : null,
  }));
  await database.db.insert(feeds).values(rows);
  const config = loadConfig({ ALLOWED_PRIVATE_HOSTS: '127.0.0.0/8', PARSE_THREADS: String(threads) });
  const start = performance.now();
  const deps = scheduleDeps(config, database, silentLogger);
  const summary = await pollDueFeeds(deps).finally(() => deps.parser.close());
  const ms = performance.now() - start;
  if (summary.feeds !== POLL_FEEDS || summary.errors.length)
    throw new Error(`poll went wrong: ${JSON.stringify({ ...summary, errors: summary.errors.slice(0, 3) })}`);
  return { ms, summary, concurrency: `${config.FETCH_CONCURRENCY} global, ${config.PER_HOST_CONCURRENCY} per host` };
}

async function targets(): Promise<Target[]> {
  const dir = await mkdtemp(join(os.tmpdir(), 'crosscheck-bench-'));
  const list: Target[] = [
    {
      name: 'pglite',
      open: () => migrated(openDatabase({ dataDir: dir })),
      drop: () => rm(dir, { recursive: true, force: true }),
    },
  ];
  const base = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  if (base) {
    const name = `crosscheck_bench_${process.pid}`;
    const admin = (q: string) => {
      const client = postgres(base, { max: 1, onnotice: () => {} });
      return client.unsafe(q).finally(() => client.end());
    };
    await admin(`DROP DATABASE IF EXISTS ${name}`);
    await admin(`CREATE DATABASE ${name}`);
    list.push({
      name: 'postgres',
      open: () => migrated(openDatabase({ databaseUrl: withDatabase(base, name) })),
      drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).then(() => {}),
    });
  }
  return list;
}

async function migrated(opening: Promise<Database>): Promise<Database> {
  const database = await opening;
  await database.migrate();
  return database;
}

const perS = (items: number, ms: number) => Math.round((items * 1000) / ms);
const fixed = (n: number, digits = 2) => n.toFixed(digits);
const pct = (part: number, whole: number) => `${Math.round((part / whole) * 100)} %`;

async function main(): Promise<void> {
  const cpus = os.cpus();
  // The load average says whether other work shared the machine while this ran.
  console.log(
    `machine: ${cpus[0]?.model ?? 'unknown cpu'}, ${cpus.length} cores, node ${process.version}, ${os.platform()} ${os.release()}, load ${os.loadavg()[0].toFixed(1)}`,
  );
  const corpus = await rssParserCorpus(loadCorpus());
  const items = await countItems(corpus);
  const bytes = corpus.reduce((n, d) => n + Buffer.byteLength(d.body), 0);
  console.log(
    `corpus: ${corpus.length} feeds rss-parser can read (of ${loadCorpus().length}), ${items} items, ${(bytes / 1024).toFixed(0)} KiB; ≥${MIN_MS} ms per figure`,
  );
  const parse = await parseBreakdown(corpus);
  console.log(
    `parse only: rss-parser ${perS(items, parse.rssParserMs)} items/s; our XML reading ${perS(items, parse.readXmlMs)} items/s; ` +
      `parseFeed ${perS(items, parse.parseFeedMs)} items/s (XML reading ${pct(parse.readXmlMs, parse.parseFeedMs)}, sanitising + text ${pct(parse.htmlMs, parse.parseFeedMs)} of it)`,
  );
  const threads = loadConfig({ PARSE_THREADS: process.env.PARSE_THREADS }).PARSE_THREADS;
  const farm = await startFarm();
  const lines: string[] = [];
  try {
    for (const target of await targets()) {
      const database = await target.open();
      try {
        const inlineMs = await ingestMs(database, corpus, inlineParser);
        const parser = createFeedParser(threads);
        const ms = await ingestMs(database, corpus, parser);
        const againMs = await ingestMs(database, corpus, parser, true).finally(() => parser.close());
        const store = await storeOnly(database, corpus);
        const poll = await pollMs(database, farm.port, threads);
        const ratio = parse.rssParserMs / ms;
        console.log(
          `${target.name}: parse+normalise+store ${perS(items, ms)} items/s with PARSE_THREADS=${threads} (${perS(items, inlineMs)} parsing inline, storing ≈ ${pct(inlineMs - parse.parseFeedMs, inlineMs)} of that), ` +
            `ratio vs rss-parser ${fixed(ratio, 3)}; re-polled with the same bytes and no validators: ${perS(items, againMs)} items/s; poll of ${POLL_FEEDS} feeds (${POLL_HOSTS} hosts, ${poll.concurrency}): ${fixed(poll.ms / 1000)} s, ` +
            `${poll.summary.fetched} fetched, ${poll.summary.notModified} not modified, ${poll.summary.newItems} new items`,
        );
        // Ratio 0.5 allows twice rss-parser's time for the whole pipeline: set the parts against it.
        console.log(
          `${target.name} budget for ratio 0.5: ${fixed(2 * parse.rssParserMs)} ms per corpus pass; parseFeed alone ${fixed(parse.parseFeedMs)} ms, ` +
            `storing the parsed corpus (one group commit) ${fixed(store.storeMs)} ms, a bare SELECT 1 ${fixed(store.select1Ms, 3)} ms`,
        );
        lines.push(
          `ingest: items_per_s=${perS(items, ms)} ratio_vs_rss_parser=${fixed(ratio, 3)} poll_1000_feeds_s=${fixed(poll.ms / 1000, 1)}`,
        );
      } finally {
        await database.close();
        await target.drop();
      }
    }
  } finally {
    farm.stop();
  }
  // The last line is PGlite's, the default installation.
  console.log(`load afterwards ${os.loadavg()[0].toFixed(1)}`);
  console.log(lines[0]);
}

await main();
