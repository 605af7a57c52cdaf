import { wordMultipliers } from './multipliers.ts';
import { NUMBER_WORD } from './number-words.ts';
import { readNumber, type NumberRead } from './numbers.ts';
import { perEnd, readNounPhrase, unitOfNoun } from './phrases.ts';
import type { Mention, Span, Unit } from './types.ts';
import { currencyBefore, readUnit, type UnitRead } from './units.ts';

// A digit that does not continue a word, number, path or time ("H100", "GPT-4", "24/7", "10:30").
const DIGIT_START = /(?<![\w.,/:'’])(?<!\w-)(?:\d|\.\d)/g;
const WORD_START = new RegExp(
  `\\b(?:half\\s+an?|an?)(?=\\s+(?:thousand|million|billion|trillion)\\b)|\\b(?:${NUMBER_WORD})\\b`,
  'gi',
);
const MODEL_NOUN = /^(?:models?|MoE|dense|LLMs?|checkpoints?|variants?)$/i;
const RANGE_SEP = /\s*(?:-|–|\bto\b|\band\b)\s*/y;
const HEDGE_SUFFIX = /\s?\((?:est\.?|estimated|projected|proj\.|expected|forecast|e)\)/iy;
const PREFIX = /(?:[~≈∼<>≤≥+]|[-−](?=\$?\d))\s?$/;

interface Part {
  num: NumberRead;
  unit: UnitRead | null;
  currency: 'USD' | 'other' | null;
  end: number;
}

/** Every quantity written in `span`, in order, not overlapping. */
export function scanMentions(text: string, span: Span): Mention[] {
  const body = text.slice(span.start, span.end);
  const starts = [...body.matchAll(DIGIT_START), ...body.matchAll(WORD_START)].map((m) => span.start + m.index);
  starts.sort((a, b) => a - b);
  const found: Mention[] = [];
  let next = span.start;
  for (const pos of starts) {
    if (pos < next) continue;
    const m = parseAt(text, pos, span.end);
    if (!m) continue;
    found.push(m);
    // "$0.002 per 1K tokens": the figure inside a rate's denominator is not a claim of its own.
    next = perEnd(text, m.end, span.end) ?? m.end;
  }
  const words = wordMultipliers(text, span).filter((w) => !found.some((f) => w.start < f.end && w.end > f.start));
  return [...found, ...words].sort((a, b) => a.start - b.start);
}

function readPart(text: string, pos: number, limit: number): Part | null {
  const sign = currencyBefore(text, pos);
  const num = readNumber(text, pos, sign !== null);
  if (!num || num.end > limit) return null;
  const unit = readUnit(text, num.end);
  const end = unit && unit.end <= limit ? unit.end : num.end;
  // A letter glued to the number that is not a unit makes it an identifier ("1080p", "30fps", "4K", "10-K").
  if (end === num.end && /^(?:[A-Za-z]|-[A-Z])/.test(text.slice(end, end + 2))) return null;
  return { num, unit: end === num.end ? null : unit, currency: sign?.currency ?? unit?.currency ?? null, end };
}

function parseAt(text: string, pos: number, limit: number): Mention | null {
  const first = readPart(text, pos, limit);
  if (!first) return null;
  const range = readRange(text, pos, first, limit);
  let end = range?.end ?? first.end;
  if (text[end] === '+') end++;
  const unit = first.unit ?? range?.unit ?? null;
  const currency = first.currency ?? range?.currency ?? null;
  let noun: string | null = null;
  let nounUnit: Unit | null = null;
  if (!unit && !currency) {
    const phrase = readNounPhrase(text, end, limit);
    nounUnit = unitOfNoun(phrase.words);
    // "a 70B model", "111B MoE model": a scaled number sizing a model counts its parameters.
    if (nounUnit === 'count' && first.num.scaled && phrase.words.some((w) => MODEL_NOUN.test(w))) nounUnit = 'params';
    if (nounUnit) end = phrase.end;
    noun = phrase.words.at(-1) ?? null;
  }
  HEDGE_SUFFIX.lastIndex = end;
  const suffix = HEDGE_SUFFIX.exec(text);
  if (suffix && suffix.index + suffix[0].length <= limit) end += suffix[0].length;
  const values = rangeValues(first, range);
  const signStart = startOf(text, pos);
  const prefix = PREFIX.exec(text.slice(Math.max(0, signStart - 3), signStart))?.[0];
  const currencyUnit = currency === 'USD' ? 'USD' : currency === 'other' ? 'other' : null;
  const mention: Mention = {
    start: signStart - (prefix?.length ?? 0),
    end,
    numStart: pos,
    value: values.low,
    high: values.high,
    unit: unit?.unit ?? currencyUnit ?? nounUnit,
    currency,
    scaled: first.num.scaled || (range?.num.scaled ?? false),
    tag: unit?.tag ?? null,
    noun,
    direction: signDirection(prefix),
    approx: /[~≈∼]/.test(prefix ?? ''),
    word: first.num.word,
  };
  return acceptWordNumber(text, mention, first) ? mention : null;
}

/** Where the quote begins: the currency sign before the digits, if any. */
function startOf(text: string, pos: number): number {
  return currencyBefore(text, pos)?.start ?? pos;
}

function readRange(text: string, pos: number, first: Part, limit: number): Part | null {
  RANGE_SEP.lastIndex = first.end;
  const sep = RANGE_SEP.exec(text);
  if (!sep) return null;
  const word = sep[0].trim();
  const before = text.slice(Math.max(0, pos - 16), startOf(text, pos)).toLowerCase();
  if (word === 'and' && !/between\s+$/.test(before)) return null;
  // "from $10 billion to $30 billion" is a move; "raised by $15 billion to $50 billion" a change and the level it reached.
  if (word === 'to' && /\b(?:from|by)\s+\S*$/.test(before)) return null;
  let at = first.end + sep[0].length;
  const sign = /^(?:US\$|\$|€|£|¥|₹)/.exec(text.slice(at));
  if (sign) at += sign[0].length;
  const second = readPart(text, at, limit);
  if (!second) return null;
  // "4.5% to $140.15" is a move and a price, not a range: both ends must be the same kind of quantity.
  const kindOf = (p: Part) => p.currency ?? p.unit?.unit ?? null;
  if (kindOf(first) && kindOf(second) && kindOf(first) !== kindOf(second)) return null;
  const { low, high } = rangeValues(first, second);
  return high !== null && high > low ? second : null;
}

/** Applies a shared scale and unit to both ends: "$5.6 to $6 million", "80-90%". */
function rangeValues(first: Part, second: Part | null): { low: number; high: number | null } {
  let low = first.num.value;
  let high = second ? second.num.value : null;
  if (second && high !== null) {
    if (!first.num.scaled && second.num.scaled) low *= second.num.factor;
    if (first.num.scaled && !second.num.scaled && high < low) high *= first.num.factor;
  }
  const unit = first.unit ?? second?.unit ?? null;
  return {
    low: applyUnit(low, unit, first.num),
    high: second && high !== null ? applyUnit(high, second.unit ?? unit, second.num) : null,
  };
}

function applyUnit(value: number, unit: UnitRead | null, num: NumberRead): number {
  if (!unit) return value;
  if (unit.tag === 'oom') return 10 ** value;
  // Scraping drops the caret of "10^25": a bare "1025 FLOP" means 10^25.
  if (unit.unit === 'FLOP' && !num.scaled && Number.isInteger(value) && /^10(1[5-9]|2\d|3\d)$/.test(String(value))) {
    return 10 ** (value - 1000);
  }
  return value * unit.factor;
}

function signDirection(prefix: string | undefined) {
  if (!prefix) return null;
  if (/[-−]/.test(prefix)) return 'down' as const;
  return prefix.trim() === '+' ? ('up' as const) : null;
}

/** Spelled-out numbers are figures only with a scale, a unit or as a range of counted things. */
function acceptWordNumber(text: string, m: Mention, first: Part): boolean {
  if (!m.word) return true;
  if (first.num.scaled) return !/^-/.test(text.slice(first.num.end, first.num.end + 1));
  if (m.tag === 'duration') return m.high !== null;
  if (m.unit && m.unit !== 'count') return true;
  return m.high !== null && m.noun !== null;
}
