import { canonicalEntity, isEntity } from './entities.ts';
import { VENTURE_LEADS } from './extract/aliases.ts';
import { asOfDate, resolveTime, timeKey, type ResolvedTime } from './time.ts';

/**
 * Which figure a claim is about: canonical subject + measure + resolved time. What "the same
 * time" means depends on the kind of quantity:
 * - flows (revenue, capex) and growth rates are measured over a period: they meet only when their
 *   resolved intervals are the same months (and, for growth, the same basis: "2023" = "2023 YoY");
 * - levels (a valuation, a GPU count, a price, users) are measured at an instant: they meet when
 *   their as-of dates lie within a window of each other, or further apart when the value is the
 *   same (a restatement); a model's training cost, compute and size are timeless (ledger.ts);
 * - a flow or growth rate stated with no period is "undated": it is filed beside the latest
 *   figure of its subject and measure, but never takes part in a verdict (compare.ts).
 * Subjects: known entities by canonical name (Alphabet = Google); descriptive subjects ("Cloud AI
 * Infrastructure Spend") fold to a sorted set of their content words. A growth rate of a market
 * segment is one measure whether the writer called it spend or revenue.
 */
export type Timing = 'interval' | 'asof' | 'stated' | 'undated';
/** Levels (a valuation, a GPU count) stated within this many days of each other are one figure (default of LEDGER_LEVEL_WINDOW_DAYS). */
export const LEVEL_WINDOW_DAYS = 30;
/** A level stated again with the same value up to this many days later (or earlier) is the same figure restated (ledger.ts). */
export const RESTATEMENT_DAYS = 183;
/** A model's properties do not change with time: one figure per model whenever stated (a change of them is its own measure). */
export const TIMELESS_MEASURES = new Set(['training_cost', 'training_compute', 'parameters']);
export type FigureKey = { subjectKey: string; measure: string; periodKey: string; timing: Timing; asOf: string };
export type Keyable = {
  subject: string | null;
  metric: string;
  unit: string;
  direction: string | null;
  period: string | null;
};

const GENERIC = new Set(
  'the a an of for and spend spending market markets segment sector revenue revenues sales industry global total'.split(
    ' ',
  ),
);
const SEGMENT_GROWTH = new Set(['capex', 'revenue_growth', 'revenue']);
const FLOWS = new Set(['revenue', 'capex']);
/** An "other" figure named by a flow's measure word ("TSMC (profit)": net income, losses) is a flow too. */
const FLOW_WORDS = /\b(?:profit|revenue|capex)\b/;

export const isGrowth = (c: Pick<Keyable, 'unit' | 'direction' | 'metric'>) =>
  ((c.unit === 'percent' || c.unit === 'ratio') && c.direction !== null) ||
  c.metric === 'revenue_growth' ||
  c.metric === 'price_change';

/** Measures an "other" figure can be named by in words (a valuation in euros): qualifier.ts's topics that are metrics. */
const NAMED_MEASURES = new Set(['valuation', 'funding', 'revenue', 'capex']);

export function figureKey(c: Keyable, statedAt: Date): FigureKey | null {
  if (!c.subject) return null;
  // "Mistral AI (valuation)" at €5.8 billion is Mistral AI's valuation, stated in another currency:
  // one figure with the dollar statements (compare.ts compares only values in the same unit).
  const named = c.metric === 'other' ? /^(.*?)\s*\(([^()]*)\)\s*$/.exec(c.subject) : null;
  const parts = named?.[2].split(',').map((p) => p.trim().toLowerCase()) ?? [];
  if (named && NAMED_MEASURES.has(parts.at(-1)!)) {
    const rest = parts.slice(0, -1);
    return figureKey(
      { ...c, metric: parts.at(-1)!, subject: rest.length ? `${named[1]} (${rest.join(', ')})` : named[1] },
      statedAt,
    );
  }
  const entity = canonicalEntity(c.subject);
  const growth = isGrowth(c);
  const time = resolveTime(c.period, { statedAt, entity });
  const overPeriod = growth || FLOWS.has(c.metric) || (c.metric === 'other' && FLOW_WORDS.test(qualifier(c.subject)));
  // A comparison base ("valued at $500 billion, up from $300 billion earlier", "up from $40.3
  // billion a year ago") at an earlier time the text does not give: filing it at publication, or
  // beside the latest period, would make it a rival value.
  if (time.kind === 'undated' && /\b(?:earlier|year-ago|quarter-ago)$/.test(c.period ?? '')) return null;
  const timing = timingOf(time, overPeriod, statedAt);
  const basis = growth && time.basis ? ` ${time.basis}` : '';
  return {
    subjectKey: entity ? entityKey(entity, c.subject) : subjectWords(c.subject),
    measure: measureOf(c),
    periodKey: timing === 'interval' ? `${timeKey(time)}${growth && time.basis === 'qoq' ? basis : ''}` : '',
    timing,
    asOf: asOfDate(time, statedAt),
  };
}

/** Qualifiers written after the entity ("Nvidia (data center, forecast)") are part of the identity. */
const qualifier = (subject: string) => {
  const q = /\(([^)]+)\)\s*$/.exec(subject)?.[1].trim().toLowerCase().replace(/\s+/g, ' ');
  return q ? ` (${q})` : '';
};

/**
 * The measure a claim is filed and shown under: its metric; a change of a level is "<metric>
 * growth", except that a market segment's growth is one measure ("growth") whether the writer
 * called it spend or revenue. Chips, lists and figure
 * pages all name the measure through this, so one figure has one name everywhere.
 */
export function measureOf(c: Pick<Keyable, 'subject' | 'metric' | 'unit' | 'direction'>): string {
  if (!isGrowth(c)) return c.metric;
  const entity = c.subject ? canonicalEntity(c.subject) : null;
  if (!entity && SEGMENT_GROWTH.has(c.metric)) return 'growth';
  // A change of a level ("capex up 50%") is not the level ("capex of $80 billion"): its own measure.
  return c.metric === 'revenue_growth' || c.metric === 'price_change' ? c.metric : `${c.metric}_growth`;
}

/**
 * A deal's figure belongs to both parties: "OpenAI (with Nvidia)" and "Nvidia (with OpenAI)" are
 * one figure, keyed by the pair.
 */
function entityKey(written: string, subject: string): string {
  const entity = VENTURE_LEADS[written] ?? written;
  const q = qualifier(subject);
  // The partner as written: some names are only names in their own case ("Oracle", not "oracle").
  const partner = /\(with ([^,)]+)\)\s*$/.exec(subject)?.[1].trim();
  const named = partner ? canonicalEntity(partner) : null;
  const other = named ? (VENTURE_LEADS[named] ?? named) : null;
  if (other === entity) return entity.toLowerCase();
  return other ? `${[entity.toLowerCase(), other.toLowerCase()].sort().join(' + ')} (deal)` : entity.toLowerCase() + q;
}

/**
 * A level dated by a month ("the $380 billion valuation in February") is as of that month; a
 * quarter or a year makes even a level-like measure a quantity over the period (GPUs shipped in
 * 2023, market share in Q2).
 */
/**
 * A level stated over a span that starts when it is said ("a $17.4 billion contract over the next
 * five years", "$600 billion over four years") is a total known at that moment: as of the statement.
 */
function timingOf(time: ResolvedTime, overPeriod: boolean, statedAt: Date): Timing {
  const startsNow = time.kind === 'interval' && time.start === statedAt.toISOString().slice(0, 7);
  if (time.kind === 'interval') return overPeriod || (time.start !== time.end && !startsNow) ? 'interval' : 'asof';
  if (time.kind === 'asof') return 'asof';
  return overPeriod ? 'undated' : 'stated';
}

/** True when the subject names a known entity (not a descriptive phrase). */
export const namesEntity = (subject: string | null) => !!subject && isEntity(subject);

function subjectWords(subject: string): string {
  const words = subject
    .toLowerCase()
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .split(' ')
    .filter((w) => w && !GENERIC.has(w))
    .map(singular);
  return [...new Set(words)].sort().join(' ') || subject.toLowerCase();
}

/** "labs" → "lab", "GPUs" → "gpu"; leaves "business", "status", "analysis" and short words alone. */
function singular(word: string): string {
  return word.length > 3 && /[^su]s$/.test(word) && !/(?:ss|is|us)$/.test(word) ? word.slice(0, -1) : word;
}
