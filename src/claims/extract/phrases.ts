import { normalisePer } from './units.ts';
import type { Unit } from './types.ts';

// Words that end the noun phrase after a number ("700 agents handling …", "5 million in 2024").
const STOP = new Set(
  (
    'a an the to of in on at by for from with and or but nor than as per each that which who whom whose ' +
    'is are was were be been being has have had will would can could may might should must do does did ' +
    'this these those its their his her our your my it they we he she last next this year years quarter ' +
    'month months week day days said says say according while when where after before since until ' +
    'over under about around into onto across between among during through up down out off more less ' +
    'so if then also just only now still even already respectively alone total overall ' +
    // common verbs that follow a counted noun ("1,000 IT leaders found …")
    'found find finds show shows showed reported expect expects plan plans use uses used want wants think ' +
    'believe believes see saw got get gets make makes made took take takes reveal reveals revealed'
  ).split(' '),
);

const WORD = /[\s-]*([A-Za-z][A-Za-z0-9]*(?:[-'’][A-Za-z0-9]+)*)/y;
const GPU_NOUN =
  /^(?:gpus?|accelerators?|chips?|superchips?|[ahb]\d{2,3}s?|gb\d{3}s?|mi\d{3}x?s?|tpus?|blackwells?|hoppers?|graphics)$/i;
const TOKEN_NOUN = /^tokens?$/i;
const PARAM_NOUN = /^(?:param(?:eter)?s?|weights)$/i;

export interface NounPhrase {
  words: string[];
  end: number;
}

/** Reads up to five words after a number, stopping at punctuation, function words and adverbs. */
export function readNounPhrase(text: string, pos: number, limit: number): NounPhrase {
  const words: string[] = [];
  let end = pos;
  while (words.length < 5) {
    WORD.lastIndex = end;
    const m = WORD.exec(text);
    if (!m || m.index + m[0].length > limit) break;
    const word = m[1];
    if (
      (STOP.has(word.toLowerCase()) && !/^[A-Z]{2,}$/.test(word)) ||
      isAdverb(word) ||
      isVerbAfterNoun(word, words.at(-1))
    )
      break;
    words.push(word);
    end = m.index + m[0].length;
  }
  return { words, end };
}

// "weekly active users" keeps going; "entities globally" stops at the adverb.
const LY_ADJECTIVE = /^(?:weekly|monthly|daily|yearly|quarterly|hourly|early|family|supply|assembly|anomaly)$/i;
const isAdverb = (word: string) => /ly$/i.test(word) && !LY_ADJECTIVE.test(word);
// "15 trillion tokens using 16,384 GPUs": a present participle after a plural noun starts a new clause.
const isVerbAfterNoun = (word: string, prev: string | undefined) =>
  /ing$/i.test(word) && prev !== undefined && /s$/i.test(prev);

/** The unit a counted noun phrase implies: "GPUs", "tokens", "params", or a plain count. */
export function unitOfNoun(words: string[]): Unit | null {
  if (words.length === 0) return null;
  if (words.some((w) => GPU_NOUN.test(w))) return 'GPUs';
  if (words.some((w) => TOKEN_NOUN.test(w))) return 'tokens';
  if (words.some((w) => PARAM_NOUN.test(w))) return 'params';
  return 'count';
}

const TIME_NOUN = /^(?:year|month|day|hour|week|quarter|minute|second|GPU-hour)$/i;
const PER_AFTER =
  /^\s*(?:(?:per|an?|each)\s+|\/\s*)((?:(?:\d[\d,.]*\s?[kKMB]?|one|a|million|thousand|billion)\s+)?(?:(?:input|output|prompt|completion|generated)\s+)?[A-Za-z][\w-]*|\d[\d,.]*\s?[kKMB]\b)/;

/** Where a rate's denominator written at `pos` ends, if there is one. */
export function perEnd(text: string, pos: number, limit: number): number | null {
  const m = PER_AFTER.exec(text.slice(pos, Math.min(limit, pos + 60)));
  return m ? pos + m[0].length : null;
}

/** The denominator of a rate written after a figure: "per 1M output tokens", "/GPU-hour", "a year". */
export function readPer(text: string, pos: number, limit: number): string | null {
  const m = PER_AFTER.exec(text.slice(pos, Math.min(limit, pos + 60)));
  if (!m) return null;
  if (/^\s+(?:ago|earlier|before|later|prior)\b/i.test(text.slice(pos + m[0].length))) return null;
  const phrase = normalisePer(m[1]);
  const viaArticle = /^\s*an?\s/i.test(m[0]);
  if (viaArticle && !TIME_NOUN.test(phrase)) return null;
  return phrase;
}

const OF_WHOLE = /^\s+of\s+(?:the\s+|all\s+|its\s+|their\s+|global\s+)?((?:[A-Za-z][\w'’-]*\s?){1,8})/i;
const WHOLE_STOP =
  /\s(?:goes|go|went|is|are|was|were|has|have|had|will|would|can|could|for|to|in|at|by|with|from|that|which|who|while|and|on|as|than|compared)\b.*$/i;

/** The whole a share is of: "60 percent of the cost of building a data center goes …" → "cost of building a data center". */
export function readWhole(text: string, pos: number, limit: number): string | null {
  const m = OF_WHOLE.exec(text.slice(pos, limit));
  if (!m) return null;
  const whole = m[1]
    .replace(WHOLE_STOP, '')
    .trim()
    .replace(/^(?:the|a|an)$/i, '');
  return whole === '' ? null : whole;
}
