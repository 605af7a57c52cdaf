import { periodKey } from './compare.ts';
import { ENTITY_ALIASES } from './extract/aliases.ts';

/**
 * Which figure a claim is about: subject + measure + period, each normalised so that different
 * writers' wording of the same figure meets in one ledger entry.
 * - Known entities (the alias table's canonical names) are kept as they are.
 * - Descriptive subjects ("Cloud AI Infrastructure Spend", "AI Cloud Infrastructure") fold to a
 *   sorted set of their content words, without generic words (spend, market, revenue …) and
 *   without examples in parentheses.
 * - A growth rate of a market segment is one measure whether the writer called it spend or
 *   revenue (for a market, customers' spend is suppliers' revenue); a company's capex growth and
 *   revenue growth stay apart.
 * - A growth rate "in 2023" is the year-over-year growth in 2023: "2023" and "2023 YoY" meet.
 * - A change written as a multiple ("doubled", "10x cheaper") is the same measure as one written
 *   in percent ("up 100%", "down 90%"): compare.ts puts both on one scale.
 * - Plural and singular subject words meet ("hyperscalers" = "Hyperscaler", "labs" = "lab").
 */
export type FigureKey = { subjectKey: string; measure: string; periodKey: string };
export type Keyable = { subject: string | null; metric: string; unit: string; direction: string | null; period: string | null };

const ENTITIES = new Set(Object.keys(ENTITY_ALIASES).map((e) => e.toLowerCase()));
const GENERIC = new Set('the a an of for and spend spending market markets segment sector revenue revenues sales industry global total'.split(' '));
const SEGMENT_GROWTH = new Set(['capex', 'revenue_growth', 'revenue']);

export function figureKey(c: Keyable): FigureKey | null {
  if (!c.subject) return null;
  const entity = ENTITIES.has(c.subject.toLowerCase());
  const growth = (c.unit === 'percent' || c.unit === 'ratio') && c.direction !== null;
  return {
    subjectKey: entity ? c.subject.toLowerCase() : subjectWords(c.subject),
    measure: !entity && growth && SEGMENT_GROWTH.has(c.metric) ? 'growth' : c.metric,
    periodKey: growth ? periodKey(c.period).replace(/\s*\byoy\b\s*/g, ' ').trim() : periodKey(c.period),
  };
}

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
