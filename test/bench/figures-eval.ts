/**
 * `npm run eval:figures [-- --split dev|heldout|all] [--files F4] [--verbose]`: does the ledger file the same
 * real-world figure from different outlets under one figure, keep distractors apart and show
 * honest verdicts? Runs the labelled passages (test/fixtures/real-figures) through the real
 * pipeline as a user would: one RSS feed per outlet on a local server, `crosscheck feeds import`
 * (OPML), `crosscheck ingest --once`, then `crosscheck serve` (enrichment: embeddings, stories,
 * claims) until the claims queue is empty, then the JSON API (/api/claims, /api/figures/:id).
 * Default split: heldout (a third of the groups, never tuned on). Prints figures, asserts nothing.
 */
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { valuesAgree } from '../../src/claims/eval.ts';
import { runBin, spawnBin } from '../support/cli.ts';
import { rssFeed } from '../support/feed-xml.ts';
import { startTestServer } from '../support/http-server.ts';
import {
  formatScores,
  readFigureSet,
  realTitle,
  scoreFigures,
  splitOf,
  type Outcome,
  type Passage,
} from './figure-set.ts';

const { values: args } = parseArgs({
  options: {
    split: { type: 'string', default: 'heldout' },
    verbose: { type: 'boolean', default: false },
    files: { type: 'string', default: '' },
  },
});
if (args.verbose && args.split !== 'dev') {
  console.error(
    'eval:figures: --verbose lists passages one by one; use it with --split dev only (the held-out part is never tuned on).',
  );
  process.exit(2);
}
// `--files F4` (comma-separated prefixes of ids): one collection alone, e.g. a newly labelled one measured before any tuning on it.
const files = args.files ? args.files.split(',') : [];
const passages = readFigureSet().filter(
  (p) =>
    (args.split === 'all' || splitOf(p.group) === args.split) &&
    (files.length === 0 || files.some((f) => p.id.startsWith(`${f}-`))),
);
console.log(
  `machine: ${cpus()[0]?.model ?? 'cpu'}, ${cpus().length} cores, node ${process.version}; split=${args.split}${files.length ? ` files=${files.join(',')}` : ''}: ${passages.length} passages in ${new Set(passages.map((p) => p.group)).size} groups`,
);

// One feed per outlet; each passage an item whose link names it, so its claims can be found again.
const byOutlet = new Map<string, Passage[]>();
for (const p of passages) byOutlet.set(p.outlet, [...(byOutlet.get(p.outlet) ?? []), p]);
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const routes = Object.fromEntries(
  [...byOutlet].map(([outlet, list], k) => [
    `/feeds/${k}.xml`,
    (_req: unknown, res: import('node:http').ServerResponse) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
      res.end(
        rssFeed({
          title: outlet,
          link: `https://${outlet}/`,
          items: list.map((p) => ({
            guid: p.id,
            title: realTitle(p),
            link: `https://${outlet}/crosscheck-eval/${p.id}`,
            html: `<p>${escapeHtml(p.text)}</p>`,
            publishedAt: new Date(p.publishedAt),
          })),
        }),
      );
    },
  ]),
);
const feedServer = await startTestServer(routes, { host: '127.0.0.1' });
const dataDir = await mkdtemp(join(tmpdir(), 'crosscheck-eval-figures-'));
const port = await freePort();
const env = {
  ...(process.env.LEDGER_LEVEL_WINDOW_DAYS ? { LEDGER_LEVEL_WINDOW_DAYS: process.env.LEDGER_LEVEL_WINDOW_DAYS } : {}),
  DATA_DIR: dataDir,
  DEMO_DATA: 'false',
  ALLOWED_PRIVATE_HOSTS: '127.0.0.1',
  PORT: String(port),
  HOST: '127.0.0.1',
  LOG_LEVEL: 'warn',
};
try {
  const opml = `<?xml version="1.0"?><opml version="2.0"><body>${[...byOutlet.keys()].map((o, k) => `<outline type="rss" text="${o}" xmlUrl="${feedServer.url}/feeds/${k}.xml"/>`).join('')}</body></opml>`;
  await writeFile(join(dataDir, 'eval.opml'), opml);
  await must(runBin(['feeds', 'import', join(dataDir, 'eval.opml')], env));
  const ingest = await must(runBin(['ingest', '--once', '--json'], env));
  console.log(`ingest: ${ingest.stdout.trim().split('\n').at(-1)}`);
  const started = Date.now();
  const serve = spawnBin(['serve'], env);
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitFor(
      async () => (await fetch(`${base}/healthz`).catch(() => null))?.ok === true,
      60_000,
      'serve did not start',
    );
    await waitFor(
      async () => claimsQueueEmpty(await (await fetch(`${base}/metrics`)).text()),
      600_000,
      'enrichment did not finish',
    );
    console.log(`enrichment: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const outcomes = await outcomesFrom(base, passages);
    if (args.verbose) explain(outcomes);
    if (args.verbose) await explainContested(base, outcomes);
    console.log(formatScores(scoreFigures(outcomes)));
  } finally {
    serve.child.kill('SIGTERM');
    await serve.done;
  }
} finally {
  await feedServer.close();
  await rm(dataDir, { recursive: true, force: true });
}

type ApiClaim = {
  id: number;
  figure_id: number | null;
  quote: string;
  value: number;
  value_high: number | null;
  unit: string;
  subject: string | null;
  metric: string;
  period: string | null;
  time_key: string;
  source: { kind: string; url?: string };
};

async function outcomesFrom(base: string, list: Passage[]): Promise<Outcome[]> {
  const all: ApiClaim[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = (
      (await (await fetch(`${base}/api/claims?limit=500&offset=${offset}`)).json()) as { claims: ApiClaim[] }
    ).claims;
    all.push(...page);
    if (page.length < 500) break;
  }
  const byPassage = new Map<string, ApiClaim[]>();
  for (const c of all) {
    const id = c.source.url?.split('/crosscheck-eval/')[1];
    if (id) byPassage.set(id, [...(byPassage.get(id) ?? []), c]);
  }
  const verdicts = new Map<number, string>();
  const outcomes: Outcome[] = [];
  for (const passage of list) {
    const found = findLabelled(byPassage.get(passage.id) ?? [], passage);
    let verdict: string | null = null;
    if (found?.figure_id != null) {
      if (!verdicts.has(found.figure_id))
        verdicts.set(
          found.figure_id,
          ((await (await fetch(`${base}/api/figures/${found.figure_id}`)).json()) as { verdict: string }).verdict,
        );
      verdict = verdicts.get(found.figure_id)!;
    }
    outcomes.push({
      passage,
      extracted: found !== null,
      figureId: found?.figure_id ?? null,
      verdict,
      claim: found,
    } as Outcome & { claim: ApiClaim | null });
  }
  return outcomes;
}

/** The extracted claim that states the labelled figure: its quote overlaps the label's, or failing that the value agrees. */
function findLabelled(claims: ApiClaim[], p: Passage): ApiClaim | null {
  const overlaps = (c: ApiClaim) => c.quote.includes(p.figure.quote) || p.figure.quote.includes(c.quote);
  const value = (c: ApiClaim) => valuesAgree(c.value, p.figure.value) && c.unit === p.figure.unit;
  return claims.find((c) => overlaps(c) && value(c)) ?? claims.find(overlaps) ?? claims.find(value) ?? null;
}

function explain(outcomes: Outcome[]) {
  for (const o of outcomes as (Outcome & { claim: ApiClaim | null })[]) {
    const c = o.claim;
    console.log(
      `${o.passage.id.padEnd(8)} ${o.passage.group.padEnd(8)} ${o.passage.role === 'member' ? (o.passage.agrees === false ? 'dissent' : 'member ') : 'distr. '} ` +
        `fig=${String(o.figureId ?? '-').padEnd(5)} ${String(o.verdict ?? '').padEnd(10)} ${c ? `${c.subject} · ${c.metric} · ${c.time_key || 'undated'} (${c.period ?? ''})` : 'NOT EXTRACTED'}  | want ${o.passage.figure.subject} · ${o.passage.figure.metric} · ${o.passage.figure.period}`,
    );
  }
}

/** Every claim of each contested figure: which values made the contradiction. */
async function explainContested(base: string, outcomes: Outcome[]) {
  const ids = [...new Set(outcomes.filter((o) => o.verdict === 'contested').map((o) => o.figureId!))];
  for (const id of ids) {
    const fig = (await (await fetch(`${base}/api/figures/${id}`)).json()) as {
      figure: { subject: string; measure: string; time: string };
      claims: ApiClaim[];
    };
    console.log(`contested #${id} ${fig.figure.subject} · ${fig.figure.measure} · ${fig.figure.time}`);
    for (const c of fig.claims)
      console.log(
        `    ${c.source.url?.split('/crosscheck-eval/')[1] ?? c.source.kind} ${c.quote} = ${c.value} ${c.unit} [${c.period ?? ''}] ${c.time_key || 'undated'}`,
      );
  }
}

function claimsQueueEmpty(metrics: string): boolean {
  const n = (status: string, kind: string) =>
    Number(
      new RegExp(`crosscheck_enrichment_jobs\\{kind="${kind}",status="${status}"\\} (\\d+)`).exec(metrics)?.[1] ?? NaN,
    );
  return ['claims', 'embed'].every((k) => n('pending', k) === 0 && n('running', k) === 0 && n('done', k) > 0);
}

async function must<T extends { code: number; stderr: string }>(run: Promise<T>): Promise<T> {
  const r = await run;
  if (r.code !== 0) throw new Error(`command failed (${r.code}): ${r.stderr}`);
  return r;
}

async function waitFor(ok: () => Promise<boolean>, ms: number, message: string) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await ok().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(message);
}

async function freePort(): Promise<number> {
  const s = createServer().listen(0, '127.0.0.1');
  await once(s, 'listening');
  const { port } = s.address() as AddressInfo;
  s.close();
  return port;
}
