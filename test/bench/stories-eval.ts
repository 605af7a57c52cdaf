/**
 * `npm run eval:stories`: how well story assignment groups real coverage, per similarity threshold.
 *
 * Replays the production decision (src/stories/tune.ts, which assignStory calls) over the labelled
 * headlines in test/fixtures/headlines (real AI-industry coverage, April 2026, grouped by event),
 * embedded with the lexical-v1 embedder exactly as enrichment embeds them (embeddingText), in
 * arrival (publication) order. Prints pairwise and B-cubed precision/recall/F1 per threshold, the
 * spread over shuffled arrival orders, then the same for the bundled demo feed, and a summary line.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadConfig } from '../../src/config.ts';
import { embeddingText } from '../../src/enrich/enrich.ts';
import { parseFeed } from '../../src/ingest/parse.ts';
import { LEXICAL_EMBEDDER, lexicalEmbed } from '../../src/ml/lexical-embedder.ts';
import { createEmbeddingPool, embeddingPoolOptions } from '../../src/ml/pool.ts';
import { storyThreshold } from '../../src/stories/threshold.ts';
import { SAME_EVENT_MODEL } from '../../src/stories/same-event.ts';
import {
  bcubedScores,
  pairwiseScores,
  replayAssignment,
  replayEventAssignment,
  thresholdGrid,
  type ReplayItem,
} from '../../src/stories/tune.ts';
import { eventSet, realEventSet, type EventSet } from './real-events.ts';
import { ownEventSplit } from './train-stories.ts';
import { dot } from '../../src/stories/vectors.ts';

export type Headline = {
  id: string;
  event: string;
  outlet: string;
  publishedAt: string;
  title: string;
  dek: string;
  url: string | null;
  src: string;
};
export type LabelledSet = { items: ReplayItem[]; gold: Map<string, string>; headlines: Headline[] };

const FIXTURE = fileURLToPath(new URL('../fixtures/headlines/ai-news-2026-04.jsonl', import.meta.url));
const DEMO_FEED = fileURLToPath(new URL('../../src/demo/demo-feed.xml', import.meta.url));

export function readHeadlines(path = FIXTURE): Headline[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Headline);
}

/** What enrichment would embed for an article with this headline and dek. */
export const headlineText = (h: Headline) => embeddingText({ title: h.title, summary: h.dek || null, contentText: '' });

/** The labelled headlines with their vectors (lexical-v1 unless given), in arrival (publication) order. */
export function loadLabelledSet(
  headlines = readHeadlines(),
  vectors: ArrayLike<number>[] = headlines.map((h) => lexicalEmbed(headlineText(h))),
): LabelledSet {
  const items = headlines
    .map((h, i) => ({ id: h.id, publishedAt: new Date(h.publishedAt), vector: vectors[i] }))
    .sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime() || a.id.localeCompare(b.id));
  return { items, gold: new Map(headlines.map((h) => [h.id, h.event])), headlines };
}

export function scoreAt(set: LabelledSet, threshold: number, windowDays: number) {
  const predicted = replayAssignment(set.items, { threshold, windowDays });
  return {
    pairwise: pairwiseScores(predicted, set.gold),
    bcubed: bcubedScores(predicted, set.gold),
    stories: new Set(predicted.values()).size,
  };
}

/** Mean and spread of pairwise F1 when the same items arrive in shuffled orders (enrichment batches are not strictly chronological). */
export function shuffledF1(
  set: LabelledSet,
  threshold: number,
  windowDays: number,
  runs = 20,
): { mean: number; min: number } {
  const f1s = Array.from({ length: runs }, (_, seed) => {
    const order = shuffle(set.items, seed + 1);
    return pairwiseScores(replayAssignment(order, { threshold, windowDays }), set.gold).f1;
  });
  return { mean: f1s.reduce((a, b) => a + b, 0) / runs, min: Math.min(...f1s) };
}

function shuffle<T>(items: readonly T[], seed: number): T[] {
  let state = seed >>> 0;
  const random = () => (state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0) / 2 ** 32;
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

type EmbedTexts = (texts: string[]) => Promise<ArrayLike<number>[]>;
const lexicalTexts: EmbedTexts = async (texts) => texts.map(lexicalEmbed);

/** The bundled demo feed, parsed and embedded the way ingestion and enrichment do it. */
export async function loadDemoItems(embed: EmbedTexts = lexicalTexts): Promise<{ title: string; item: ReplayItem }[]> {
  const parsed = await parseFeed(readFileSync(DEMO_FEED, 'utf8'), {
    feedUrl: 'https://demo.crosscheck.invalid/feed.xml',
  });
  const vectors = await embed(
    parsed.items.map((p) => embeddingText({ title: p.title, summary: p.summary, contentText: p.contentText })),
  );
  return parsed.items.map((p, i) => ({
    title: p.title,
    item: { id: `demo${i + 1}`, publishedAt: p.publishedAt ?? new Date(0), vector: vectors[i] },
  }));
}

/**
 * `--pool`: embed with the configured worker pool (EMBEDDING_MODEL from MODEL_DIR, as `serve` does),
 * so the sweep can be repeated for a sentence model wherever one is installed. Without a model the
 * pool falls back to lexical-v1, like the site.
 */
async function chooseEmbedder(): Promise<{ name: string; embed: EmbedTexts; close(): Promise<void> }> {
  if (!process.argv.includes('--pool')) return { name: LEXICAL_EMBEDDER, embed: lexicalTexts, close: async () => {} };
  const pool = await createEmbeddingPool(embeddingPoolOptions(loadConfig(process.env)));
  const info = await pool.info();
  const name = info.fallbackReason ? `${info.embedder} (fallback: ${info.fallbackReason})` : info.embedder;
  return { name, embed: async (texts) => (await pool.embed(texts)).vectors, close: () => pool.close() };
}

/** Highest cosine between two different demo articles: the demo groups sensibly when this stays below the threshold. */
export function maxCrossSimilarity(vectors: ArrayLike<number>[]): number {
  let max = -1;
  for (let i = 0; i < vectors.length; i++)
    for (let j = i + 1; j < vectors.length; j++) max = Math.max(max, dot(vectors[i], vectors[j]));
  return max;
}

/** Scores of the same-event decision (production, when STORY_SIMILARITY is unset) on one labelled set. */
export function eventScores(set: EventSet, windowDays: number | null) {
  const predicted = replayEventAssignment(set.items, { windowDays });
  return {
    pairwise: pairwiseScores(predicted, set.gold),
    bcubed: bcubedScores(predicted, set.gold),
    stories: new Set(predicted.values()).size,
  };
}

/** The project's own 161 headlines as an event set (title and dek). */
export const ownEventSet = () =>
  eventSet(
    readHeadlines().map((h) => ({ id: h.id, event: h.event, publishedAt: h.publishedAt, title: h.title, lead: h.dek })),
  );

function printEventDecision(windowDays: number): void {
  const f = (x: number) => x.toFixed(3);
  console.log(
    `same-event decision ${SAME_EVENT_MODEL.version} (join at p >= ${SAME_EVENT_MODEL.threshold}), lexical-v1, window ${windowDays} days:`,
  );
  const lines: [string, EventSet, number | null][] = [
    ['real-events held out', realEventSet('heldout'), windowDays],
    ['real-events development', realEventSet('dev'), windowDays],
    ['real-events held out, no window', realEventSet('heldout'), null],
    ['own 161 headlines (2/3 trained on)', ownEventSet(), windowDays],
    ['own headlines, held-out third', ownEventSplit('heldout'), windowDays],
  ];
  // The decision before this one: lexical-v1's cosine threshold (a window of a million days stands for none).
  const cosine = (set: EventSet, window: number | null) =>
    pairwiseScores(
      replayAssignment(set.items, { windowDays: window ?? 1e6, threshold: storyThreshold(LEXICAL_EMBEDDER, null) }),
      set.gold,
    ).f1;
  for (const [name, set, window] of lines) {
    const s = eventScores(set, window);
    const before = `  (cosine ${storyThreshold(LEXICAL_EMBEDDER, null)} alone: pair F1 ${f(cosine(set, window))})`;
    console.log(
      `  ${name.padEnd(34)} n=${String(set.items.length).padStart(3)} pair P/R/F1 ${f(s.pairwise.precision)}/${f(s.pairwise.recall)}/${f(s.pairwise.f1)}  B3 P/R/F1 ${f(s.bcubed.precision)}/${f(s.bcubed.recall)}/${f(s.bcubed.f1)}  stories=${s.stories}${before}`,
    );
  }
  const held = eventScores(realEventSet('heldout'), windowDays);
  const noWindow = eventScores(realEventSet('heldout'), null);
  const own = eventScores(ownEventSet(), windowDays);
  console.log(
    `stories-eval: decision=${SAME_EVENT_MODEL.version} heldout_pair_f1=${f(held.pairwise.f1)} heldout_b3_f1=${f(held.bcubed.f1)} heldout_nowindow_pair_f1=${f(noWindow.pairwise.f1)} own_pair_f1=${f(own.pairwise.f1)} own_heldout_pair_f1=${f(eventScores(ownEventSplit('heldout'), windowDays).pairwise.f1)}`,
  );
  console.log('');
}

async function main(): Promise<void> {
  const config = loadConfig({});
  const windowDays = config.STORY_WINDOW_DAYS;
  if (!process.argv.includes('--pool')) printEventDecision(windowDays);
  const embedder = await chooseEmbedder();
  const headlines = readHeadlines();
  const set = loadLabelledSet(headlines, await embedder.embed(headlines.map(headlineText)));
  const events = new Set(set.gold.values()).size;
  const multi = [...countValues(set.gold.values()).values()].filter((n) => n > 1).length;
  console.log(
    `machine: ${cpus()[0]?.model ?? 'unknown cpu'}, ${availableParallelism()} cores, node ${process.version}`,
  );
  console.log(
    `labelled set: ${set.items.length} headlines, ${events} events (${multi} covered by several outlets), embedder ${embedder.name}, window ${windowDays} days`,
  );
  console.log('\nthreshold  pair-P  pair-R  pair-F1  b3-P   b3-R   b3-F1  stories  shuffled-F1 mean/min');
  let best = { threshold: 0, f1: -1 };
  for (const threshold of thresholdGrid(0.1, 0.8, 0.025)) {
    const s = scoreAt(set, threshold, windowDays);
    const shuffled = shuffledF1(set, threshold, windowDays);
    const f = (x: number) => x.toFixed(3).padStart(6);
    console.log(
      `${threshold.toFixed(3).padStart(9)} ${f(s.pairwise.precision)}  ${f(s.pairwise.recall)}  ${f(s.pairwise.f1)}  ${f(s.bcubed.precision)} ${f(s.bcubed.recall)} ${f(s.bcubed.f1)}  ${String(s.stories).padStart(7)}  ${f(shuffled.mean)}/${f(shuffled.min)}`,
    );
    // Ties go to the higher threshold: a missed merge is cheaper to fix than a wrong one.
    if (s.pairwise.f1 >= best.f1 - 1e-12) best = { threshold, f1: s.pairwise.f1 };
  }
  // The threshold this embedder gets by default (STORY_SIMILARITY when set, else its own: threshold.ts).
  const threshold = storyThreshold(embedder.name.split(' ')[0], config.STORY_SIMILARITY);
  const current = scoreAt(set, threshold, windowDays);
  console.log(
    `\nbest pairwise F1 ${best.f1.toFixed(3)} at ${best.threshold}; the default for this embedder (${threshold}) scores ${current.pairwise.f1.toFixed(3)}`,
  );

  const demo = await loadDemoItems(embedder.embed);
  await embedder.close();
  const cross = maxCrossSimilarity(demo.map((d) => d.item.vector));
  const demoStories = replayAssignment(
    demo.map((d) => d.item),
    { threshold, windowDays },
  );
  console.log(
    `\ndemo feed (${demo.length} articles, each its own event): max cosine between two of them ${cross.toFixed(3)}`,
  );
  for (const d of demo)
    console.log(`  story ${demoStories.get(d.item.id)}  ${d.item.publishedAt.toISOString().slice(0, 10)}  ${d.title}`);
  const demoCount = new Set(demoStories.values()).size;
  console.log(
    `stories-eval: embedder=${embedder.name.split(' ')[0]} n=${set.items.length} events=${events} best_threshold=${best.threshold} best_pair_f1=${best.f1.toFixed(3)} default=${threshold} default_pair_f1=${current.pairwise.f1.toFixed(3)} default_b3_f1=${current.bcubed.f1.toFixed(3)} demo_stories=${demoCount}/${demo.length} demo_max_cos=${cross.toFixed(3)}`,
  );
}

function countValues(values: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
