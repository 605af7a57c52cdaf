import type { MetricCandidate } from './metrics.ts';
import { METRICS, type Direction, type FigureContext, type Mention, type Metric, type Unit } from './types.ts';
import trained from './claim-model.json' with { type: 'json' };

/**
 * The learned stage of the extractor: linear classifiers (multinomial logistic regression) over
 * sparse features of a figure — its unit and shape, the rules' own answers, the words around it,
 * the noun it counts, the previous sentence and the headline — for the measure, the hedge and the
 * direction. Cue lists cut both ways ("worth", "committed", "data center", "expected"); weights
 * learnt from labelled real text (test/fixtures/real-claims without its held-out third, plus the
 * seeds; `npm run train:claims`) decide which way. The deterministic stages still find the figures
 * and normalise numbers, units and ranges; unit ↔ measure compatibility stays a hard rule (a
 * measure never seen with the unit in training is masked). Pure and synchronous.
 */
export type LinearHead = { classes: string[]; features: Record<string, number[]>; bias: number[] };
export type ClaimModel = {
  version: string;
  heads: { metric?: LinearHead & { allowed: Record<string, Metric[]> }; hedged?: LinearHead; direction?: LinearHead };
};

export type FeatureInput = {
  mention: Mention;
  unit: Unit;
  moved: boolean;
  per: string | null;
  ctx: FigureContext;
  candidates: MetricCandidate[];
  title?: string | null;
  value: number;
  subject: string | null;
  /** The rules' answers, which the classifiers learn when to trust. */
  rules: { hedged: boolean; direction: Direction };
};

const WORD = /[a-z][a-z0-9'’-]*|\$|%|€|£/g;
const STOP = new Set(
  'the a an of and or to in on at for by with as is was were be been are it its this that which from'.split(' '),
);
const stem = (w: string) =>
  (w.length > 4 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w).replace(/['’]s$/, '');
const words = (s: string) => (s.toLowerCase().match(WORD) ?? []).map(stem);

/** The features of one figure, as names (each counts 1). */
export function metricFeatures(f: FeatureInput): string[] {
  const { mention: m, ctx } = f;
  const out = [
    `u=${f.unit}`,
    `u=${f.unit}|moved=${f.moved}`,
    `tag=${m.tag}`,
    `cur=${m.currency}`,
    `per=${f.per ? (/token/i.test(f.per) ? 'token' : 'other') : 'none'}`,
  ];
  if (m.approx) out.push('approx');
  if (m.scaled) out.push('scaled');
  // Magnitude says much: $0.50 is a price, $50 billion revenue, a valuation or capex.
  if (f.value > 0) out.push(`mag=${f.unit}|${Math.floor(Math.log10(f.value))}`);
  for (const w of new Set(words(ctx.text.slice(m.numStart, m.end)))) out.push(`q=${w}`);
  out.push(
    `subj=${f.subject === null ? 'none' : /^[A-Z]/.test(f.subject) ? 'named' : 'phrase'}`,
    `rh=${f.rules.hedged}`,
    `rd=${f.rules.direction}`,
    `rd=${f.rules.direction}|u=${f.unit}`,
  );
  if (m.noun) out.push(`n=${stem(m.noun.toLowerCase())}`);
  const top = f.candidates[0];
  out.push(`r1=${top.metric}`, `r1=${top.metric}|u=${f.unit}`);
  for (const c of f.candidates) if (c.score >= 0.5 * top.score && c !== top) out.push(`r2=${c.metric}`);
  const before = words(ctx.text.slice(ctx.clause.start, m.start));
  const after = words(ctx.text.slice(m.end, ctx.clause.end));
  before.slice(-5).forEach((w, i, a) => out.push(`b${a.length - i}=${w}`, `b=${w}`));
  after.slice(0, 5).forEach((w, i) => out.push(`a${i + 1}=${w}`, `a=${w}`));
  const lb = before.slice(-2);
  if (lb.length === 2) out.push(`bb=${lb[0]}_${lb[1]}`);
  const la = after.slice(0, 2);
  if (la.length === 2) out.push(`aa=${la[0]}_${la[1]}`);
  for (const w of new Set([
    ...words(ctx.text.slice(ctx.sentence.start, ctx.clause.start)),
    ...words(ctx.text.slice(ctx.clause.end, ctx.sentence.end)),
  ]))
    if (!STOP.has(w)) out.push(`s=${w}`);
  for (const w of new Set([...before.slice(0, -5), ...after.slice(5)])) if (!STOP.has(w)) out.push(`c=${w}`);
  if (ctx.prev)
    for (const w of new Set(words(ctx.text.slice(ctx.prev.start, ctx.prev.end)))) if (!STOP.has(w)) out.push(`p=${w}`);
  if (ctx.table)
    for (const w of new Set(words(`${ctx.table.header} ${ctx.table.subject}`))) if (!STOP.has(w)) out.push(`t=${w}`);
  if (f.title) for (const w of new Set(words(f.title))) if (!STOP.has(w)) out.push(`h=${w}`);
  return out;
}

const model = trained as ClaimModel;
export const CLAIM_MODEL_VERSION = model.version;

/** Scores of every class of a head: bias plus the weights of the features present. */
export function scoresOf(features: string[], head: LinearHead): number[] {
  const scores = [...head.bias];
  for (const f of features) {
    const w = head.features[f];
    if (w) for (let k = 0; k < scores.length; k++) scores[k] += w[k];
  }
  return scores;
}

function best<T extends string>(head: LinearHead, features: string[], allowed?: readonly T[]): T {
  const scores = scoresOf(features, head);
  let top = -1;
  for (let k = 0; k < head.classes.length; k++)
    if ((!allowed || allowed.includes(head.classes[k] as T)) && (top < 0 || scores[k] > scores[top])) top = k;
  return head.classes[top] as T;
}

/** The most probable measure allowed for the unit, or null when no model is trained (the rules decide). */
export function classifyMetric(features: string[], unit: Unit, m: ClaimModel = model): Metric | null {
  const head = m.heads.metric;
  return head ? best<Metric>(head, features, head.allowed[unit] ?? METRICS) : null;
}

/** Estimate, projection or dispute, or a plain figure; null without a trained head. */
export function classifyHedged(features: string[], m: ClaimModel = model): boolean | null {
  return m.heads.hedged ? best(m.heads.hedged, features) === 'true' : null;
}

/** Moved up, down, or a static level; undefined without a trained head. */
export function classifyDirection(features: string[], m: ClaimModel = model): Direction | undefined {
  if (!m.heads.direction) return undefined;
  const d = best(m.heads.direction, features);
  return d === 'up' || d === 'down' ? d : null;
}
