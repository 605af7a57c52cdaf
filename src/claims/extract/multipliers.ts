import { fractionValue, numberWordValue } from './number-words.ts';
import type { Direction, Mention, Span } from './types.ts';

/**
 * Multipliers written as words: "doubled", "tripled", "halved", "tenfold", "one-tenth",
 * "twice as", "an order of magnitude". Digit forms ("10x", "1,000-fold") are units in units.ts.
 */
const VERBS: Record<string, [number, Direction]> = {
  doubl: [2, 'up'],
  tripl: [3, 'up'],
  quadrupl: [4, 'up'],
  halv: [2, 'down'],
};
const VERB =
  /\b(doubl|tripl|quadrupl|halv)(?:ed|ing|es)\b(?!\s+down\b)|(?<=\b(?:to|will|would|could|may|might|than|nearly|almost)\s)(doubl|tripl|quadrupl|halv)e\b(?!\s+down\b)/gi;
const SCALE_WORDS: Record<string, number> = { hundred: 100, thousand: 1000 };
const FOLD = /\b(?:a\s+)?(two|three|four|five|six|seven|eight|nine|ten|twenty|hundred|thousand)[- ]?fold\b/gi;
const FRACTION = /\b(one|a|two|three|four)([- ])(halves|half|thirds?|quarters?|fifths?|tenths?|hundredths?)\b/gi;
const TWICE = /\btwice(?=\s+(?:as|the)\b)/gi;
const ORDER_OF_MAGNITUDE = /\ban\s+order\s+of\s+magnitude\b/gi;

function mention(start: number, end: number, value: number, direction: Direction, tag: Mention['tag']): Mention {
  return {
    start,
    end,
    numStart: start,
    value,
    high: null,
    unit: 'ratio',
    currency: null,
    scaled: false,
    tag,
    noun: null,
    direction,
    approx: false,
    word: true,
  };
}

/** Word multipliers inside `span`, in text order. */
const HALF_OF =
  /(?<!\b(?:first|second|latter|back|front|other|the|a|one|and a)\s+)\b(?:(?:about|around|roughly|nearly|almost|over|more than|less than|just over|just under|well over|at least|some)\s+)?half(?=\s+(?:of|the|its|their|all)\b)/gi;

export function wordMultipliers(text: string, span: Span): Mention[] {
  const body = text.slice(span.start, span.end);
  const out: Mention[] = [];
  const at = (m: RegExpExecArray) => span.start + m.index;
  for (const m of body.matchAll(VERB)) {
    const [value, dir] = VERBS[(m[1] ?? m[2]).toLowerCase()];
    out.push(mention(at(m), at(m) + m[0].length, value, dir, 'mult'));
  }
  for (const m of body.matchAll(FOLD)) {
    out.push(
      mention(at(m), at(m) + m[0].length, numberWordValue(m[1]) ?? SCALE_WORDS[m[1].toLowerCase()], null, 'mult'),
    );
  }
  for (const m of body.matchAll(FRACTION)) {
    // "a third of", "one-tenth": a space-joined fraction needs "of" ("in a quarter" is a period).
    const followedByOf = /^\s+of\b/.test(body.slice(m.index + m[0].length));
    const value = fractionValue(m[1], m[3]);
    if (value === undefined || (m[2] === ' ' && !followedByOf)) continue;
    out.push(mention(at(m), at(m) + m[0].length, value, null, 'fraction'));
  }
  // "nearly half of its revenue", "more than half of enterprises": a share written as a word.
  for (const m of body.matchAll(HALF_OF)) out.push(mention(at(m), at(m) + m[0].length, 0.5, null, 'fraction'));
  for (const m of body.matchAll(TWICE)) out.push(mention(at(m), at(m) + m[0].length, 2, null, 'mult'));
  for (const m of body.matchAll(ORDER_OF_MAGNITUDE)) out.push(mention(at(m), at(m) + m[0].length, 10, null, 'oom'));
  return out;
}
