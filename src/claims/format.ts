/** Human-readable figures: "$1.2B", "50%", "2.1e25 FLOP", "10×", with the rate's denominator. */
export type Formattable = {
  value: number;
  valueHigh: number | null;
  unit: string;
  per: string | null;
  direction: string | null;
  hedged: boolean;
};

const SCALES: [number, string][] = [
  [1e12, 'T'],
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'K'],
];

function compact(n: number): string {
  const abs = Math.abs(n);
  if (abs !== 0 && (abs >= 1e15 || abs < 1e-3)) return n.toExponential(1).replace('e+', 'e');
  for (const [size, suffix] of SCALES) if (abs >= size) return `${trim(n / size)}${suffix}`;
  return trim(n);
}

const trim = (n: number) =>
  Number.isInteger(n) ? String(n) : n.toFixed(Math.abs(n) < 1 ? 3 : 2).replace(/\.?0+$/, '');

function one(n: number, unit: string): string {
  switch (unit) {
    case 'USD':
      return `$${compact(n)}`;
    case 'percent':
      return `${trim(n)}%`;
    case 'ratio':
      return `${trim(n)}×`;
    case 'FLOP':
      return `${n.toExponential(1).replace('e+', 'e')} FLOP`;
    case 'W':
      return `${compact(n)}W`;
    case 'count':
    case 'other':
      return compact(n);
    default:
      return `${compact(n)} ${unit}`;
  }
}

export function formatValue(c: Formattable): string {
  const range =
    c.valueHigh !== null && c.valueHigh !== c.value
      ? `${one(c.value, c.unit)}–${one(c.valueHigh, c.unit)}`
      : one(c.value, c.unit);
  const arrow = c.direction === 'up' ? '↑ ' : c.direction === 'down' ? '↓ ' : '';
  return `${c.hedged ? '~' : ''}${arrow}${range}${c.per ? ` per ${c.per}` : ''}`;
}

const BASE_LABELS: Record<string, string> = {
  capex: 'capex',
  cost_per_token: 'cost per token',
  price_change: 'price change',
  revenue: 'revenue',
  revenue_growth: 'revenue growth',
  valuation: 'valuation',
  funding: 'funding',
  market_share: 'market share',
  training_compute: 'training compute',
  training_cost: 'training cost',
  parameters: 'parameters',
  gpu_count: 'GPU count',
  power: 'power',
  usage: 'usage',
  other: 'other figure',
  growth: 'growth',
};

/** Measure names for readers; a change of a level is its own measure ("capex growth", figure-key.ts measureOf). */
export const METRIC_LABELS: Record<string, string> = {
  ...BASE_LABELS,
  ...Object.fromEntries(
    Object.entries(BASE_LABELS).map(([k, v]) => [`${k}_growth`, k === 'other' ? 'other change' : `${v} growth`]),
  ),
};

/** What a figure's sources say together, in words (compare.ts decides which). */
export const VERDICT_LABELS = {
  'one-source': 'one source so far',
  agree: 'sources agree',
  contested: 'sources contradict each other',
} as const;
