/**
 * `npm run train:stories`: learns the same-event decision's weights (src/stories/same-event.ts) by
 * logistic regression on pairs of headlines from the development part of test/fixtures/real-events
 * (the held-out part is never read here), chooses the joining probability by replaying assignment
 * over the same part at the production window, prints both and writes src/stories/same-event-model.json.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../src/config.ts';
import { FEATURE_NAMES, pairFeatures, sameEventProbability } from '../../src/stories/same-event.ts';
import { bcubedScores, pairwiseScores, replayEventAssignment, thresholdGrid } from '../../src/stories/tune.ts';
import { dot } from '../../src/stories/vectors.ts';
import { createHash } from 'node:crypto';
import { readHeadlines } from './stories-eval.ts';
import { eventSet, realEventSet, type EventSet } from './real-events.ts';

/** The project's own headlines split like real-events: a third of the events (by hash) held out. */
export const ownSplit = (event: string) => (createHash('sha256').update(event).digest()[0] % 3 === 0 ? 'heldout' : 'dev');
export const ownEventSplit = (split: 'dev' | 'heldout'): EventSet =>
  eventSet(readHeadlines().filter((h) => ownSplit(h.event) === split).map((h) => ({ id: h.id, event: h.event, publishedAt: h.publishedAt, title: h.title, lead: h.dek })));

const MODEL_FILE = fileURLToPath(new URL('../../src/stories/same-event-model.json', import.meta.url));
const DAY_MS = 86_400_000;

/** Batch gradient descent on the log loss with a small L2 penalty (not on the bias); positives weighted to balance the classes. */
export function fitLogistic(x: number[][], y: number[], { l2 = 1e-3, steps = 4000, rate = 0.5 } = {}): number[] {
  const w = new Array(x[0].length).fill(0);
  const positives = y.filter((v) => v === 1).length;
  const posWeight = (y.length - positives) / Math.max(1, positives);
  const total = y.reduce((s, v) => s + (v === 1 ? posWeight : 1), 0);
  for (let step = 0; step < steps; step++) {
    const grad = new Array(w.length).fill(0);
    for (let i = 0; i < x.length; i++) {
      const weight = y[i] === 1 ? posWeight : 1;
      const err = (sameEventProbability(x[i], w) - y[i]) * weight;
      for (let j = 0; j < w.length; j++) grad[j] += err * x[i][j];
    }
    for (let j = 0; j < w.length; j++) w[j] -= rate * (grad[j] / total + (j === 0 ? 0 : l2 * w[j]));
  }
  return w;
}

function main(): void {
  const windowDays = loadConfig({}).STORY_WINDOW_DAYS;
  const x: number[][] = [];
  const y: number[] = [];
  // Pairs come from the development parts of both sets: real-events (events months apart, near
  // misses) and the project's own headlines (one week of unrelated news, where time says little).
  for (const dev of [realEventSet('dev'), ownEventSplit('dev')]) addPairs(dev, x, y);
  const dev = realEventSet('dev');
  const own = ownEventSplit('dev');
  const weights = fitLogistic(x, y).map((w) => Math.round(w * 1e4) / 1e4);
  console.log(`train:stories: ${dev.items.length} + ${own.items.length} development headlines, ${x.length} pairs (${y.filter(Boolean).length} same-event)`);
  for (const [i, name] of FEATURE_NAMES.entries()) console.log(`  ${name.padEnd(24)} ${weights[i].toFixed(4).padStart(9)}`);
  let best = { threshold: 0.5, f1: -1 };
  console.log(`\njoin at  pair-F1 real-events dev / own dev   b3-F1   (window ${windowDays} days)`);
  for (const threshold of thresholdGrid(0.5, 0.995, 0.015)) {
    const model = { version: 'sweep', weights, threshold };
    const score = (set: EventSet) => pairwiseScores(replayEventAssignment(set.items, { windowDays, model }), set.gold).f1;
    const [a, b] = [score(dev), score(own)];
    const b3 = bcubedScores(replayEventAssignment(dev.items, { windowDays, model }), dev.gold).f1;
    console.log(`${threshold.toFixed(3).padStart(7)}  ${a.toFixed(3)} / ${b.toFixed(3)}   ${b3.toFixed(3)}`);
    // The mean of the two; ties go to the higher threshold: a missed merge is cheaper to fix than a wrong one.
    if ((a + b) / 2 >= best.f1 - 1e-12) best = { threshold, f1: (a + b) / 2 };
  }
  const model = { version: `lr-${new Date().toISOString().slice(0, 10)}`, weights, threshold: best.threshold };
  writeFileSync(MODEL_FILE, `${JSON.stringify(model)}\n`);
  console.log(`\ntrain:stories: threshold=${best.threshold} mean_dev_pair_f1=${best.f1.toFixed(3)} written to src/stories/same-event-model.json`);
}

function addPairs(dev: EventSet, x: number[][], y: number[]): void {
  for (let i = 0; i < dev.items.length; i++) {
    for (let j = i + 1; j < dev.items.length; j++) {
      const [a, b] = [dev.items[i], dev.items[j]];
      const days = Math.abs(a.publishedAt.getTime() - b.publishedAt.getTime()) / DAY_MS;
      x.push(pairFeatures(dot(a.vector, b.vector), a.signature, b.signature, days));
      y.push(dev.gold.get(a.id) === dev.gold.get(b.id) ? 1 : 0);
    }
  }
}

main();
