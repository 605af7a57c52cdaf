import { dot } from '../ml/vector-math.ts';
import { EXTRACTOR_VERSION, extractClaims } from './extract/extract.ts';
import type { Claim, Metric, TextKind } from './extract/types.ts';

/**
 * Metric classification with an embedding model: when the extractor's rules leave several metrics
 * close, the claim's context is compared with a short prototype of each metric and the nearest
 * wins. The scorer hook is synchronous, so extraction runs twice: a first pass collects the
 * contexts that need a decision, one batch embeds them, and a second pass reads the decisions.
 * Only a neural model is used this way; with the lexical embedder the rules decide alone.
 */
export const METRIC_PROTOTYPES: Record<Metric, string> = {
  capex: 'capital expenditure, spending on data centers and infrastructure',
  cost_per_token: 'API price per million tokens, inference cost per token',
  price_change: 'inference price fell, tokens got cheaper, price cut',
  revenue: 'annual revenue, annualised run-rate sales',
  revenue_growth: 'revenue grew year over year, sales growth rate',
  valuation: 'company valuation, market capitalisation, valued at',
  funding: 'raised a funding round, investment from investors',
  market_share: 'share of the market, market share',
  training_compute: 'training compute in FLOPs, GPU-hours to train a model',
  training_cost: 'cost to train a model, training run cost in dollars',
  parameters: 'model size in parameters',
  gpu_count: 'number of GPUs or accelerators in a cluster',
  power: 'electricity, power in gigawatts, energy use',
  usage: 'users, subscribers, requests, tokens processed, adoption',
  other: 'other figure, share of cost, price of a GPU, losses',
};

type Embed = (texts: string[]) => Promise<ArrayLike<number>[]>;
export type ClaimItem = { text: string; kind: TextKind; title?: string | null };

export function extractorVersion(embedderName: string): string {
  return embedderName.startsWith('transformers:') ? `${EXTRACTOR_VERSION}+${embedderName}` : EXTRACTOR_VERSION;
}

let prototypes: { name: string; vectors: Map<Metric, ArrayLike<number>> } | undefined;

export async function extractWithEmbeddings(
  items: ClaimItem[],
  embedderName: string,
  embed: Embed,
): Promise<Claim[][]> {
  if (!embedderName.startsWith('transformers:'))
    return items.map((i) => extractClaims(i.text, { kind: i.kind, title: i.title }));
  const pending = new Set<string>();
  for (const i of items)
    extractClaims(i.text, { kind: i.kind, title: i.title, metricScorer: (context) => (pending.add(context), null) });
  if (pending.size === 0) return items.map((i) => extractClaims(i.text, { kind: i.kind, title: i.title }));
  if (prototypes?.name !== embedderName) {
    const metrics = Object.keys(METRIC_PROTOTYPES) as Metric[];
    const vectors = await embed(metrics.map((m) => METRIC_PROTOTYPES[m]));
    prototypes = { name: embedderName, vectors: new Map(metrics.map((m, k) => [m, vectors[k]])) };
  }
  const contexts = [...pending];
  const vectors = await embed(contexts);
  const byContext = new Map(contexts.map((c, k) => [c, vectors[k]]));
  const scorer = (context: string, candidates: Metric[]): Metric | null => {
    const v = byContext.get(context);
    if (!v) return null;
    let best: { metric: Metric; score: number } | null = null;
    for (const m of candidates) {
      const score = dot(v, prototypes!.vectors.get(m)!);
      if (!best || score > best.score) best = { metric: m, score };
    }
    return best?.metric ?? null;
  };
  return items.map((i) => extractClaims(i.text, { kind: i.kind, title: i.title, metricScorer: scorer }));
}
