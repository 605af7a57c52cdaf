/**
 * `lexical-v1`: the embedder used when no neural model is available. It is a bag of words, not a
 * language model: texts that share rare words and phrases come out close; paraphrases do not.
 *
 * Recipe (changing any of it must change LEXICAL_EMBEDDER, since stored vectors would no longer compare):
 * 1. NFKC, lower case; tokens are runs of letters/digits, keeping inner `.` and `'` ("6.6", "o'neil");
 *    a trailing possessive `'s` and a plain plural `s` are dropped ("models" → "model").
 * 2. Stopwords and one-letter tokens are removed; bigrams are taken over what remains.
 * 3. Each distinct term weighs (1 + ln tf) × kind weight (unigram 1, bigram 0.5, so phrases add
 *    evidence without drowning the words) × a length factor standing in for IDF (short words tend
 *    to be common: min(1, len/6) + 0.5).
 * 4. Feature hashing: FNV-1a 32-bit over the term's UTF-8 picks one of 384 dimensions and its top
 *    bit a sign, so collisions cancel out on average instead of piling up.
 * 5. L2 normalisation. A text with no terms gives the zero vector (it matches nothing).
 */
/** English function words: frequent everywhere, so they say nothing about which story a text is. */
const STOPWORDS = new Set(
  `a about above after again against all also am an and any are as at be because been before being below between
  both but by can could did do does doing down during each few for from further had has have having he her here
  hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of
  off on once only or other our ours ourselves out over own same she should so some such than that the their
  theirs them themselves then there these they this those through to too under until up very was we were what
  when where which while who whom why will with would you your yours yourself yourselves said says say new
  one two get got via per like may might must shall upon onto amid among according`.split(/\s+/),
);

export const LEXICAL_EMBEDDER = 'lexical-v1';
export const LEXICAL_DIMS = 384;

const TOKEN = /[\p{L}\p{N}]+(?:['.][\p{L}\p{N}]+)*/gu;
const encoder = new TextEncoder();

export function lexicalEmbed(text: string): Float32Array {
  const vector = new Float32Array(LEXICAL_DIMS);
  for (const [term, weight] of weighTerms(terms(text))) {
    const hash = fnv1a(term);
    vector[hash % LEXICAL_DIMS] += hash & 0x80000000 ? -weight : weight;
  }
  return normalise(vector);
}

export function terms(text: string): string[] {
  const keep = (w: string) => w.length > 1 && !STOPWORDS.has(w);
  const words = (text.normalize('NFKC').toLowerCase().match(TOKEN) ?? []).filter(keep).map(stem).filter(keep);
  const bigrams = words.slice(1).map((w, i) => `${words[i]} ${w}`);
  return [...words, ...bigrams];
}

function stem(word: string): string {
  const base = word.endsWith("'s") ? word.slice(0, -2) : word;
  return base.length > 3 && /[^s]s$/.test(base) && !/\d/.test(base) ? base.slice(0, -1) : base;
}

function weighTerms(all: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const term of all) counts.set(term, (counts.get(term) ?? 0) + 1);
  const weights = new Map<string, number>();
  for (const [term, tf] of counts) {
    const kind = term.includes(' ') ? 0.5 : 1;
    weights.set(term, (1 + Math.log(tf)) * kind * (Math.min(1, term.length / 6) + 0.5));
  }
  return weights;
}

/** FNV-1a, 32-bit: fixed and platform-independent, so vectors are stable across runs and machines. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of encoder.encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function normalise(vector: Float32Array): Float32Array {
  let sum = 0;
  for (const v of vector) sum += v * v;
  if (sum === 0) return vector;
  const inv = 1 / Math.sqrt(sum);
  for (let i = 0; i < vector.length; i++) vector[i] *= inv;
  return vector;
}
