import type { Span } from './types.ts';

/**
 * A company's business segment named with a revenue figure: "data center revenue was $26.3
 * billion", "revenue from its gaming business", "Reality Labs sales". Total revenue and a
 * segment's revenue are different figures; without this they would contradict each other.
 */
export const SEGMENT_METRICS = new Set(['revenue', 'revenue_growth']);

/** True when a descriptive subject is only a segment's name ("Data center", "the cloud unit"). */
export const isSegmentName = (phrase: string) =>
  new RegExp(`^(?:the\\s+)?(?:${NAMES})(?:\\s+(?:segment|unit|business|division|group))?$`, 'i').test(phrase.trim());

const NAMES =
  'data[- ]?cent(?:er|re)|gaming|automotive|auto|professional visuali[sz]ation|intelligent cloud|cloud|server|networking|advertising|ads?|search|' +
  'subscriptions?|hardware|devices|client|embedded|consumer|enterprise|AI|foundry|memory|DRAM|NAND|HBM|iPhone|Mac|iPad|wearables|' +
  'reality labs|family of apps|youtube|productivity and business processes|more personal computing|infrastructure software|semiconductor solutions|' +
  'AI semiconductor|AI chip|accelerator|GPU|compute and networking|graphics|OEM|azure(?: and other cloud services)?|aws';
const HEAD = '(?:\\s+(?:segment|unit|business|division|group|chip|chips))?\\s+(?:revenue|revenues|sales)';
const BEFORE = new RegExp(`\\b(${NAMES})${HEAD}\\b`, 'gi');
// "the data center segment generated $41.1 billion in revenue": the segment named as such.
const NAMED_UNIT = new RegExp(`\\b(${NAMES})\\s+(?:segment|unit|business|division|products)\\b`, 'gi');
const AFTER = new RegExp(
  `\\b(?:revenue|revenues|sales)\\s+(?:from|in|at|for)\\s+(?:its|the(?: company['’]s)?)\\s+(${NAMES})(?:\\s+(?:segment|unit|business|division))?\\b`,
  'gi',
);

/** Segments that have a name of their own: "Google's cloud revenue" is Google Cloud's revenue. */
export const SEGMENT_ENTITIES: Record<string, string> = {
  'Google|cloud': 'Google Cloud',
  'Amazon|cloud': 'AWS',
  'Amazon|aws': 'AWS',
  'Microsoft|azure': 'Azure',
  'Microsoft|azure and other cloud services': 'Azure',
};

// Any title-cased name before "revenue" is a segment too ("Server Products and Cloud Services
// revenue", "Family of Apps revenue"): names are written in capitals, ordinary words are not.
const NAMED =
  /\b((?:[A-Z][\w&-]*|of|and|&)(?:\s+(?:[A-Z][\w&-]*|of|and|&)){0,5})(?:\s+(?:segment|unit|business|division|group))?\s+(?:revenue|revenues|sales)\b/g;
const NOT_A_SEGMENT =
  /^(?:the|its|their|segments?|total|net|gross|quarterly|annual|record|fiscal|full|first|second|third|fourth|Q[1-4]|FY\d*|GAAP|non|adjusted|company|group|overall|AI|and|of|&|\d+)$/i;

function namedSegments(body: string, entityNames: (w: string) => boolean): { index: number; name: string }[] {
  const out: { index: number; name: string }[] = [];
  for (const m of body.matchAll(NAMED)) {
    // A name that is itself an entity ("Amazon Web Services revenue") is the subject, not a segment of it.
    if (entityNames(m[1])) continue;
    const words = m[1].split(/\s+/);
    while (words.length && (NOT_A_SEGMENT.test(words[0]) || entityNames(words[0]))) words.shift();
    while (words.length && /^(?:and|of|&)$/i.test(words.at(-1)!)) words.pop();
    if (words.length && !words.every((w) => NOT_A_SEGMENT.test(w)))
      out.push({ index: m.index + m[1].indexOf(words[0]), name: words.join(' ') });
  }
  return out;
}

/** The segment nearest before the figure at `at` in its clause (else after it), lower-cased; null when none. */
export function segmentOf(
  text: string,
  clause: Span,
  at: number,
  isEntityWord: (w: string) => boolean = () => false,
): string | null {
  const body = text.slice(clause.start, clause.end);
  const known = [...body.matchAll(BEFORE), ...body.matchAll(AFTER), ...body.matchAll(NAMED_UNIT)].map((m) => ({
    pos: clause.start + m.index,
    name: normalise(m[1]),
  }));
  const named = namedSegments(body, isEntityWord).map((m) => ({
    pos: clause.start + m.index,
    name: normalise(m.name),
  }));
  // "Google Cloud, the enterprise business that provides …, reported": an appositive describes who, it names no segment.
  const appositive = (f: { pos: number }) => /,\s*(?:the|an?|its)\s+$/i.test(text.slice(Math.max(0, f.pos - 8), f.pos));
  const found = [...known, ...named.filter((n) => !known.some((k) => Math.abs(k.pos - n.pos) < 30))].filter(
    (f) => !appositive(f),
  );
  if (found.length === 0) return null;
  const before = found.filter((f) => f.pos < at).sort((a, b) => b.pos - a.pos)[0];
  if (before) return before.name;
  // "revenue rose 50% to $3.86 billion, led by growth in the data center business": a segment named
  // as the cause of a total's move is not the figure's segment.
  const after = found.sort((a, b) => a.pos - b.pos).find((f) => !CAUSE.test(text.slice(at, f.pos)));
  return after?.name ?? null;
}

const CAUSE =
  /\b(?:led|driven|fu?ell?ed|powered|boosted|propelled|helped|lifted|supported)\s+(?:\w+\s+)?by\b|\b(?:thanks|due|owing)\s+to\b|\bon the back of\b|\bbecause of\b|\bamid\b/i;

function normalise(name: string): string {
  const n = name
    .toLowerCase()
    .replace(/-/g, ' ')
    .replace('centre', 'center')
    .replace(/^datacenter$/, 'data center');
  return n === 'ad' || n === 'ads' ? 'advertising' : n === 'auto' ? 'automotive' : n;
}

// "The data center segment, which …, was the star performer.", a heading "Data Center Segment".
const OPENS_ON_UNIT = new RegExp(`^\\W*(?:the\\s+|its\\s+)?(${NAMES})\\s+(?:segment|unit|business|division)\\b`, 'i');

/** The segment a sentence (or heading) opens on, lower-cased; null when it opens otherwise. */
export function openingSegment(text: string, span: Span): string | null {
  const m = OPENS_ON_UNIT.exec(text.slice(span.start, span.end));
  return m ? normalise(m[1]) : null;
}
