/** The claim schema of ../shared/claims/LABELS.md, shared by every stage of the extractor. */

export const METRICS = [
  'capex',
  'cost_per_token',
  'price_change',
  'revenue',
  'revenue_growth',
  'valuation',
  'funding',
  'market_share',
  'training_compute',
  'training_cost',
  'parameters',
  'gpu_count',
  'power',
  'usage',
  'other',
] as const;
export type Metric = (typeof METRICS)[number];

export const UNITS = ['USD', 'percent', 'FLOP', 'tokens', 'params', 'GPUs', 'W', 'count', 'ratio', 'other'] as const;
export type Unit = (typeof UNITS)[number];

export type Direction = 'up' | 'down' | null;
export type TextKind = 'prose' | 'comment' | 'table_row';

export interface Claim {
  quote: string;
  start: number;
  end: number;
  metric: Metric;
  subject: string | null;
  value: number;
  value_high: number | null;
  unit: Unit;
  per: string | null;
  period: string | null;
  direction: Direction;
  hedged: boolean;
}

/** Breaks ties between rule candidates, e.g. with embeddings; null keeps the rules' choice. */
export type MetricScorer = (context: string, candidates: Metric[]) => Metric | null;

export interface ExtractOptions {
  kind?: TextKind;
  /** The article's headline: whom "the company" and "its" point to when the text has not named anyone yet. */
  title?: string | null;
  /** Training only: receives each figure's measure features (metric-model.ts), keyed by its start offset. */
  collectFeatures?: Map<number, string[]>;
  /** Evaluation only: decide the measure by the rules alone, without the learned classifier. */
  rulesOnly?: boolean;
  metricScorer?: MetricScorer;
}

/** Half-open character range [start, end) into the full input. */
export interface Span {
  start: number;
  end: number;
}

/** A table cell's surroundings: its column header and its row's first cell. */
export interface TableContext {
  header: string;
  subject: string;
}

/** Where a figure sits; every offset is into `text`, the full input. */
export interface FigureContext {
  text: string;
  sentence: Span;
  clause: Span;
  prev: Span | null;
  table: TableContext | null;
  /** The other figures of the same sentence or cell: a cue nearer to one of them is mostly theirs. */
  others: Span[];
}

/** Tags for quantities whose unit word changes how they are read. */
export type MentionTag = 'mult' | 'oom' | 'fraction' | 'duration' | 'energy' | 'gpuhours' | 'bits' | null;

/** A quantity as written, before deciding whether and how it is a claim. */
export interface Mention {
  start: number;
  end: number;
  numStart: number;
  value: number;
  high: number | null;
  unit: Unit | null;
  currency: 'USD' | 'other' | null;
  scaled: boolean;
  tag: MentionTag;
  noun: string | null;
  direction: Direction;
  approx: boolean;
  word: boolean;
}
