import type { Claim } from './extract/types.ts';
import { formatValue } from './format.ts';

/**
 * Checks an article's own figures against each other (what no aggregator does):
 * - a stated growth rate vs. two stated levels of the same subject and metric family;
 * - training compute vs. ≈ 6 × parameters × tokens when all three are stated for one subject;
 * - a share above 100 %.
 * Each finding names the quotes involved so the page can point at them.
 */
export type Finding = {
  check: 'growth-vs-levels' | 'flops-vs-6nd' | 'share-over-100';
  message: string;
  quotes: string[];
};
type C = Pick<Claim, 'quote' | 'metric' | 'subject' | 'value' | 'value_high' | 'unit' | 'per' | 'period' | 'direction'>;

const LEVEL_OF: Record<string, string> = { revenue_growth: 'revenue', capex: 'capex', price_change: 'cost_per_token' };
const year = (period: string | null) => period?.match(/\b(19|20)\d{2}\b/)?.[0] ?? null;
const fmt = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : n.toPrecision(3));
/** A stated value as the chips write it ("$40B", "70B params", "2.1e25 FLOP"), never "40000000000". */
const show = (c: C, value = c.value) =>
  formatValue({ value, valueHigh: null, unit: c.unit, per: c.per, direction: null, hedged: false });

export function checkConsistency(claims: C[]): Finding[] {
  return [...growthVsLevels(claims), ...flopsVs6ND(claims), ...sharesOver100(claims)];
}

function growthVsLevels(claims: C[]): Finding[] {
  const out: Finding[] = [];
  for (const g of claims) {
    if (g.unit !== 'percent' || !g.direction || !g.subject || !(g.metric in LEVEL_OF)) continue;
    const levels = claims.filter(
      (l) =>
        l !== g &&
        l.subject === g.subject &&
        l.metric === (LEVEL_OF[g.metric] ?? g.metric) &&
        l.unit !== 'percent' &&
        !l.direction &&
        year(l.period),
    );
    const gy = year(g.period);
    const now = levels.find((l) => year(l.period) === gy);
    const before = now && levels.find((l) => Number(year(l.period)) === Number(gy) - 1 && l.unit === now.unit);
    if (!now || !before || before.value === 0) continue;
    const implied = (now.value / before.value - 1) * 100;
    const stated = g.direction === 'down' ? -g.value : g.value;
    if (Math.abs(implied - stated) > Math.max(5, Math.abs(stated) * 0.1)) {
      out.push({
        check: 'growth-vs-levels',
        message: `States ${g.direction} ${show(g)} but the levels it gives (${show(before)} → ${show(now)}) imply ${fmt(implied)}%.`,
        quotes: [g.quote, before.quote, now.quote],
      });
    }
  }
  return out;
}

function flopsVs6ND(claims: C[]): Finding[] {
  const out: Finding[] = [];
  const subjects = new Set(claims.map((c) => c.subject).filter((s): s is string => !!s));
  for (const subject of subjects) {
    const of = (unit: string) => claims.find((c) => c.subject === subject && c.unit === unit && !c.direction);
    const flops = of('FLOP');
    const params = of('params');
    const tokens = of('tokens');
    if (!flops || !params || !tokens) continue;
    const expected = 6 * params.value * tokens.value;
    const ratio = flops.value / expected;
    if (ratio > 3 || ratio < 1 / 3) {
      out.push({
        check: 'flops-vs-6nd',
        message: `${subject}: ${show(flops)} stated, but 6 × ${show(params)} × ${show(tokens)} ≈ ${show(flops, expected)} (off by ${ratio > 1 ? fmt(ratio) : fmt(1 / ratio)}×).`,
        quotes: [flops.quote, params.quote, tokens.quote],
      });
    }
  }
  return out;
}

function sharesOver100(claims: C[]): Finding[] {
  return claims
    .filter((c) => c.unit === 'percent' && !c.direction && c.per && (c.value_high ?? c.value) > 100)
    .map((c) => ({
      check: 'share-over-100' as const,
      message: `A share of ${c.per} cannot exceed 100% (states ${show(c, c.value_high ?? c.value)}).`,
      quotes: [c.quote],
    }));
}
