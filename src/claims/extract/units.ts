import type { MentionTag, Unit } from './types.ts';

/** A unit word or sign read right after a number. */
export interface UnitRead {
  unit: Unit;
  factor: number;
  end: number;
  tag: MentionTag;
  currency?: 'USD' | 'other';
}

interface Rule {
  re: RegExp;
  unit: Unit;
  tag?: MentionTag;
  currency?: 'USD' | 'other';
  /** Multiplier to base units, or a function of the match (SI prefixes). */
  factor?: number | ((m: RegExpExecArray) => number);
}

const SI: Record<string, number> = {
  k: 1e3,
  kilo: 1e3,
  m: 1e6,
  mega: 1e6,
  g: 1e9,
  giga: 1e9,
  t: 1e12,
  tera: 1e12,
  peta: 1e15,
  exa: 1e18,
  zetta: 1e21,
  yotta: 1e24,
};
const si = (prefix: string | undefined) => (prefix ? (SI[prefix.toLowerCase()] ?? 1) : 1);

// Order matters: energy (Wh) before power (W), percentage points before plain percent.
const RULES: Rule[] = [
  { re: /\s?%/y, unit: 'percent' },
  { re: /\s(?:percentage points?|pct\.? points?|ppts?|pp)\b/iy, unit: 'percent' },
  { re: /\s(?:percent|per cent|pct)\b/iy, unit: 'percent' },
  { re: /\s(?:basis points?|bps)\b/iy, unit: 'percent', factor: 0.01 },
  { re: /[x×X](?![A-Za-z\d])/y, unit: 'ratio', tag: 'mult' },
  { re: /[\s-]?fold\b/iy, unit: 'ratio', tag: 'mult' },
  { re: /\s+times\b(?!\s+(?:a|per|each)\b)/iy, unit: 'ratio', tag: 'mult' },
  { re: /\s+orders?\s+of\s+magnitude\b/iy, unit: 'ratio', tag: 'oom' },
  {
    re: /[\s-]?(peta|exa|zetta|yotta|tera)?(?:FLOP|flop|Flop)(?:s|S)?(?!\/s)\b/y,
    unit: 'FLOP',
    factor: (m) => si(m[1]),
  },
  { re: /\sfloating[- ]point operations\b/iy, unit: 'FLOP' },
  { re: /\s?([kMGT]?)Wh\b/y, unit: 'other', tag: 'energy', factor: (m) => si(m[1]) },
  { re: /[\s-](kilo|mega|giga|tera)?watt[- ]hours?\b/iy, unit: 'other', tag: 'energy', factor: (m) => si(m[1]) },
  { re: /\s?([kKMGT])W\b/y, unit: 'W', factor: (m) => si(m[1]) },
  { re: /W\b/y, unit: 'W' },
  { re: /[\s-](kilo|mega|giga|tera)?watts?\b/iy, unit: 'W', factor: (m) => si(m[1]) },
  {
    re: /\s(?:new Taiwan|Taiwan|Hong Kong|Australian|Canadian|Singapore|New Zealand)\s+dollars?\b/iy,
    unit: 'other',
    currency: 'other',
  },
  { re: /\s(?:US dollars|dollars?|USD)\b/iy, unit: 'USD', currency: 'USD' },
  { re: /\s?(?:cents?\b|¢)/iy, unit: 'USD', currency: 'USD', factor: 0.01 },
  {
    re: /\s(?:euros?|EUR|pounds sterling|GBP|yuan|renminbi|RMB|CNY|yen|JPY|rupees|INR|won|KRW)\b/y,
    unit: 'other',
    currency: 'other',
  },
  {
    re: /[\s-](?:(?:Nvidia\s+)?[A-Z]+\d{2,3}[A-Z]?\s+)?(?:GPU|H100|A100|H800|H200|TPU|accelerator|chip)[- ]hours?\b/iy,
    unit: 'other',
    tag: 'gpuhours',
  },
  { re: /[\s-]bits?\b/y, unit: 'other', tag: 'bits' },
  // Throughput of hardware: "480 TFLOPS", "2 petaflops" (per second; training compute is FLOP above).
  {
    re: /\s?([TPE]|tera|peta|exa)(?:FLOPS|flops|FLOP\/s)\b/y,
    unit: 'FLOP',
    factor: (m) => si(m[1].length === 1 ? { T: 'tera', P: 'peta', E: 'exa' }[m[1]] : m[1]),
  },
  // Memory, storage and bandwidth in bytes: "288GB", "3.35 TB/s", "24 GiB".
  {
    re: /\s?([KMGTP])i?B(?:\/s| per second)?\b/y,
    unit: 'other',
    factor: (m) => ({ K: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15 })[m[1] as 'K'],
  },
  { re: /\s(kilo|mega|giga|tera|peta)bytes?\b/iy, unit: 'other', factor: (m) => si(m[1]) },
  // Tokens written short: "~72 tok/s", "4K tok".
  { re: /\s?tok(?:ens)?(?:\/s)?\b/y, unit: 'tokens' },
  // Physical quantities: mass, volume, area.
  {
    re: /[\s-](?:metric\s+)?(?:tonnes?|tons?|cubic (?:meters?|metres?|feet)|liters?|litres?|gallons?|acres?|hectares?|square (?:feet|foot|meters?|metres?|miles?)|sq\.? ?(?:ft|m|mi))\b/iy,
    unit: 'other',
  },
  {
    re: /[\s-](?:years?|yrs?|months?|weeks?|days?|hours?|hrs?|minutes?|mins?|seconds?|secs?)\b/iy,
    unit: 'other',
    tag: 'duration',
  },
  { re: /(?:yrs?|hrs?|mins?|secs?)\b/y, unit: 'other', tag: 'duration' },
];

/** Reads a unit starting exactly at `pos` (right after a number and its scale). */
export function readUnit(text: string, pos: number): UnitRead | null {
  for (const rule of RULES) {
    rule.re.lastIndex = pos;
    const m = rule.re.exec(text);
    if (!m) continue;
    const factor = typeof rule.factor === 'function' ? rule.factor(m) : (rule.factor ?? 1);
    return { unit: rule.unit, factor, end: pos + m[0].length, tag: rule.tag ?? null, currency: rule.currency };
  }
  return null;
}

// Dollars of other countries carry letters before the sign (NT$, HK$, A$, S$): not US dollars.
const PREFIX_CURRENCY = /(?:US\$|(?:NT|HK|NZ|MX|R|S|A|C|T)\$|\$|USD\s?|€|£|¥|₹|EUR\s?|GBP\s?|RMB\s?)$/;

/** The currency sign written just before `pos`, and where it starts. */
export function currencyBefore(text: string, pos: number): { currency: 'USD' | 'other'; start: number } | null {
  const m = PREFIX_CURRENCY.exec(text.slice(Math.max(0, pos - 5), pos));
  if (!m) return null;
  const sign = m[0].trim();
  const usd = sign === '$' || sign === 'US$' || sign === 'USD';
  return { currency: usd ? 'USD' : 'other', start: pos - m[0].length };
}

/** Normalises a "per" phrase: "million output tokens" → "1M output tokens", "yr" → "year". */
export function normalisePer(raw: string): string {
  return raw
    .replace(/^(?:one |1 )?million\b/i, '1M')
    .replace(/^(?:one |1 )?thousand\b|^1,000\b/i, '1K')
    .replace(/^1 ?m\b/i, '1M')
    .replace(/^1 ?k\b/i, '1K')
    .replace(/\byrs?\b/i, 'year')
    .replace(/\bhrs?\b/i, 'hour')
    .replace(/\bmos?\b/i, 'month')
    .replace(/\s+/g, ' ')
    .trim();
}
