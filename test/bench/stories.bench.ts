/**
 * `npm run bench:stories`: how fast stories form and how fast nearest neighbours are found.
 *
 * 1. The lexical-v1 embedder on real text (the labelled headlines and the demo articles).
 * 2. Clustering 10k articles with synthetic 384-d vectors (events of 1–12 articles over 30 days,
 *    same-event cosine ≈ 0.45), through the real enrichment path on PGlite (enrichBatch →
 *    assignStory) and, for scale, the same decision replayed in memory (tune.replayAssignment).
 * 3. Nearest-neighbour queries at 10k and 100k stored vectors: exact through search.semantic
 *    with a cold vector cache (every vector read from the database per query, the old path), with a
 *    warm one (within its freshness window, and asking the database for changes on every query),
 *    exact over vectors already in memory with a full sort, and HNSW through pgvector where it is available (PGVECTOR_BUNDLE=…/vector.tar.gz
 *    or the @electric-sql/pglite-pgvector package) with recall@10 against exact.
 * Each measurement runs in its own process so its peak RSS is its own. The last line is the summary.
 */
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { spawn } from 'node:child_process';
import { availableParallelism, cpus } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { upsertFeedItems } from '../../src/articles/upsert.ts';
import { loadConfig } from '../../src/config.ts';
import { migrationsFolder, type Db } from '../../src/db/client.ts';
import * as schema from '../../src/db/schema.ts';
import { enrichBatch, embeddingText, type TextEmbedder } from '../../src/enrich/enrich.ts';
import { createCentroidCache } from '../../src/stories/centroid-cache.ts';
import * as Feeds from '../../src/feeds/feeds.ts';
import { silentLogger } from '../../src/log.ts';
import { LEXICAL_DIMS, LEXICAL_EMBEDDER, lexicalEmbed } from '../../src/ml/lexical-embedder.ts';
import * as Search from '../../src/search/search.ts';
import { storyThreshold } from '../../src/stories/threshold.ts';
import { pairwiseScores, replayAssignment } from '../../src/stories/tune.ts';
import { articleVectors, createVectorCache, type VectorCacheOptions } from '../../src/stories/vector-cache.ts';
import { nearestArticles, pgliteVectorExtension, prepareVectorIndex } from '../../src/stories/vector-index.ts';
import { dot } from '../../src/stories/vectors.ts';
import { item } from '../support/items.ts';
import { readRealEvents } from './real-events.ts';
import { loadDemoItems, readHeadlines, headlineText } from './stories-eval.ts';

const DIMS = LEXICAL_DIMS;
/** The synthetic events (same-event cosine ≈ 0.45) are shaped for lexical-v1's default threshold. */
const SYNTHETIC_THRESHOLD = storyThreshold(LEXICAL_EMBEDDER, loadConfig({}).STORY_SIMILARITY);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DAY_MS = 86_400_000;
const START = Date.UTC(2026, 0, 1);

type Synthetic = { ids: string[]; events: string[]; times: Date[]; vectors: Float32Array[] };

/** Seeded articles in events: 60% singletons, the rest 2–12 outlets within 36 hours of each other. */
export function syntheticArticles(count: number, days: number, seed = 7): Synthetic {
  const random = seeded(seed);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const unit = (v: Float32Array) => {
    const n = Math.sqrt(dot(v, v)) || 1;
    return v.map((x) => x / n);
  };
  const out: Synthetic = { ids: [], events: [], times: [], vectors: [] };
  for (let e = 0; out.ids.length < count; e++) {
    const size = random() < 0.6 ? 1 : Math.min(12, 2 + Math.floor(-Math.log(1 - random()) * 3));
    const centre = unit(Float32Array.from({ length: DIMS }, gaussian));
    const start = START + random() * days * DAY_MS;
    for (let k = 0; k < size && out.ids.length < count; k++) {
      // centre + noise with |noise| ≈ 1.1: cosine to the centre ≈ 0.67, between members ≈ 0.45.
      const v = unit(centre.map((x) => x + (1.1 / Math.sqrt(DIMS)) * gaussian()));
      out.ids.push(`a${out.ids.length}`);
      out.events.push(`e${e}`);
      out.times.push(new Date(start + random() * 1.5 * DAY_MS));
      out.vectors.push(v);
    }
  }
  const order = out.ids.map((_, i) => i).sort((a, b) => out.times[a].getTime() - out.times[b].getTime());
  return {
    ids: order.map((_, i) => `a${i}`),
    events: order.map((i) => out.events[i]),
    times: order.map((i) => out.times[i]),
    vectors: order.map((i) => out.vectors[i]),
  };
}

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0) / 2 ** 32;
}

async function openPglite(vector?: URL): Promise<{ db: Db; close(): Promise<void> }> {
  const client = new PGlite(vector ? { extensions: { vector } } : {});
  await client.waitReady;
  const db = drizzle(client, { schema }) as unknown as Db;
  await migrate(db as never, { migrationsFolder });
  return { db, close: () => client.close() };
}

type PhaseResult = Record<string, number | string | null>;

/** Embeds the labelled headlines and the demo articles, repeatedly, with lexical-v1 in-process. */
async function phaseEmbed(): Promise<PhaseResult> {
  const texts = [
    ...readHeadlines().map(headlineText),
    ...(await loadDemoItems(async (t) => t.map(() => new Float32Array(0)))).map((d) => d.title),
  ];
  const demoTexts = await demoEmbeddingTexts();
  const corpus = [...texts, ...demoTexts];
  const chars = corpus.reduce((n, t) => n + t.length, 0) / corpus.length;
  const started = performance.now();
  let n = 0;
  while (performance.now() - started < 3000) for (const t of corpus) (lexicalEmbed(t), n++);
  const seconds = (performance.now() - started) / 1000;
  return { texts_per_s: n / seconds, mean_chars: chars };
}

async function demoEmbeddingTexts(): Promise<string[]> {
  const captured: string[] = [];
  await loadDemoItems(async (texts) => (captured.push(...texts), texts.map(() => new Float32Array(0))));
  return captured;
}

/**
 * The real path: articles stored by upsertFeedItems, embedded and assigned by enrichBatch. Each
 * article gets a real lead (cycled from test/fixtures/real-events) as its summary, so event
 * signatures cost what they cost on real text. BENCH_STORY_DECISION: `same-event` (default: what
 * lexical-v1 gets in production, the learned decision) or `cosine` (one threshold, as before it).
 */
async function phaseClusterDb(count: number, days: number): Promise<PhaseResult> {
  const data = syntheticArticles(count, days);
  const decision = process.env.BENCH_STORY_DECISION ?? 'same-event';
  const leads = readRealEvents().map((r) => r.lead);
  const byTitle = new Map(data.ids.map((id, i) => [`Synthetic ${id}`, data.vectors[i]]));
  const embedder: TextEmbedder = {
    embed: async (texts) => ({
      embedder: decision === 'cosine' ? 'synthetic' : LEXICAL_EMBEDDER,
      dims: DIMS,
      vectors: texts.map((t) => byTitle.get(t.split('\n')[0])!),
    }),
  };
  const { db, close } = await openPglite();
  const feed = await Feeds.add(db, { url: 'https://bench.example/feed' });
  for (let i = 0; i < count; i += 500) {
    const items = data.ids.slice(i, i + 500).map((id, k) =>
      item(i + k, {
        title: `Synthetic ${id}`,
        summary: leads[(i + k) % leads.length],
        contentText: '',
        contentHtml: '',
        publishedAt: data.times[i + k],
      }),
    );
    await upsertFeedItems(db, feed.feedId, items);
  }
  const config = loadConfig({});
  // As the enrichment service runs it: with the process's centroid cache (BENCH_NO_CENTROID_CACHE=1 for the path without).
  const centroids = process.env.BENCH_NO_CENTROID_CACHE ? undefined : createCentroidCache();
  const deps = {
    db,
    embedder,
    log: silentLogger,
    owner: 'bench',
    batchSize: 64,
    leaseSeconds: 600,
    maxAttempts: 3,
    stories: { windowDays: config.STORY_WINDOW_DAYS, threshold: decision === 'cosine' ? SYNTHETIC_THRESHOLD : null },
    centroids,
  };
  const started = performance.now();
  const cpu = process.cpuUsage();
  let done = 0;
  for (let r = await enrichBatch(deps); r.claimed > 0; r = await enrichBatch(deps)) done += r.done;
  const seconds = (performance.now() - started) / 1000;
  const cpuSeconds = cpuSince(cpu);
  const rows = await db.execute(sql`select title, story_id from articles`);
  const stories = new Map(
    (rows as unknown as { rows: { title: string; story_id: number }[] }).rows.map((r) => [
      r.title.slice('Synthetic '.length),
      r.story_id,
    ]),
  );
  const f1 = pairwiseScores(stories, new Map(data.ids.map((id, i) => [id, data.events[i]]))).f1;
  await close();
  return {
    decision,
    articles: done,
    seconds,
    cpu_s: cpuSeconds,
    cpu_ms_per_article: (cpuSeconds * 1000) / done,
    stories: new Set(stories.values()).size,
    pair_f1: f1,
  };
}

/** The same decision without a database, to separate the algorithm's cost from storage. */
async function phaseClusterMemory(count: number, days: number): Promise<PhaseResult> {
  const data = syntheticArticles(count, days);
  const config = loadConfig({});
  const items = data.ids.map((id, i) => ({ id, publishedAt: data.times[i], vector: data.vectors[i] }));
  const started = performance.now();
  const cpu = process.cpuUsage();
  const stories = replayAssignment(items, { windowDays: config.STORY_WINDOW_DAYS, threshold: SYNTHETIC_THRESHOLD });
  const seconds = (performance.now() - started) / 1000;
  return { articles: count, seconds, cpu_s: cpuSince(cpu), stories: new Set(stories.values()).size };
}

/** Nearest-neighbour queries over `count` stored vectors: exact from the database, exact in memory, HNSW when available. */
async function phaseNearest(count: number, queries: number): Promise<PhaseResult> {
  const vector = await pgliteVectorExtension(process.env.PGVECTOR_BUNDLE);
  const { db, close } = await openPglite(vector);
  const data = syntheticArticles(count, 365, 11);
  await db.execute(
    sql`insert into articles (title, content_hash, published_at) select 'v' || g, md5(g::text), ${new Date(START).toISOString()}::timestamptz + g * interval '1 minute' from generate_series(1, ${count}) g`,
  );
  for (let i = 0; i < count; i += 1000) {
    const rows = data.vectors
      .slice(i, i + 1000)
      .map((v, k) => `(${i + k + 1},'synthetic',${DIMS},'{${Array.from(v, (x) => x.toPrecision(7)).join(',')}}')`);
    await db.execute(
      sql.raw(`insert into article_embeddings (article_id, embedder, dims, vector) values ${rows.join(',')}`),
    );
  }
  // As if embedded one per second up to now, not all at once: a cache looking for changes re-lists only the last minute's.
  await db.execute(
    sql`update article_embeddings set created_at = now() - (${count} - article_id) * interval '1 second'`,
  );
  const random = seeded(99);
  const probes = Array.from({ length: queries }, () =>
    data.vectors[Math.floor(random() * count)].map((x, d) => x + 0.02 * Math.sin(d + random())),
  );
  // A cold cache per query is the old per-request path: every vector read from the database, then scanned.
  const exactDb: number[] = [];
  const truth: number[][] = [];
  for (const q of probes) {
    const t = performance.now();
    const hits = await Search.semantic(
      db,
      createVectorCache(db, articleVectors, { maxVectors: count }),
      q,
      'synthetic',
      { limit: 10, minSimilarity: -1 },
    );
    exactDb.push(performance.now() - t);
    truth.push(hits.map((h) => h.articleId));
  }
  // One warm cache: within its freshness window (no database read), and looking for changes on every query.
  const cached = async (options: Partial<VectorCacheOptions>) => {
    const cache = createVectorCache(db, articleVectors, { maxVectors: count, ...options });
    const t = performance.now();
    await cache.nearest('synthetic', probes[0], { limit: 10 });
    const loadMs = performance.now() - t;
    const times: number[] = [];
    let agree = 0;
    for (const [i, q] of probes.entries()) {
      const t0 = performance.now();
      const hits = await Search.semantic(db, cache, q, 'synthetic', { limit: 10, minSimilarity: -1 });
      times.push(performance.now() - t0);
      agree += Number(hits.map((h) => h.articleId).join() === truth[i].join());
    }
    return { loadMs, p50: p50(times), agree };
  };
  const warm = await cached({ ttlMs: 60_000 });
  const looking = await cached({ ttlMs: 0 });
  const memory: number[] = [];
  for (const q of probes) {
    const t = performance.now();
    const scored = data.vectors.map((v, i) => ({ id: i + 1, s: dot(v, q) }));
    scored.sort((a, b) => b.s - a.s).slice(0, 10);
    memory.push(performance.now() - t);
  }
  const result: PhaseResult = {
    vectors: count,
    queries,
    exact_db_p50_ms: p50(exactDb),
    exact_memory_p50_ms: p50(memory),
    cache_load_ms: warm.loadMs,
    cache_p50_ms: warm.p50,
    cache_refresh_p50_ms: looking.p50,
    cache_same_top10: `${warm.agree}/${queries}`,
    hnsw: 'unavailable',
  };
  if (vector) {
    const t = performance.now();
    const support = await prepareVectorIndex(db, { dims: DIMS });
    result.hnsw_build_s = (performance.now() - t) / 1000;
    if (support.available) {
      const hnsw: number[] = [];
      let found = 0;
      for (const [i, q] of probes.entries()) {
        const t0 = performance.now();
        const near = (await nearestArticles(db, q, 'synthetic', { limit: 10 }))!;
        hnsw.push(performance.now() - t0);
        found += near.filter((n) => truth[i].includes(n.articleId)).length;
      }
      Object.assign(result, {
        hnsw: `available (pgvector ${support.version})`,
        hnsw_p50_ms: p50(hnsw),
        recall_at_10: found / (10 * queries),
      });
    }
  }
  await close();
  return result;
}

/** CPU seconds (user + system) this process spent since `from`: steadier than wall time on a shared machine. */
function cpuSince(from: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1e6;
}

function p50(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

async function runPhase(phase: string, args: number[]): Promise<PhaseResult> {
  const result =
    phase === 'embed'
      ? await phaseEmbed()
      : phase === 'cluster-db'
        ? await phaseClusterDb(args[0], args[1])
        : phase === 'cluster-memory'
          ? await phaseClusterMemory(args[0], args[1])
          : await phaseNearest(args[0], args[1]);
  return { ...result, peak_rss_mb: process.resourceUsage().maxRSS / 1024 };
}

function inChild(phase: string, args: number[]): Promise<PhaseResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', phase, ...args.map(String)],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (chunk) => (out += String(chunk)));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').at(-1)!) as PhaseResult)
        : reject(new Error(`${phase} exited with ${code}`)),
    );
  });
}

const fmt = (r: PhaseResult) =>
  Object.entries(r)
    .map(([k, v]) => `${k}=${typeof v === 'number' ? (Number.isInteger(v) ? v : v.toFixed(v < 10 ? 3 : 1)) : v}`)
    .join(' ');

async function main(): Promise<void> {
  const clusterN = Number(process.env.BENCH_CLUSTER_N ?? 10_000);
  const nearestSizes = (process.env.BENCH_NN_SIZES ?? '10000,100000').split(',').map(Number);
  console.log(
    `machine: ${cpus()[0]?.model ?? 'unknown cpu'}, ${availableParallelism()} cores, node ${process.version}`,
  );
  const embed = await inChild('embed', []);
  console.log(`lexical-v1 on real text: ${fmt(embed)}`);
  const memory = await inChild('cluster-memory', [clusterN, 30]);
  console.log(`cluster ${clusterN} in memory (tune.replayAssignment): ${fmt(memory)}`);
  const db = await inChild('cluster-db', [clusterN, 30]);
  console.log(`cluster ${clusterN} through enrichBatch/assignStory on PGlite: ${fmt(db)}`);
  const nearest: PhaseResult[] = [];
  for (const size of nearestSizes) {
    nearest.push(await inChild('nearest', [size, size >= 100_000 ? 7 : 25]));
    console.log(`nearest neighbours over ${size} vectors: ${fmt(nearest.at(-1)!)}`);
  }
  const nn = (size: number, key: string) => nearest[nearestSizes.indexOf(size)]?.[key] ?? null;
  const num = (v: number | string | null | undefined, digits = 1) =>
    typeof v === 'number' ? v.toFixed(digits) : 'n/a';
  const hnswAvailable = nearest.some((r) => String(r.hnsw).startsWith('available'));
  console.log(
    `stories: cluster_10k_s=${num(db.seconds)} cluster_10k_peak_rss_mb=${num(db.peak_rss_mb, 0)} cluster_10k_memory_s=${num(memory.seconds, 2)} lexical_texts_per_s=${num(embed.texts_per_s, 0)} ` +
      `nn_p50_ms_10k=${num(nn(10_000, 'exact_db_p50_ms'))} nn_p50_ms_100k=${num(nn(100_000, 'exact_db_p50_ms'))} nn_mem_p50_ms_100k=${num(nn(100_000, 'exact_memory_p50_ms'))} ` +
      `nn_cache_p50_ms_10k=${num(nn(10_000, 'cache_p50_ms'))} nn_cache_p50_ms_100k=${num(nn(100_000, 'cache_p50_ms'))} nn_cache_refresh_p50_ms_100k=${num(nn(100_000, 'cache_refresh_p50_ms'))} ` +
      `hnsw=${hnswAvailable ? 'available' : 'unavailable'}${hnswAvailable ? ` hnsw_p50_ms_10k=${num(nn(10_000, 'hnsw_p50_ms'), 2)} hnsw_p50_ms_100k=${num(nn(100_000, 'hnsw_p50_ms'), 2)} recall_at_10_100k=${num(nn(100_000, 'recall_at_10'), 3)}` : ''}`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const childAt = process.argv.indexOf('--child');
  if (childAt >= 0) {
    const [phase, ...args] = process.argv.slice(childAt + 1);
    process.stdout.write(`${JSON.stringify(await runPhase(phase, args.map(Number)))}\n`);
    process.exit(0);
  }
  await main();
}
