import type { Span } from './types.ts';

/**
 * A subject that is not a named entity: "major labs", "open-source and specialized small models",
 * "Fortune 500 CIOs". Used only when no entity fits. Without a parser, the grammatical subject is
 * read as the noun phrase right before a verb of the clause (else of the sentence) ahead of the
 * figure, then cleaned:
 * - determiners and quantifiers go ("every lab" → "labs": every X is the Xs);
 * - measure words at its end go ("Hyperscaler capex" → "Hyperscaler"): they are the metric;
 * - a container before "of"/"for" gives way to what it contains ("A survey of Fortune 500 CIOs",
 *   "inference costs for advanced modalities");
 * - vague or pointing words ("the sector", "the latter", "it") are no subject at all.
 */

const VERB = new Set(
  (
    'is are was were be been has have had will would can could may might should must do does did ' +
    'claim claims claimed say says said reported provide provides provided offer offers offered ' +
    'spend spends spent raise raises raised get gets got grow grows grew rise rises rose fall falls fell ' +
    'dropped require requires required reveal reveals revealed showed expect expects expected ' +
    'planned hit hits reach reaches reached jump jumped surge surged doubled ' +
    'tripled go goes went accounted make makes made generate generates generated earn earns earned ' +
    'take takes took needed burn burned lose loses lost matched exceed exceeds exceeded ' +
    'held represent represents represented used ran see sees saw faced ' +
    'pay pays paid charged serve served deliver delivers delivered'
  ).split(' '),
);
// (Words that are as often nouns — costs, plans, shares, reports — are left out: they would cut phrases.)
// Words that end a noun phrase going leftwards: conjunctions, relatives, prepositions that open clauses.
const BOUNDARY = new Set(
  (
    'that which who whom whose while whereas if when where because since so than as but or yet though although unless until ' +
    'after before during with without by to from on in at into about against between through per like up down over under'
  ).split(' '),
);
const DETERMINER =
  /^(?:every|each|all|the|a|an|some|most|many|several|only|its|their|our|his|her|your|my|these|those|this|that|any|both|other|such)$/i;
// Words that name what is measured, not who: dropped from the end of a phrase.
const MEASURE =
  /^(?:capex|spend(?:ing)?|budgets?|revenues?|sales|costs?|prices?|pricing|expenses?|inference|growth|shares?|valuations?|funding|profits?|margins?|usage|demand|bills?|rates?|numbers?|figures?|amounts?|totals?|investments?|compute|training|count|size|per-unit|per-token|capital|expenditures?)$/i;
// Heads that contain what matters after "of"/"for": "a survey of X", "the cost of X".
const CONTAINER =
  /^(?:survey|poll|study|share|number|percentage|majority|minority|group|set|cost|costs|price|prices|revenue|spending|capex|budget|bill|inference)$/i;
// A phrase made of these alone points elsewhere or says nothing.
const VAGUE =
  /^(?:it|they|them|this|that|these|those|latter|former|one|ones|which|who|what|there|here|we|you|i|he|she|sector|industry|market|markets|company|companies|firm|firms|business|world|quarter|year|month|week|day|time|article|piece|report|math|thing|things|way|fact|case|story|take|point|number|corporation|giant|maker|chipmaker|startup|start-up|outfit)$/i;
const NOT_ABOUT =
  /^(?:(?:\w+\s+)?(?:billion|million|trillion|thousand|bn|mn)|(?:(?:the|this|last|next|first|second|third|fourth|fiscal|calendar|same|previous|prior|full)[- ])*(?:quarter|year|month|week|half|period)s?|(?:ceo|cfo|coo|cto|chief|founder|co-founder|president|chairman|analysts?|investors?|wall street|sources?|reports?|people familiar)\b.*|first|second|third|fourth|final|full|fiscal|calendar|same|previous|prior|latest|last|next|record|also)$/i;
// A time phrase closing a subject phrase is the figure's period, not part of who: "Acme revenue this year".
const TRAILING_TIME =
  /^(?:this|last|next|that|the|fiscal|calendar|full|same|previous|prior|quarter|year|month|week|half|period|quarterly|annual|yearly|first|second|third|fourth)$/i;
// Words that open a remark rather than name anything: "Honestly capex is up 90%" is about capex's owner.
const DISCOURSE =
  /^(?:honestly|actually|basically|literally|seriously|frankly|well|yes|yeah|no|nope|lol|imo|imho|tbh|fwiw|ok|okay|sure|also|plus|again|meanwhile|still|anyway|apparently|clearly|obviously|yet)$/i;
// A phrase before a reporting verb is who reports the figure (an outlet, an analyst, @someone), not what it is about.
const REPORTING = /^(?:says|said|reports|reported|claims|claimed|told|notes|noted|writes|wrote|estimates|estimated)$/i;
const TOKEN = /[\p{L}\p{N}@][\p{L}\p{N}'’&.-]*/gu;

type Token = { word: string; start: number; end: number };

/**
 * The descriptive subject of the figure at `figure`: from its clause, else (when the clause's only
 * candidates were measure words or numbers, as in "… but capex is up 50%") from the sentence.
 * A clause whose subject is a pronoun or a vague word has no descriptive subject.
 */
export function describeSubject(text: string, sentence: Span, clause: Span, figure: Span): string | null {
  const own = phraseBeforeVerb(text, clause.start, figure.start);
  if (own !== undefined || clause.start <= sentence.start) return own ?? null;
  return phraseBeforeVerb(text, sentence.start, figure.start) ?? null;
}

/** The usable phrase nearest the figure; else null when a vague one was seen ("As I said, …"); else undefined. */
function phraseBeforeVerb(text: string, from: number, to: number): string | null | undefined {
  // Parenthetical asides ("(e.g., GPT-4)") are blanked, offsets kept: neither their words nor their commas count.
  const body = text.slice(from, to).replace(/\([^()]*\)/g, (m) => ' '.repeat(m.length));
  const tokens = [...body.matchAll(TOKEN)].map((m) => ({
    word: m[0].replace(/['’]s$/, ''),
    start: m.index,
    end: m.index + m[0].length,
  }));
  let vague = false;
  // The verb nearest before the figure first: "…, and Neocloud capex is up 80%" is about Neocloud.
  for (let i = tokens.length - 1; i >= 0; i--) {
    if (!VERB.has(tokens[i].word.toLowerCase())) continue;
    const before = nounPhraseBefore(body, tokens, i);
    if (REPORTING.test(tokens[i].word) && isSource(tokens, before)) {
      vague = true;
      continue;
    }
    const phrase = cleaned(before);
    if (phrase) return phrase;
    if (phrase === null) vague = true;
  }
  return vague ? null : undefined;
}

const OUTLET =
  /^(?:wire|news|times|journal|post|reuters|bloomberg|cnbc|report|reports|analysts?|analyst|source|sources|survey|study|blog|newsletter)$/i;

/** A phrase before "says"/"reported" that is a reporter (an @mention, an outlet, analysts), not the figure's owner. */
function isSource(tokens: Token[], phrase: Token[]): boolean {
  void tokens;
  return phrase.some((t) => t.word.startsWith('@') || OUTLET.test(t.word));
}

/** Words before tokens[verb], back to a boundary, a punctuation break or a number; -ly adverbs before the verb skipped. */
function nounPhraseBefore(text: string, tokens: Token[], verb: number): Token[] {
  let i = verb - 1;
  while (i >= 0 && /ly$/i.test(tokens[i].word) && tokens[i].word.length > 4) i--;
  const phrase: Token[] = [];
  for (; i >= 0; i--) {
    const t = tokens[i];
    const next = phrase[0] ?? tokens[verb];
    if (/[,;:!?"“”—–]|\.\s/.test(text.slice(t.end, next.start))) break;
    const lower = t.word.toLowerCase();
    if (BOUNDARY.has(lower) || VERB.has(lower) || isFigure(text, t)) break;
    if (t.word.startsWith('@')) {
      phrase.unshift(t);
      break;
    }
    phrase.unshift(t);
    // "Acme revenue for the full year was …": a time phrase with its preposition is an aside; read on past it.
    if (DETERMINER.test(lower) && i > 0 && TIME_ASIDE.test(tokens[i - 1].word) && isTimePhrase(phrase)) {
      phrase.length = 0;
      i--;
      continue;
    }
    if (DETERMINER.test(lower)) break;
  }
  return phrase;
}

const TIME_ASIDE = /^(?:for|in|during|over|of)$/i;
const isTimePhrase = (phrase: Token[]) =>
  phrase.length > 1 &&
  phrase.slice(1).every((t) => TRAILING_TIME.test(t.word)) &&
  /^(?:quarter|year|month|week|half|period)s?$/i.test(phrase.at(-1)!.word);

/** "12%", "$5", "10x": another figure ends the phrase ("Fortune 500 CIOs" keeps its number). */
function isFigure(text: string, t: Token): boolean {
  if (/^\d[\d.,]*x$/i.test(t.word)) return true;
  return (
    /^\d/.test(t.word) && (/^\s*(?:%|x\b|×|percent\b)/i.test(text.slice(t.end, t.end + 9)) || text[t.start - 1] === '$')
  );
}

/** The phrase as a subject; null when it is vague (a pronoun, "the sector"); undefined when nothing is left. */
function cleaned(tokens: Token[]): string | null | undefined {
  let words = tokens.map((t) => t.word).filter((w) => !w.startsWith('@'));
  // "a survey of Fortune 500 CIOs" → "Fortune 500 CIOs": the last of/for whose head is a container.
  for (let k = words.length - 1; k > 0; k--) {
    if ((words[k].toLowerCase() === 'of' || words[k].toLowerCase() === 'for') && CONTAINER.test(words[k - 1])) {
      words = words.slice(k + 1);
      break;
    }
  }
  if (words.some((w) => /^(?:of|for)$/i.test(w)))
    words = words.slice(
      0,
      words.findIndex((w) => /^(?:of|for)$/i.test(w)),
    );
  const every = words.length > 0 && /^(?:every|each)$/i.test(words[0]);
  const pointing = words.length === 1 && VAGUE.test(words[0]);
  while (
    words.length &&
    (DETERMINER.test(words[0]) || DISCOURSE.test(words[0]) || /^(?:and|or|but|so|then|also)$/i.test(words[0]))
  )
    words.shift();
  // "Q4 AI revenue", "2025 cloud revenue": a time opening the phrase is the figure's period, not who.
  while (words.length > 1 && /^(?:Q[1-4]|H[12]|FY['’]?\d{2,4}|(?:19|20)\d{2})$/i.test(words[0])) words.shift();
  if (pointing) return null;
  // "The fourth quarter alone saw …": an adverb closing the phrase says nothing of who.
  while (words.length > 1 && /^(?:alone|itself|only|too|also|again)$/i.test(words.at(-1)!)) words.pop();
  while (words.length > 1 && /^(?:quarter|year|month|week|half|period)s?$/i.test(words.at(-1)!)) {
    words.pop();
    while (words.length > 1 && TRAILING_TIME.test(words.at(-1)!)) words.pop();
  }
  while (words.length && (MEASURE.test(words.at(-1)!) || /^\d/.test(words.at(-1)!))) words.pop();
  while (words.length && /^(?:and|or)$/i.test(words.at(-1)!)) words.pop();
  if (words.length === 0) return undefined;
  if (words.length > 7 || words.every((w) => VAGUE.test(w))) return null;
  // Scale words, time phrases and the people or desks that report a figure are not what it is about.
  if (NOT_ABOUT.test(words.join(' '))) return null;
  const last = words.length - 1;
  if (every && !/s$/i.test(words[last])) words[last] = `${words[last]}s`;
  return words.join(' ');
}
