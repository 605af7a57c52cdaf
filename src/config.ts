import { join } from 'node:path';
import { z } from 'zod';

/**
 * Every setting Crosscheck reads from the environment, with its default and a one-line doc.
 * Parsed once in the composition root and passed down; nothing else reads process.env.
 * The README's environment table is generated from this list (`npx crosscheck config --markdown`)
 * and a test keeps the two in step.
 */
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const int = (min: number, max = Number.MAX_SAFE_INTEGER) => z.coerce.number().int().min(min).max(max);
const num = (min: number, max: number) => z.coerce.number().min(min).max(max);

type Setting<T extends z.ZodType = z.ZodType> = { schema: T; default: string | undefined; doc: string };
const s = <T extends z.ZodType>(schema: T, def: string | undefined, doc: string): Setting<T> => ({
  schema,
  default: def,
  doc,
});

export const settings = {
  PORT: s(int(0, 65535), '3000', 'HTTP port of the web server.'),
  HOST: s(z.string(), '', 'Interface to listen on; empty means all interfaces (IPv4 and IPv6).'),
  PUBLIC_URL: s(
    z.string().url().or(z.literal('')),
    '',
    'Public base URL used in feeds and links; empty derives it from the request.',
  ),
  DATA_DIR: s(
    z.string().min(1),
    './data',
    'Folder for the embedded PGlite database and caches (used when DATABASE_URL is empty).',
  ),
  DATABASE_URL: s(z.string(), '', 'PostgreSQL connection string; when set, replaces the embedded PGlite database.'),
  DEMO_DATA: s(bool, 'true', 'Register and ingest the bundled demo feed at start-up (idempotent).'),
  LOG_LEVEL: s(
    z.enum(['debug', 'info', 'warn', 'error', 'silent']),
    'info',
    'Log verbosity (pino: one JSON object per line on stderr; lines of a web request carry its requestId).',
  ),
  POLL_INTERVAL_MINUTES: s(int(1), '60', 'Default minutes between two polls of a feed (feeds may ask for longer).'),
  SCHEDULER_TICK_SECONDS: s(int(1), '30', 'How often the in-process scheduler looks for due feeds.'),
  FETCH_TIMEOUT_MS: s(int(100), '20000', 'Timeout for connecting to a feed and for receiving its whole body.'),
  MAX_FEED_BYTES: s(
    int(1024),
    String(10 * 1024 * 1024),
    'Largest feed body accepted, also enforced after decompression.',
  ),
  MAX_REDIRECTS: s(int(0, 20), '5', 'Most redirects followed for one feed fetch.'),
  FETCH_CONCURRENCY: s(int(1, 256), '16', 'Most feed requests in flight at once, across all hosts.'),
  PER_HOST_CONCURRENCY: s(int(1, 16), '2', 'Most feed requests in flight at once to one host.'),
  PARSE_THREADS: s(
    int(0, 16),
    '1',
    'Worker threads that parse and sanitise fetched feeds (0 parses on the main thread); one lets the database write while the next feed is parsed (bench:ingest).',
  ),
  MAX_BACKOFF_MINUTES: s(int(1), String(24 * 60), 'Upper bound of the exponential back-off after failed polls.'),
  FEED_DISABLE_AFTER_FAILURES: s(
    int(1),
    '10',
    'Consecutive parse failures after which a feed is disabled (re-enable with `crosscheck feeds enable`).',
  ),
  FEED_LEASE_SECONDS: s(int(5), '300', 'How long a process holds a claimed feed before another may take it over.'),
  USER_AGENT: s(
    z.string().min(1),
    'Crosscheck/0.1 (+https://github.com/crosscheck; feed fetcher)',
    'User-Agent sent with every feed request.',
  ),
  ALLOWED_PRIVATE_HOSTS: s(
    z.string(),
    '',
    'Comma-separated hosts, addresses or CIDRs that may resolve to private/loopback addresses (the SSRF guard refuses them otherwise).',
  ),
  EMBEDDING_MODEL: s(
    z.string().min(1),
    'Xenova/all-MiniLM-L6-v2',
    'Hugging Face model id used for sentence embeddings.',
  ),
  MODEL_DIR: s(
    z.string(),
    '',
    'Local folder of models in Hugging Face layout (filled by `crosscheck models pull`); empty means `<DATA_DIR>/models`.',
  ),
  ALLOW_REMOTE_MODELS: s(bool, 'false', 'Allow downloading models from the Hugging Face hub at run time.'),
  EMBED_DEVICE: s(
    z.enum(['cpu', 'cuda', 'webgpu']),
    'cpu',
    'Device for the embedding model; an unavailable device fails at start-up.',
  ),
  POOL_SIZE: s(
    int(0, 64),
    '2',
    'Worker threads in the enrichment pool (0 disables in-process enrichment); 2 × 1 intra-op thread was fastest on 2 cores (bench:embed).',
  ),
  POOL_INTRA_OP_THREADS: s(int(1, 64), '1', 'ONNX Runtime intra-op threads per worker thread.'),
  ENRICH_BATCH_SIZE: s(int(1, 1024), '16', 'Articles claimed per enrichment batch.'),
  STORY_WINDOW_DAYS: s(
    int(1, 365),
    '3',
    'An article may join stories whose latest article is at most this many days old.',
  ),
  STORY_SIMILARITY: s(
    z
      .literal('')
      .transform(() => null)
      .or(num(0, 1)),
    '',
    'Cosine similarity at or above which an article joins an existing story, for every embedder; empty means: `lexical-v1` vectors get the learned same-event decision (text, entities, figures, event type and time; `npm run train:stories`), sentence models a cosine of 0.55 (untuned here; `npm run eval:stories -- --pool` sweeps it where a model is installed).',
  ),
  LEDGER_LEVEL_WINDOW_DAYS: s(
    int(1, 365),
    '30',
    'Levels (a valuation, a GPU count, users) stated this many days apart or less are one figure in the ledger; flows (revenue, capex) meet only on the same resolved months.',
  ),
  WEB_STATEMENT_TIMEOUT_MS: s(
    int(0, 3_600_000),
    '5000',
    "With PostgreSQL, longest a web request's SQL statement may run before the database cancels it and the page answers 503 (0: no limit); web queries also run without parallel workers. PGlite cannot cancel a statement.",
  ),
  WEB_DB_CONNECTIONS: s(
    int(1, 1000),
    '10',
    'With PostgreSQL, connections in the web pool (the scheduler and enrichment have their own pool of 10).',
  ),
  PAGE_REFRESH_SECONDS: s(
    int(0, 3600),
    '5',
    'How long each process keeps the front page (Top and New, per topic), `/figures` and figure pages, with their anonymous HTML, before reading them again (in the background after half of it): a vote, comment, new story or claim shows within this time; 0 reads them on every request.',
  ),
  COUNTS_CACHE_SECONDS: s(
    int(0, 3600),
    '30',
    'Counts over whole tables (the `/metrics` gauges, the measure chips of `/figures`) are recomputed at most this often per process; 0 recomputes them on every request.',
  ),
  SHUTDOWN_GRACE_SECONDS: s(
    int(1, 300),
    '10',
    'On SIGTERM or SIGINT, `serve` and `worker` stop accepting at once, give requests in flight half of this to finish (then cut them off) and exit within it, finishing or abandoning background work; a second signal exits at once.',
  ),
  TRUST_PROXY: s(
    bool,
    'false',
    'Take the client address from X-Forwarded-For (set only behind your own reverse proxy); used by rate limits and to tell loopback clients of `/metrics`.',
  ),
  SESSION_DAYS: s(int(1, 365), '30', 'Lifetime of a login session.'),
  SECURE_COOKIES: s(
    z.enum(['auto', 'always', 'never']),
    'auto',
    'Mark cookies Secure: auto means when the request came over HTTPS.',
  ),
  METRICS_TOKEN: s(
    z.literal('').or(z.string().min(16)),
    '',
    'Bearer token (16 characters or more) that lets other machines read `/metrics` (`Authorization: Bearer …`); empty means only loopback clients may.',
  ),
} satisfies Record<string, Setting>;

type Settings = typeof settings;
export type Config = { [K in keyof Settings]: z.output<Settings[K]['schema']> };

/** Parses the environment into a Config; throws one error that lists every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const out: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, setting] of Object.entries(settings)) {
    const raw = env[name] ?? setting.default;
    const parsed = setting.schema.safeParse(raw);
    if (parsed.success) out[name] = parsed.data;
    else problems.push(`${name}=${JSON.stringify(raw)}: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  }
  if (problems.length) throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  const config = out as Config;
  return { ...config, MODEL_DIR: config.MODEL_DIR || join(config.DATA_DIR, 'models') };
}

/** The README's environment table. */
export function configMarkdownTable(): string {
  const rows = Object.entries(settings).map(
    ([name, s]) =>
      `| \`${name}\` | ${s.default === '' || s.default === undefined ? '(empty)' : `\`${s.default}\``} | ${s.doc} |`,
  );
  return ['| variable | default | meaning |', '|---|---|---|', ...rows].join('\n');
}
