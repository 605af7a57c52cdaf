/** Spelled-out numbers: "three", "twenty-five", "half a", "a" (before a scale word). */

const SMALL: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};

const SMALL_WORDS = Object.keys(SMALL).join('|');
const TENS_WORDS = Object.keys(TENS).join('|');
const UNIT_WORDS = 'one|two|three|four|five|six|seven|eight|nine';

/** Alternation matching one spelled-out number (for building other patterns). */
export const NUMBER_WORD = `(?:(?:${TENS_WORDS})(?:[- ](?:${UNIT_WORDS}))?|${SMALL_WORDS})(?:\\s+hundred)?`;

const WORD_AT = new RegExp(`(half\\s+an?|an?)(?=\\s)|${NUMBER_WORD}`, 'iy');

export interface WordNumber {
  value: number;
  end: number;
  /** "a", "an" or "half a": only a number when a scale word follows ("half a trillion"). */
  article: boolean;
}

/** Reads a spelled-out number starting exactly at `pos`. */
export function readWordNumber(text: string, pos: number): WordNumber | null {
  if (pos > 0 && /[A-Za-z]/.test(text[pos - 1])) return null;
  WORD_AT.lastIndex = pos;
  const m = WORD_AT.exec(text);
  if (!m || /[A-Za-z]/.test(text[pos + m[0].length] ?? '')) return null;
  const end = pos + m[0].length;
  if (m[1]) return { value: /^half/i.test(m[1]) ? 0.5 : 1, end, article: true };
  return { value: wordValue(m[0].toLowerCase()), end, article: false };
}

const WHOLE_WORD = new RegExp(`^${NUMBER_WORD}$`, 'i');

/** "four" → 4, "twenty-five" → 25; undefined when the word is not a spelled-out number. */
export function numberWordValue(word: string): number | undefined {
  return WHOLE_WORD.test(word) ? wordValue(word.toLowerCase()) : undefined;
}

function wordValue(words: string): number {
  let value = 0;
  for (const w of words.split(/[\s-]+/)) {
    if (w === 'hundred') value *= 100;
    else value += SMALL[w] ?? TENS[w] ?? 0;
  }
  return value;
}

const FRACTIONS: Record<string, number> = {
  half: 0.5,
  third: 1 / 3,
  quarter: 0.25,
  fourth: 0.25,
  fifth: 0.2,
  tenth: 0.1,
  hundredth: 0.01,
  thousandth: 0.001,
};

/** "one-tenth" → 0.1, "two-thirds" → 0.667; undefined for anything else. */
export function fractionValue(numerator: string, denominator: string): number | undefined {
  const n = numerator.toLowerCase() === 'a' ? 1 : SMALL[numerator.toLowerCase()];
  const d = FRACTIONS[denominator.toLowerCase().replace(/s$/, '')];
  return n === undefined || d === undefined ? undefined : n * d;
}
