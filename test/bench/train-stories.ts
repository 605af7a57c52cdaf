/**
 * `npm run train:stories`: learns the same-event decision's weights (src/stories/same-event.ts) by
 * logistic regression on pairs of headlines from the development part of test/fixtures/real-events
 * (the held-out part is never read here), chooses the joining probability by replaying assignment
 * over the same part at the production window, prints both and writes src/stories/same-event-model.json.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadConfig } from '../../src/config.ts';
import { FEATURE_NAMES, pairFeatures, sameEventProbability } from '../../src/stories/same-event.ts';
import { bcubedScores, pairwiseScores, replayEventAssignment, thresholdGrid } from '../../src/stories/tune.ts';
import { dot } from '../../src/stories/vectors.ts';
import { createHash } from 'node:crypto';
import { readHeadlines } from './stories-eval.ts';
import { eventSet, realEventSet, type EventSet } from './real-events.ts';

/** The project's own headlines split like real-events: a third of the events (by hash) held out. */
export const ownSplit = (event: string) =>
  createHash('sha256').update(event).digest()[0] % 3 === 0 ? 'heldout' : 'dev';
export const ownEventSplit = (split: 'dev' | 'heldout'): EventSet =>
  eventSet(
    readHeadlines()
      .filter((h) => ownSplit(h.event) === split)
      .map((h) => ({ id: h.id, event: h.event, publishedAt: h.publishedAt, title: h.title, lead: h.dek })),
  );

const MODEL_FILE = fileURLToPath(new URL('../../src/stories/same-event-model.json', import.meta.url));
const DAY_MS = 86_400_000;

/** Batch gradient descent on the log loss with a small L2 penalty (not on the bias); positives weighted to balance the classes. */
export function fitLogistic(
  x: number[][],
  y: number[],
  { l2 = 1e-3, steps = 4000, rate = 0.5, sampleWeights = [] as number[] } = {},
): number[] {
  const w = new Array(x[0].length).fill(0);
  const sw = (i: number) => sampleWeights[i] ?? 1;
  const positives = y.reduce((s, v, i) => s + (v === 1 ? sw(i) : 0), 0);
  const negatives = y.reduce((s, v, i) => s + (v === 1 ? 0 : sw(i)), 0);
  const posWeight = negatives / Math.max(1e-9, positives);
  const total = 2 * negatives;
  for (let step = 0; step < steps; step++) {
    const grad = new Array(w.length).fill(0);
    for (let i = 0; i < x.length; i++) {
      const weight = (y[i] === 1 ? posWeight : 1) * sw(i);
      const err = (sameEventProbability(x[i], w) - y[i]) * weight;
      for (let j = 0; j < w.length; j++) grad[j] += err * x[i][j];
    }
    for (let j = 0; j < w.length; j++) w[j] -= rate * (grad[j] / total + (j === 0 ? 0 : l2 * w[j]));
  }
  return w;
}

/**
 * What the choices are judged by, on the development parts only: the mean pairwise F1 of the
 * issue's three targets — real-events at the production window, real-events with no window, the
 * project's own headlines at the production window.
 */
function devScore(
  weights: number[],
  threshold: number,
  sets: { real: EventSet; own: EventSet },
  windowDays: number,
): number[] {
  const model = { version: 'candidate', weights, threshold };
  const f1 = (set: EventSet, window: number | null) =>
    pairwiseScores(replayEventAssignment(set.items, { windowDays: window, model }), set.gold).f1;
  return [f1(sets.real, windowDays), f1(sets.real, null), f1(sets.own, windowDays)];
}

function main(): void {
  const windowDays = loadConfig({}).STORY_WINDOW_DAYS;
  // Pairs come from the development parts of both sets: real-events (events months apart, near
  // misses) and the project's own headlines (one week of unrelated news, where time says little).
  const sets = { real: realEventSet('dev'), own: ownEventSplit('dev') };
  console.log(
    `train:stories: ${sets.real.items.length} + ${sets.own.items.length} development headlines; window ${windowDays} days`,
  );
  console.log('pairs      set weights  join at  real-events dev / no window / own dev   mean');
  let best: { weights: number[]; threshold: number; score: number; label: string } | undefined;
  // Choices made on the development parts: which pairs to learn from (those assignment meets
  // within a week, or all), whether each set weighs the same in the fit, and the joining probability.
  for (const pairDays of [7, Infinity]) {
    for (const balanceSets of [true, false]) {
      const x: number[][] = [];
      const y: number[] = [];
      addPairs(sets.real, x, y, pairDays);
      const fromReal = x.length;
      addPairs(sets.own, x, y, pairDays);
      const sampleWeights = x.map((_, i) => (i < fromReal || !balanceSets ? 1 : fromReal / (x.length - fromReal)));
      const weights = fitLogistic(x, y, { sampleWeights }).map((w) => Math.round(w * 1e4) / 1e4);
      for (const threshold of thresholdGrid(0.5, 0.995, 0.015)) {
        const scores = devScore(weights, threshold, sets, windowDays);
        const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
        // Ties go to the higher threshold: a missed merge is cheaper to fix than a wrong one.
        if (!best || mean >= best.score - 1e-12)
          best = {
            weights,
            threshold,
            score: mean,
            label: `${pairDays === 7 ? '<= 7 days' : 'all'} ${balanceSets ? 'balanced' : 'by pairs'} ${threshold}`,
          };
        if (Math.round(threshold * 1000) % 60 === 20 || threshold >= 0.95)
          console.log(
            `${(pairDays === 7 ? '<= 7 days' : 'all').padEnd(10)} ${(balanceSets ? 'balanced' : 'by pairs').padEnd(12)} ${threshold.toFixed(3).padStart(7)}  ${scores.map((v) => v.toFixed(3)).join(' / ')}   ${mean.toFixed(3)}`,
          );
      }
    }
  }
  const { weights, threshold, score, label } = best!;
  console.log(`\nchosen: ${label} (mean development pair F1 ${score.toFixed(3)})`);
  for (const [i, name] of FEATURE_NAMES.entries())
    console.log(`  ${name.padEnd(24)} ${weights[i].toFixed(4).padStart(9)}`);
  const [real, noWindow, own] = devScore(weights, threshold, sets, windowDays);
  const b3 = bcubedScores(
    replayEventAssignment(sets.real.items, { windowDays, model: { version: 'chosen', weights, threshold } }),
    sets.real.gold,
  ).f1;
  const model = { version: `lr-${new Date().toISOString().slice(0, 10)}`, weights, threshold };
  writeFileSync(MODEL_FILE, `${JSON.stringify(model)}\n`);
  console.log(
    `train:stories: threshold=${threshold} dev_pair_f1=${real.toFixed(3)} dev_b3_f1=${b3.toFixed(3)} dev_nowindow_pair_f1=${noWindow.toFixed(3)} own_dev_pair_f1=${own.toFixed(3)} written to src/stories/same-event-model.json`,
  );
}

function addPairs(dev: EventSet, x: number[][], y: number[], pairDays: number): void {
  for (let i = 0; i < dev.items.length; i++) {
    for (let j = i + 1; j < dev.items.length; j++) {
      const [a, b] = [dev.items[i], dev.items[j]];
      const days = Math.abs(a.publishedAt.getTime() - b.publishedAt.getTime()) / DAY_MS;
      if (days > pairDays) continue;
      x.push(pairFeatures(dot(a.vector, b.vector), a.signature, b.signature, days));
      y.push(dev.gold.get(a.id) === dev.gold.get(b.id) ? 1 : 0);
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
