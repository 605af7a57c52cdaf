import { readWordNumber } from './number-words.ts';

/** A number as written: digits or words, with exponent and scale word applied. */
export interface NumberRead {
  /** The number before its scale word ("5.6" of "$5.6 billion"), exponent applied. */
  core: number;
  /** The scale word's factor, 1 without one. */
  factor: number;
  value: number;
  end: number;
  /** Had a scale word, letter or exponent ("5 billion", "175B", "2.1e25"). */
  scaled: boolean;
  word: boolean;
  /** Position just after the bare digits/words, before any scale. */
  coreEnd: number;
}

const DIGITS =
  /(?:\d{1,3}(?:,\d{3})+|\d{1,3},\d{1,2}(?=[\s-]?(?:thousand|million|billion|trillion|mln|bln|mn|bn|[kKMBT]\b))|\d+)(?:\.\d+)?|\.\d+/y;
const EXPONENT_E = /[eE]([+-]?\d{1,3})(?![\w])/y;
// "3.2×10^23", "3.2 x 10^23", and the scraped "3.2×1023" that lost its caret.
const EXPONENT_TIMES = /\s?[×x*·]\s?10(?:(?:\^|\*\*)([-−]?\d{1,3})|(\d{2}))(?!\d)/y;
// Directly after a bare "10": "10^25", "10**25", "10²⁵".
const POWER = /(?:\^|\*\*)([-−]?\d{1,3})|([⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)/y;
const SCALE_WORD = /[\s-]?(thousand|million|billion|trillion|quadrillion|mln|bln|mn|bn|tn)s?\b/iy;
const SCALE_LETTER = /([kKMBT]|mm|m|b|t)(?![A-Za-z\d])/y; // attached: "175B", "$5m"
// "128K-token context", "50k GPUs": a thousands letter is safe before these nouns.
// "24K B200 GPUs", "100K H100s": a thousand-count before a chip name or a counted noun.
const K_NOUN =
  /^[- ]?(?:tokens?|context|GPUs?|users?|param|(?:Nvidia\s+)?[A-Z]{1,3}\d{2,4}[A-Za-z]*|chips?|accelerators?|servers?|subscribers?|customers?|employees?|downloads?|stars?|deliveries|units?)/i;
const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';

const SCALES: Record<string, number> = {
  thousand: 1e3,
  million: 1e6,
  billion: 1e9,
  trillion: 1e12,
  quadrillion: 1e15,
  mln: 1e6,
  bln: 1e9,
  mn: 1e6,
  bn: 1e9,
  tn: 1e12,
  k: 1e3,
  m: 1e6,
  mm: 1e6,
  b: 1e9,
  t: 1e12,
};

/** Reads digits with an optional exponent starting exactly at `pos`. */
export function readDigits(text: string, pos: number): { value: number; end: number; sci: boolean } | null {
  DIGITS.lastIndex = pos;
  const m = DIGITS.exec(text);
  if (!m) return null;
  // "$3,2 billion": a comma with one or two digits before a scale word is a decimal comma (thousands take three).
  const decimalComma =
    /^\d{1,3},\d{1,2}$/.test(m[0]) &&
    /^[\s-]?(?:thousand|million|billion|trillion|mln|bln|mn|bn|[kKMBT]\b)/.test(
      text.slice(pos + m[0].length, pos + m[0].length + 10),
    );
  const digits = decimalComma ? m[0].replace(',', '.') : m[0].replace(/,/g, '');
  let value = Number(digits);
  let end = pos + m[0].length;
  const exp = readExponent(text, end, m[0]);
  if (exp) {
    // Via the string form so that 2.1e25 stays exactly 2.1e25.
    value = Number(m[0] === '10' && exp.power ? `1e${exp.exponent}` : `${digits}e${exp.exponent}`);
    end = exp.end;
  }
  return { value, end, sci: exp !== null };
}

function readExponent(text: string, pos: number, digits: string) {
  for (const re of [EXPONENT_E, EXPONENT_TIMES]) {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (m) return { exponent: Number((m[1] ?? m[2]).replace('−', '-')), end: pos + m[0].length, power: false };
  }
  if (digits !== '10') return null;
  POWER.lastIndex = pos;
  const m = POWER.exec(text);
  if (!m) return null;
  const written = m[1] ?? [...m[2]].map((c) => (c === '⁻' ? '-' : String(SUPERSCRIPT.indexOf(c)))).join('');
  return { exponent: Number(written.replace('−', '-')), end: pos + m[0].length, power: true };
}

/**
 * Reads a scale after a number. Single letters count only when attached ("175B", "$1.2T");
 * "k", "m", "b" and "mm" only after a currency, where they cannot be a resolution or a unit.
 */
export function readScale(text: string, pos: number, money: boolean): { factor: number; end: number } | null {
  SCALE_WORD.lastIndex = pos;
  const w = SCALE_WORD.exec(text);
  if (w) return { factor: SCALES[w[1].toLowerCase()], end: pos + w[0].length };
  SCALE_LETTER.lastIndex = pos;
  // "$5.3 B": after a currency sign, a capital scale letter may stand one space apart.
  const spaced = money && /^ [BMT](?![A-Za-z\d])/.test(text.slice(pos, pos + 3));
  if (spaced) SCALE_LETTER.lastIndex = pos + 1;
  const l = SCALE_LETTER.exec(text);
  if (!l) return null;
  if (!money && !/^[MBT]$/.test(l[1]) && !(/^[kK]$/.test(l[1]) && K_NOUN.test(text.slice(l.index + 1, l.index + 14))))
    return null;
  return { factor: SCALES[l[1].toLowerCase()], end: l.index + l[0].length };
}

/** Reads a number (digits or words) and its scale starting exactly at `pos`. */
export function readNumber(text: string, pos: number, money: boolean): NumberRead | null {
  const digits = readDigits(text, pos);
  const words = digits ? null : readWordNumber(text, pos);
  const core = digits ?? words;
  if (!core) return null;
  const scale = readScale(text, core.end, money);
  if (words?.article && !scale) return null;
  return {
    core: core.value,
    factor: scale?.factor ?? 1,
    value: core.value * (scale?.factor ?? 1),
    end: scale?.end ?? core.end,
    scaled: scale !== null || (digits?.sci ?? false),
    word: words !== null,
    coreEnd: core.end,
  };
}
