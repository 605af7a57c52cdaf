/**
 * What an article says about the event it covers, beyond its words: the canonical entities it
 * names (the claims' alias table: "Google" = "Alphabet" = "GOOGL", Azure counts for Microsoft), the
 * figures it states (value to two significant digits and unit, from the claims extractor), and cue
 * words for the kind of event (results, a market-cap milestone, a funding round, a launch, a deal,
 * a ruling, spending plans, user counts). A story's signature is the union of its members'.
 */
import { PARENTS } from '../claims/extract/aliases.ts';
import { extractClaims } from '../claims/extract/extract.ts';
import { findEntities } from '../claims/extract/subjects.ts';

export type EventSignature = { entities: string[]; figures: string[]; types: string[]; names: string[] };

// Capitalised words that name nothing in particular.
const NOT_NAMES = new Set(
  'a an the this that these it its in on at of for to and or but as by with from after before over under into new ai ceo cfo us u.s. uk eu '
    .concat(
      'monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december ',
    )
    .concat(
      'wall street nasdaq nyse dow s&p i we he she they his her their our you your one two three first second third last next today yesterday inc corp ltd co',
    )
    .split(/\s+/),
);
const TOKEN = /[A-Za-z][\w.'’-]*[\w]|[A-Za-z]/g;

/**
 * Other proper names (a product, a model, a project, a place: "Mythos", "GPT-5.5", "Colossus",
 * "Memphis"): words with a digit, and capitalised words inside a sentence written in sentence case.
 * A Title Case headline capitalises every word, so its capitals say nothing.
 */
function namesIn(text: string, known: Set<string>): string[] {
  const out = new Set<string>();
  for (const sentence of text.split(/(?<=[.!?])\s+|\n+/)) {
    const words = [...sentence.matchAll(TOKEN)].map((m) => m[0].replace(/['’]s$/, ''));
    const capitalised = words.filter((w) => /^[A-Z]/.test(w)).length;
    const titleCase = words.length >= 4 && capitalised / words.length > 0.6;
    words.forEach((w, i) => {
      const lower = w.toLowerCase();
      if (NOT_NAMES.has(lower) || known.has(lower) || lower.length < 3) return;
      if ((/\d/.test(w) && /[a-z]/i.test(w)) || (!titleCase && i > 0 && /^[A-Z]/.test(w))) out.add(lower);
    });
  }
  return [...out].sort();
}

const EVENT_CUES: [string, RegExp][] = [
  [
    'earnings',
    /\b(?:earnings|quarterly|results|Q[1-4]\b|fiscal|revenue|profits?|EPS|guidance|beats? (?:estimates|expectations|forecasts))/i,
  ],
  [
    'market-cap',
    /\b(?:market (?:cap|value|valuation|capitali[sz]ation)|trillion (?:club|company|mark|milestone|valuation)|most valuable|first company)\b/i,
  ],
  [
    'funding',
    /\b(?:rais(?:es|ed|ing)|funding|round|series [a-h]\b|valuation|valued at|investors?|invests?|investment|share sale|tender)/i,
  ],
  [
    'launch',
    /\b(?:launch(?:es|ed)?|releas(?:es|ed)|unveil(?:s|ed)?|introduc(?:es|ed)|debuts?|open[- ]weight|model)\b/i,
  ],
  ['deal', /\b(?:deal|partnership|partners|agreement|pact|gigawatts?|GW\b|contract|supply|to deploy)/i],
  ['ruling', /\b(?:court|judge|ruling|lawsuit|sues|antitrust|regulators?|FTC|DOJ|fined?)\b/i],
  ['capex', /\b(?:capex|capital expenditures?|spend(?:ing)?|data cent(?:er|re)s?)\b/i],
  ['users', /\b(?:weekly (?:active )?users|active users|users)\b/i],
  ['ipo', /\b(?:IPO|initial public offering|goes public|listing)\b/i],
];

/** Two significant digits: "$46.7 billion" and "$46.74 billion" are one figure, "$47 billion" too. */
const figureKey = (value: number, unit: string) => `${Number(value.toPrecision(2))}|${unit}`;

export function eventSignature(title: string, lead: string | null): EventSignature {
  const text = lead ? `${title}\n\n${lead}` : title;
  const entities = new Set<string>();
  const entityWords = new Set<string>();
  for (const e of findEntities(text, { start: 0, end: text.length })) {
    entities.add(e.name);
    if (PARENTS[e.name]) entities.add(PARENTS[e.name]);
    for (const w of text.slice(e.start, e.end).toLowerCase().split(/\s+/)) entityWords.add(w.replace(/['’]s$/, ''));
  }
  const figures = new Set<string>();
  for (const c of extractClaims(text, { title }))
    if (c.value > 0 && c.unit !== 'percent') figures.add(figureKey(c.value, c.unit));
  // The headline says what kind of event it is; the lead only when the headline gives no cue.
  const cues = (t: string) => EVENT_CUES.filter(([, re]) => re.test(t)).map(([name]) => name);
  const types = (cues(title).length ? cues(title) : cues(lead ?? '')).sort();
  return { entities: [...entities].sort(), figures: [...figures].sort(), types, names: namesIn(text, entityWords) };
}

/** The union of signatures (a story's, from its members'). */
export function mergeSignatures(signatures: Iterable<EventSignature>): EventSignature {
  const entities = new Set<string>();
  const figures = new Set<string>();
  const types = new Set<string>();
  const names = new Set<string>();
  for (const s of signatures) {
    s.entities.forEach((e) => entities.add(e));
    s.figures.forEach((f) => figures.add(f));
    s.types.forEach((t) => types.add(t));
    s.names.forEach((n) => names.add(n));
  }
  return {
    entities: [...entities].sort(),
    figures: [...figures].sort(),
    types: [...types].sort(),
    names: [...names].sort(),
  };
}
