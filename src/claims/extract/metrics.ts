import { TOPIC_CUES, type Topic } from './metric-cues.ts';
import { phraseTopics, topicScores } from './metric-context.ts';
import type { FigureContext, Metric, MetricScorer, Mention, Unit } from './types.ts';

export interface MetricCandidate {
  metric: Metric;
  score: number;
}

/** What kind of figure it is decides which metrics its cue words can point to. */
type Shape = 'money' | 'change' | 'share' | 'multiple' | 'count' | 'tokens' | 'fixed';

const BY_SHAPE: Record<Exclude<Shape, 'fixed'>, Partial<Record<Topic, Metric>>> = {
  money: {
    revenue: 'revenue',
    capex: 'capex',
    funding: 'funding',
    valuation: 'valuation',
    price: 'cost_per_token',
    training: 'training_cost',
    profit: 'other',
    stock: 'other',
    gpu: 'other',
  },
  change: {
    revenue: 'revenue_growth',
    price: 'price_change',
    cost: 'price_change',
    capex: 'capex',
    compute: 'training_compute',
    power: 'power',
    usage: 'usage',
    share: 'market_share',
    params: 'parameters',
    stock: 'other',
    valuation: 'valuation',
    funding: 'funding',
    gpu: 'gpu_count',
    profit: 'other',
    performance: 'other',
  },
  share: {
    share: 'market_share',
    usage: 'usage',
    power: 'power',
    price: 'cost_per_token',
    profit: 'other',
    performance: 'other',
    revenue: 'other',
    capex: 'other',
  },
  multiple: {
    price: 'cost_per_token',
    training: 'training_cost',
    valuation: 'valuation',
    compute: 'training_compute',
    params: 'parameters',
    gpu: 'gpu_count',
    performance: 'other',
  },
  count: { usage: 'usage', gpu: 'gpu_count' },
  tokens: { usage: 'usage' },
};
// With no cue at all, a percentage that moved is most often a company's growth (news reports sales).
const DEFAULTS: Partial<Record<Shape, MetricCandidate>> = { change: { metric: 'revenue_growth', score: 0.15 } };
// "4.4% of the total" says nothing of what is measured; the clause does.
const GENERIC_WHOLE = /^(?:total|whole|all|overall|it|that|this|them|those|these|sum)$/i;
const POPULATION =
  /\b(?:enterprises|companies|businesses|organi[sz]ations|firms|respondents|CIOs|CEOs|executives|developers|users|people|adults|Americans|workers|employees|consumers|households|teens|students|professionals)\b/i;
const FIXED: Partial<Record<Unit, Metric>> = {
  FLOP: 'training_compute',
  params: 'parameters',
  GPUs: 'gpu_count',
  W: 'power',
};

export interface MetricInput {
  mention: Mention;
  unit: Unit;
  moved: boolean;
  whole: string | null;
  per: string | null;
  ctx: FigureContext;
}

/** Rule candidates, best first, each with a score; "other" is always among them. */
export function metricCandidates(input: MetricInput): MetricCandidate[] {
  const shape = shapeOf(input);
  if (shape === 'fixed') return [{ metric: fixedMetric(input), score: 1 }];
  const specificWhole = input.whole !== null && !GENERIC_WHOLE.test(input.whole);
  const topics =
    shape === 'share' && specificWhole ? phraseTopics(input.whole!) : topicScores(input.mention, input.ctx);
  // A counted noun says what is counted ("16,000 stars", "2.3 million conversations"), whatever surrounds it.
  const noun = shape === 'count' ? input.mention.noun : null;
  const scores = new Map<Metric, number>([['other', 0.12]]);
  const add = (metric: Metric, score: number) => scores.set(metric, Math.max(scores.get(metric) ?? 0, score));
  const scored = noun ? phraseTopics(noun) : topics;
  for (const [topic, metric] of Object.entries(BY_SHAPE[shape])) add(metric, scored[topic as Topic] ?? 0);
  const fallback = DEFAULTS[shape];
  if (fallback) add(fallback.metric, fallback.score);
  if (shape === 'money' && input.per && /token/i.test(input.per)) add('cost_per_token', 2);
  // Tokens per day or month are tokens processed: usage.
  if (shape === 'tokens' && input.per && /^(?:day|week|month|year|quarter)$/i.test(input.per)) add('usage', 1);
  if (shape === 'share' && input.whole && /\bmarket\b/i.test(input.whole)) add('market_share', 2);
  // "40% of enterprises have adopted …": a share of a population is adoption when the clause says so.
  if (shape === 'share' && input.whole && POPULATION.test(input.whole))
    add('usage', topicScores(input.mention, input.ctx).usage ?? 0);
  return [...scores].map(([metric, score]) => ({ metric, score })).sort((a, b) => b.score - a.score);
}

function shapeOf({ mention, unit, moved }: MetricInput): Shape {
  if (mention.currency === 'other' || FIXED[unit] || unit === 'other') return 'fixed';
  if (unit === 'USD') return 'money';
  if (unit === 'percent' || unit === 'ratio') return moved ? 'change' : unit === 'percent' ? 'share' : 'multiple';
  if (unit === 'tokens') return 'tokens';
  return 'count';
}

function fixedMetric({ mention, unit }: MetricInput): Metric {
  if (mention.tag === 'energy') return 'power';
  if (mention.tag === 'gpuhours') return 'training_compute';
  return mention.currency === 'other' ? 'other' : (FIXED[unit] ?? 'other');
}

// Candidates within a quarter of the best score are a tie that a scorer may break.
const TIE_BAND = 0.75;

/** True when the rules cannot choose: several candidates within the tie band of the best. */
export const isTie = (candidates: MetricCandidate[]) =>
  candidates.filter((c) => c.score >= candidates[0].score * TIE_BAND).length > 1;

/** The rules' choice, unless a scorer breaks a near-tie among the leading candidates. */
export function chooseMetric(candidates: MetricCandidate[], context: string, scorer?: MetricScorer): Metric {
  const top = candidates[0];
  const close = candidates.filter((c) => c.score >= top.score * TIE_BAND).map((c) => c.metric);
  if (scorer && close.length > 1) {
    const picked = scorer(context, close);
    if (picked && close.includes(picked)) return picked;
  }
  return top.metric;
}
