/**
 * `npm run train:claims`: trains the extractor's learned stage (src/claims/extract/claim-model.ts:
 * measure, hedge and direction heads) on the development part of test/fixtures/real-claims plus
 * the seed labels, and writes src/claims/extract/claim-model.json. The held-out third (by page
 * URL) is never read here. Prints, per head, a 5-fold cross-validated accuracy on the development
 * part (folds by page) beside the rules' accuracy on the same figures. Deterministic (fixed seeds).
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { matchItem, parseLabelledItems, type LabelledItem } from '../../src/claims/eval.ts';
import { headlineOf, readRealSet, splitOfUrl } from '../../src/claims/eval-data.ts';
import { extractClaims } from '../../src/claims/extract/extract.ts';
import { scoresOf, type LinearHead } from '../../src/claims/extract/claim-model.ts';
import { METRICS, type Metric } from '../../src/claims/extract/types.ts';

const OUT = fileURLToPath(new URL('../../src/claims/extract/claim-model.json', import.meta.url));
const SEEDS = fileURLToPath(new URL('../../../shared/claims/seeds.jsonl', import.meta.url));
// Settings chosen by the cross-validation below (TRAIN_* override them for a sweep).
const EPOCHS = Number(process.env.TRAIN_EPOCHS ?? 30);
const RATE = Number(process.env.TRAIN_RATE ?? 0.15);
const DECAY = Number(process.env.TRAIN_DECAY ?? 2e-4);
const MIN_COUNT = Number(process.env.TRAIN_MIN_COUNT ?? 2);

type Example = {
  features: string[];
  unit: string;
  fold: number;
  want: Record<Head, string>;
  rules: Record<Head, string>;
};
type Head = 'metric' | 'hedged' | 'direction';
const HEADS: Record<Head, string[]> = {
  metric: [...METRICS],
  hedged: ['false', 'true'],
  direction: ['null', 'up', 'down'],
};

/** Cross-validation folds by page, as the held-out split is drawn (a hash of the URL). */
const foldOf = (page: string) => createHash('sha256').update(`fold:${page}`).digest()[0] % 5;

function examplesOf(items: LabelledItem[]): Example[] {
  const out: Example[] = [];
  for (const item of items) {
    const collected = new Map<number, string[]>();
    const predicted = extractClaims(item.text, {
      kind: item.kind,
      title: headlineOf(item),
      collectFeatures: collected,
      rulesOnly: true,
    });
    for (const { label, predicted: p } of matchItem(item, predicted).matches) {
      const features = collected.get(p.start);
      if (!features) continue;
      out.push({
        features,
        unit: p.unit,
        fold: foldOf(item.url ?? item.id),
        want: { metric: label.metric, hedged: String(label.hedged), direction: String(label.direction) },
        rules: { metric: p.metric, hedged: String(p.hedged), direction: String(p.direction) },
      });
    }
  }
  return out;
}

function train(examples: Example[], head: Head, seed = 1): LinearHead {
  const classes = HEADS[head];
  const counts = new Map<string, number>();
  for (const e of examples) for (const f of new Set(e.features)) counts.set(f, (counts.get(f) ?? 0) + 1);
  const features: Record<string, number[]> = {};
  for (const [f, n] of counts) if (n >= MIN_COUNT) features[f] = new Array(classes.length).fill(0);
  const bias = new Array(classes.length).fill(0);
  const model: LinearHead = { classes, features, bias };
  let state = seed;
  const random = () => (state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0) / 2 ** 32;
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
      const exp = scores.map((x) => Math.exp(x - max));
      const sum = exp.reduce((a, b) => a + b, 0);
      const target = classes.indexOf(e.want[head]);
      for (let k = 0; k < classes.length; k++) {
        const g = exp[k] / sum - (k === target ? 1 : 0);
        bias[k] -= rate * g;
        for (const f of e.features) {
          const w = features[f];
          if (w) w[k] -= rate * (g + DECAY * w[k]);
        }
      }
    }
  }
  return model;
}

/** Measures seen with each unit in training (plus "other"): the hard compatibility mask. */
function allowedByUnit(examples: Example[]): Record<string, Metric[]> {
  const allowed: Record<string, Metric[]> = {};
  for (const e of examples)
    allowed[e.unit] = [...new Set([...(allowed[e.unit] ?? ['other' as Metric]), e.want.metric as Metric])];
  return allowed;
}

function accuracy(
  head: Head,
  model: LinearHead,
  examples: Example[],
  allowed?: Record<string, Metric[]>,
  confident = 0,
): number {
  let ok = 0;
  for (const e of examples) {
    const scores = scoresOf(e.features, model);
    const ks = model.classes
      .map((c, k) => k)
      .filter((k) => !allowed || (allowed[e.unit] ?? METRICS).includes(model.classes[k] as Metric));
    const top = ks.reduce((a, b) => (scores[b] > scores[a] ? b : a));
    const max = Math.max(...ks.map((k) => scores[k]));
    const p = 1 / ks.reduce((sum, k) => sum + Math.exp(scores[k] - max), 0);
    const answer = p >= confident ? model.classes[top] : e.rules[head];
    if (answer === e.want[head]) ok += 1;
  }
  return ok / examples.length;
}

const dev = readRealSet().filter((i) => i.url && splitOfUrl(i.url) === 'dev');
const seeds = parseLabelledItems(readFileSync(SEEDS, 'utf8'));
const examples = examplesOf([...dev, ...seeds]);
console.log(
  `training figures: ${examples.length} (development part of the real set ${dev.length} passages, plus ${seeds.length} seed passages)`,
);

// A head ships only when it beats the rules in cross-validation; otherwise the rules decide.
const heads = {} as Partial<Record<Head, LinearHead>>;
for (const head of Object.keys(HEADS) as Head[]) {
  let cv = 0;
  const hybrid = new Map<number, number>();
  for (let k = 0; k < 5; k++) {
    const test = examples.filter((e) => e.fold === k);
    const rest = examples.filter((e) => e.fold !== k);
    const m = train(rest, head);
    cv += accuracy(head, m, test, head === 'metric' ? allowedByUnit(rest) : undefined) * test.length;
    for (const c of [0.5, 0.6, 0.7, 0.8])
      hybrid.set(
        c,
        (hybrid.get(c) ?? 0) +
          accuracy(head, m, test, head === 'metric' ? allowedByUnit(rest) : undefined, c) * test.length,
      );
  }
  const rules = examples.filter((e) => e.rules[head] === e.want[head]).length / examples.length;
  const learned = cv / examples.length;
  console.log(
    `  rules below confidence: ${[...hybrid].map(([c, v]) => `p<${c}: ${(v / examples.length).toFixed(3)}`).join(' ')}`,
  );
  console.log(
    `${head}: 5-fold CV on development figures: learned=${learned.toFixed(3)} rules=${rules.toFixed(3)}${learned > rules ? '' : ' (not shipped: the rules decide)'}`,
  );
  if (learned > rules) heads[head] = train(examples, head);
}

const round = (x: number) => Math.round(x * 1000) / 1000;
const compact = (h: LinearHead) => ({
  classes: h.classes,
  bias: h.bias.map(round),
  features: Object.fromEntries(
    Object.entries(h.features)
      .map(([f, w]) => [f, w.map(round)])
      .filter(([, w]) => (w as number[]).some((x) => Math.abs(x) >= 0.005)),
  ),
});
const version = `lr-${new Date().toISOString().slice(0, 10)}-${examples.length}`;
const model = {
  version,
  heads: {
    ...(heads.metric ? { metric: { ...compact(heads.metric), allowed: allowedByUnit(examples) } } : {}),
    ...(heads.hedged ? { hedged: compact(heads.hedged) } : {}),
    ...(heads.direction ? { direction: compact(heads.direction) } : {}),
  },
};
writeFileSync(OUT, `${JSON.stringify(model)}\n`);
console.log(`wrote ${OUT}: version ${version}`);
