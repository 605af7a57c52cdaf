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

export type EventSignature = { entities: string[]; figures: string[]; types: string[] };

const EVENT_CUES: [string, RegExp][] = [
  ['earnings', /\b(?:earnings|quarterly|results|Q[1-4]\b|fiscal|revenue|profits?|EPS|guidance|beats? (?:estimates|expectations|forecasts))/i],
  ['market-cap', /\b(?:market (?:cap|value|valuation|capitali[sz]ation)|trillion (?:club|company|mark|milestone|valuation)|most valuable|first company)\b/i],
  ['funding', /\b(?:rais(?:es|ed|ing)|funding|round|series [a-h]\b|valuation|valued at|investors?|invests?|investment|share sale|tender)/i],
  ['launch', /\b(?:launch(?:es|ed)?|releas(?:es|ed)|unveil(?:s|ed)?|introduc(?:es|ed)|debuts?|open[- ]weight|model)\b/i],
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
  for (const e of findEntities(text, { start: 0, end: text.length })) {
    entities.add(e.name);
    if (PARENTS[e.name]) entities.add(PARENTS[e.name]);
  }
  const figures = new Set<string>();
  for (const c of extractClaims(text, { title })) if (c.value > 0 && c.unit !== 'percent') figures.add(figureKey(c.value, c.unit));
  // The headline says what kind of event it is; the lead only when the headline gives no cue.
  const cues = (t: string) => EVENT_CUES.filter(([, re]) => re.test(t)).map(([name]) => name);
  const types = cues(title).length ? cues(title) : cues(lead ?? '');
  return { entities: [...entities].sort(), figures: [...figures].sort(), types };
}

/** The union of signatures (a story's, from its members'). */
export function mergeSignatures(signatures: Iterable<EventSignature>): EventSignature {
  const entities = new Set<string>();
  const figures = new Set<string>();
  const types = new Set<string>();
  for (const s of signatures) {
    s.entities.forEach((e) => entities.add(e));
    s.figures.forEach((f) => figures.add(f));
    s.types.forEach((t) => types.add(t));
  }
  return { entities: [...entities].sort(), figures: [...figures].sort(), types: [...types].sort() };
}
