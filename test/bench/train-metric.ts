/**
 * `npm run train:metric`: trains the measure classifier (src/claims/extract/metric-model.ts) on
 * the development part of test/fixtures/real-claims plus the seed labels, and writes
 * src/claims/extract/metric-model.json. The held-out third (by page URL) is never read here.
 * Prints a 5-fold cross-validated accuracy on the development part for the chosen settings, then
 * the rules' accuracy on the same figures for comparison. Deterministic (fixed seeds).
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { matchItem, parseLabelledItems, type LabelledItem } from '../../src/claims/eval.ts';
import { readRealSet, splitOfUrl } from '../../src/claims/eval-data.ts';
import { extractClaims } from '../../src/claims/extract/extract.ts';
import type { MetricModel } from '../../src/claims/extract/metric-model.ts';
import { scoresOf } from '../../src/claims/extract/metric-model.ts';
import { METRICS, type Metric, type Unit } from '../../src/claims/extract/types.ts';

const OUT = fileURLToPath(new URL('../../src/claims/extract/metric-model.json', import.meta.url));
const SEEDS = fileURLToPath(new URL('../../../shared/claims/seeds.jsonl', import.meta.url));
// Settings chosen by the cross-validation below (TRAIN_* override them for a sweep).
const EPOCHS = Number(process.env.TRAIN_EPOCHS ?? 30);
const RATE = Number(process.env.TRAIN_RATE ?? 0.15);
const DECAY = Number(process.env.TRAIN_DECAY ?? 2e-4);
const MIN_COUNT = Number(process.env.TRAIN_MIN_COUNT ?? 2);

type Example = { features: string[]; metric: Metric; unit: Unit; rules: Metric; fold: number };

/** Cross-validation folds by page, as the held-out split is drawn (a hash of the URL). */
const foldOf = (page: string) => createHash('sha256').update(`fold:${page}`).digest()[0] % 5;

function examplesOf(items: LabelledItem[]): Example[] {
  const out: Example[] = [];
  for (const item of items) {
    const collected = new Map<number, string[]>();
    const predicted = extractClaims(item.text, { kind: item.kind, title: item.title ?? null, collectFeatures: collected, rulesOnly: true });
    for (const { label, predicted: p } of matchItem(item, predicted).matches) {
      const features = collected.get(p.start);
      if (features) out.push({ features, metric: label.metric as Metric, unit: p.unit, rules: p.metric, fold: foldOf(item.url ?? item.id) });
    }
  }
  return out;
}

function train(examples: Example[], seed = 1): MetricModel {
  const counts = new Map<string, number>();
  for (const e of examples) for (const f of new Set(e.features)) counts.set(f, (counts.get(f) ?? 0) + 1);
  const features: Record<string, number[]> = {};
  for (const [f, n] of counts) if (n >= MIN_COUNT) features[f] = new Array(METRICS.length).fill(0);
  const bias = new Array(METRICS.length).fill(0);
  const model: MetricModel = { version: '', features, bias, allowed: {} };
  let state = seed;
  const random = () => ((state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0) / 2 ** 32);
  const order = examples.map((_, i) => i);
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    const rate = RATE / (1 + epoch * 0.1);
    for (const i of order) {
      const e = examples[i];
      const scores = scoresOf(e.features, model);
      const max = Math.max(...scores);
      const exp = scores.map((s) => Math.exp(s - max));
      const sum = exp.reduce((a, b) => a + b, 0);
      const target = METRICS.indexOf(e.metric);
      for (let k = 0; k < METRICS.length; k++) {
        const g = exp[k] / sum - (k === target ? 1 : 0);
        bias[k] -= rate * g;
        for (const f of e.features) {
          const w = features[f];
          if (w) w[k] -= rate * (g + DECAY * w[k]);
        }
      }
    }
  }
  const allowed: Record<string, Metric[]> = {};
  for (const e of examples) allowed[e.unit] = [...new Set([...(allowed[e.unit] ?? ['other']), e.metric])];
  model.allowed = allowed;
  return model;
}

function accuracy(model: MetricModel, examples: Example[]): number {
  let ok = 0;
  for (const e of examples) {
    const scores = scoresOf(e.features, model);
    const allowed = model.allowed[e.unit] ?? METRICS;
    const best = allowed.reduce((a, b) => (scores[METRICS.indexOf(b)] > scores[METRICS.indexOf(a)] ? b : a));
    if (best === e.metric) ok += 1;
  }
  return ok / examples.length;
}

const dev = readRealSet().filter((i) => i.url && splitOfUrl(i.url) === 'dev');
const seeds = parseLabelledItems(readFileSync(SEEDS, 'utf8'));
const examples = examplesOf([...dev, ...seeds]);
console.log(`training figures: ${examples.length} (development part of the real set ${dev.length} passages, plus ${seeds.length} seed passages)`);

// 5-fold cross-validation on the development part, by page.
const folds = 5;
let cvOk = 0;
let rulesOk = 0;
for (let k = 0; k < folds; k++) {
  const test = examples.filter((e) => e.fold === k);
  const rest = examples.filter((e) => e.fold !== k);
  cvOk += accuracy(train(rest), test) * test.length;
  rulesOk += test.filter((e) => e.rules === e.metric).length;
}
console.log(`measure accuracy, 5-fold CV on development figures: learned=${(cvOk / examples.length).toFixed(3)} rules=${(rulesOk / examples.length).toFixed(3)}`);

const model = train(examples);
const round = (x: number) => Math.round(x * 1000) / 1000;
const kept = Object.fromEntries(Object.entries(model.features).map(([f, w]) => [f, w.map(round)]).filter(([, w]) => (w as number[]).some((x) => Math.abs(x) >= 0.005)));
const version = `lr-${new Date().toISOString().slice(0, 10)}-${examples.length}`;
writeFileSync(OUT, `${JSON.stringify({ version, features: kept, bias: model.bias.map(round), allowed: model.allowed })}\n`);
console.log(`wrote ${OUT}: ${Object.keys(kept).length} features, version ${version}`);
