import { readPer, readWhole } from './phrases.ts';
import type { FigureContext, Mention, Unit } from './types.ts';

// A column header that names the unit of its bare cells: "Typical Params", "Revenue ($B)", "Share (%)".
const HEADER_UNITS: [RegExp, Unit, number][] = [
  [/\(\s*(?:US)?\$\s*(?:B|bn|billions?)\s*\)|\(\s*USD\s*(?:B|bn|billions?)\s*\)/i, 'USD', 1e9],
  [/\(\s*(?:US)?\$\s*(?:M|mn|millions?)\s*\)|\(\s*USD\s*(?:M|mn|millions?)\s*\)/i, 'USD', 1e6],
  [/\(\s*(?:US)?\$\s*\)|\(\s*USD\s*\)/i, 'USD', 1],
  [/\bparam(?:eter)?s\b/i, 'params', 1],
  [/\bFLOPs?\b/i, 'FLOP', 1],
  [/\btokens\b/i, 'tokens', 1],
  [/\bGPUs\b/i, 'GPUs', 1],
  [/\(\s*%\s*\)|\bpercent\b|\bshare\b/i, 'percent', 1],
  [/\(\s*GW\s*\)/, 'W', 1e9],
  [/\(\s*MW\s*\)/, 'W', 1e6],
];

// Words in the sentence that tell what a bare "175B" or "2.1e25" counts.
const SENTENCE_UNITS: [RegExp, Unit][] = [
  [/\bparam(?:eter)?s?\b/i, 'params'],
  [/\bFLOPs?\b|\bcompute\b/i, 'FLOP'],
  [/\btokens?\b/i, 'tokens'],
  [/\bdollars?\b|\bUSD\b/, 'USD'],
  [/\bGPUs?\b|\baccelerators\b/i, 'GPUs'],
];

/** The unit and value of a mention once its surroundings are known; `inherited` is the previous figure's unit. */
export function resolveUnit(m: Mention, ctx: FigureContext, inherited: Unit | null): { unit: Unit; factor: number } {
  if (m.unit) return { unit: m.unit, factor: 1 };
  if (ctx.table) {
    for (const [re, unit, factor] of HEADER_UNITS)
      if (re.test(ctx.table.header)) return { unit, factor: m.scaled ? 1 : factor };
    return { unit: 'other', factor: 1 };
  }
  if (!m.scaled) return { unit: 'other', factor: 1 };
  const sentence = ctx.text.slice(ctx.sentence.start, ctx.sentence.end);
  for (const [re, unit] of SENTENCE_UNITS) if (re.test(sentence)) return { unit, factor: 1 };
  // "A unit implied by the previous sentence is filled in": "$5 billion … up from 3 billion".
  return { unit: inherited ?? 'count', factor: 1 };
}

const HEADER_PER =
  /(?:\bper\s+|\$\s?\/\s?)((?:\d[\d,.]*\s?[kKMB]?\s+|million\s+)?(?:(?:input|output)\s+)?[A-Za-z][\w-]*)/i;

/** The denominator: after the figure, or for a table cell from its header ("Input, $/1M tokens" → "1M input tokens"). */
export function resolvePer(m: Mention, unit: Unit, ctx: FigureContext, moved: boolean): string | null {
  const limit = ctx.clause.end;
  const after = readPer(ctx.text, m.end, limit);
  // A price "per 1M" or "/MTok" is per a million tokens.
  if (after && unit === 'USD' && /^(?:1\s?M|1\s?K|M|MTok|million|1M tok)$/i.test(after))
    return /^1\s?K$/i.test(after) ? '1K tokens' : '1M tokens';
  if (after) return after;
  if (unit === 'percent' && !moved) return readWhole(ctx.text, m.end, limit);
  if (!ctx.table || unit !== 'USD') return null;
  const hit = HEADER_PER.exec(ctx.table.header);
  if (!hit) return null;
  const per = hit[1]
    .replace(/^million\b/i, '1M')
    .replace(/\s+/g, ' ')
    .trim();
  const io = /\b(input|output)\b/i.exec(ctx.table.header)?.[1].toLowerCase();
  return io && !per.includes(io) ? per.replace(/(\S+)$/, `${io} $1`) : per;
}
