/**
 * `npm run bench:pages [-- --stories N] [--duration S] [--connections 50,100]`: the pages of issue 14
 * under load. Seeds a fresh database (a new PostgreSQL database on the server of TEST_DATABASE_URL
 * or DATABASE_URL, 100,000 stories; else PGlite in a temp folder, 10,000 stories), starts the real
 * `crosscheck serve` on it, drives each page with autocannon and prints one line per page and
 * connection count, then `pages: …`. Prints figures, asserts nothing.
 */
import type { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { openDatabase } from '../../src/db/client.ts';
import { spawnBin } from '../support/cli.ts';
import { withDatabase } from '../support/db.ts';
import { seedPages } from './pages-seed.ts';

const serverUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || '';
const { values: args } = parseArgs({
  options: {
    stories: { type: 'string', default: serverUrl ? '100000' : '10000' },
    duration: { type: 'string', default: '30' },
    connections: { type: 'string', default: '50' },
  },
});
const stories = Number(args.stories);
const duration = Number(args.duration);
const connectionCounts = args.connections.split(',').map(Number);
const driver = serverUrl ? 'postgres' : 'pglite';
console.log(
  `machine: ${cpus()[0]?.model ?? 'cpu'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}; ${driver}; ${stories} stories; ${duration} s per page`,
);

// A fresh database: its own on the PostgreSQL server, or a temp PGlite folder.
const dataDir = await mkdtemp(join(tmpdir(), 'crosscheck-bench-pages-'));
const dbName = `crosscheck_bench_pages_${Date.now().toString(36)}`;
let databaseUrl = '';
if (serverUrl) {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${dbName}`);
  await admin.end();
  databaseUrl = withDatabase(serverUrl, dbName);
}
const seedStarted = Date.now();
const database = await openDatabase(databaseUrl ? { databaseUrl, maxConnections: 2 } : { dataDir });
await database.migrate();
const seeded = await seedPages(database.db, stories);
await database.close();
console.log(`seed: ${JSON.stringify(seeded)} in ${((Date.now() - seedStarted) / 1000).toFixed(0)} s`);

const env = {
  ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { DATA_DIR: dataDir }),
  HOST: '127.0.0.1',
  PORT: '0',
  DEMO_DATA: 'false',
  POOL_SIZE: '0',
  PARSE_THREADS: '0',
  LOG_LEVEL: 'info',
};
const serve = spawnBin(['serve'], env);
let serveLog = '';
const base = await new Promise<string>((resolve, reject) => {
  serve.child.stderr!.on('data', (d: Buffer) => {
    serveLog += d.toString();
    const m = /^.*crosscheck is serving.*$/m.exec(serveLog)?.[0].match(/http:\/\/localhost:(\d+)/); // a JSON log line
    if (m) resolve(`http://127.0.0.1:${m[1]}`);
  });
  void serve.done.then((r) => reject(new Error(`serve exited: ${r.stderr.slice(-2000)}`)));
});
const rssMb = () => {
  const m = readFileSync(`/proc/${serve.child.pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
  return m ? Number(m[1]) / 1024 : 0;
};

const pages: [string, string][] = [
  ['healthz', '/healthz'],
  ['front', '/'],
  ['front_p2', '/?p=2'],
  ['story50', `/stories/${seeded.story50}`],
  ['story5k', `/stories/${seeded.story5k}`],
  ['figures', '/figures'],
  ['figure', `/figures/${seeded.bigFigure}`],
  ['feed', '/feed.xml'],
  ['search', '/search?q=nvidia%20capex'],
];

type Result = {
  rps: number;
  answered: number;
  p50: number;
  p95: number;
  p99: number;
  timeouts: number;
  errors: number;
  non2xx: number;
};
const pct = (sorted: number[], p: number) =>
  sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]) : NaN;

/**
 * Requests a load generator gave up on keep running in the server (nothing aborts them yet), so
 * each page starts only once /healthz answers promptly again, and the wait is printed.
 */
async function settle(): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < 120_000) {
    const t = Date.now();
    await (await fetch(`${base}/healthz`)).arrayBuffer();
    if (Date.now() - t < 100) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  return Date.now() - started;
}

async function drive(path: string, connections: number): Promise<Result> {
  const latencies: number[] = [];
  // Without a callback the instance is both an event emitter and a promise of the result.
  const instance = autocannon({ url: base + path, connections, duration, timeout: 10 }) as unknown as EventEmitter &
    PromiseLike<autocannon.Result>;
  instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => latencies.push(ms));
  const r = await instance;
  latencies.sort((a, b) => a - b);
  return {
    rps: r.requests.average,
    answered: latencies.length,
    p50: pct(latencies, 50),
    p95: pct(latencies, 95),
    p99: pct(latencies, 99),
    timeouts: r.timeouts,
    errors: r.errors,
    non2xx: r.non2xx,
  };
}

const results = new Map<string, Result>();
let peakRss = 0;
try {
  for (const [, path] of pages) {
    const res = await fetch(base + path); // warm-up, and the page must answer at all
    await res.arrayBuffer();
    if (!res.ok) console.log(`warning: ${path} answered ${res.status}`);
  }
  for (const connections of connectionCounts) {
    for (const [name, path] of pages) {
      const settledMs = await settle();
      const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssMb())), 500);
      const r = await drive(path, connections);
      clearInterval(sampler);
      results.set(`${name}@${connections}`, r);
      console.log(
        `${name.padEnd(9)} c=${connections} ${path.padEnd(28)} rps=${r.rps.toFixed(1)} n=${r.answered} p50=${r.p50}ms p95=${r.p95}ms p99=${r.p99}ms timeouts=${r.timeouts} errors=${r.errors} non2xx=${r.non2xx} rss=${rssMb().toFixed(0)}MB settle=${settledMs}ms`,
      );
    }
  }
} finally {
  serve.child.kill('SIGTERM');
  await serve.done;
  await rm(dataDir, { recursive: true, force: true });
  if (serverUrl) {
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
}

const c = connectionCounts[0];
const get = (name: string) => results.get(`${name}@${c}`)!;
const timeouts = [...results.values()].reduce((n, r) => n + r.timeouts, 0);
console.log(
  `pages: driver=${driver} stories=${stories} connections=${c} healthz_rps=${get('healthz').rps.toFixed(0)} front_rps=${get('front').rps.toFixed(1)} front_p99_ms=${get('front').p99} ` +
    `front_ratio=${(get('front').rps / get('healthz').rps).toFixed(3)} story5k_p95_ms=${get('story5k').p95} figures_p99_ms=${get('figures').p99} ` +
    `figure_p99_ms=${get('figure').p99} search_p99_ms=${get('search').p99} max_rss_mb=${peakRss.toFixed(0)} timeouts=${timeouts}`,
);
