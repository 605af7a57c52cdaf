import { cueHits } from './metric-cues.ts';
import type { Span } from './types.ts';

/**
 * Qualifiers that make one subject's figures different quantities, written as LABELS.md writes
 * them, in parentheses after the entity ("Nvidia (data center)", "TSMC (net income)"):
 * - a forecast is not the result: guidance, an outlook, analysts' consensus ("expects revenue of
 *   $32.5 billion" next to "revenue was $30 billion");
 * - an "other" figure is named by the measure word nearest it ("net income of NT$452 billion"),
 *   since "other" alone lumps every unrelated figure of a company together.
 */
const FORECAST =
  /\b(?:guidance|guided|outlook|forecasts?|forecasted|expects?|expected|expecting|expectations?|projects?|projected|projections?|anticipat\w+|consensus|analysts?|estimates?|estimated|predict\w*|targets?|sees|will|would|could|should|on track)\b/i;

// Words that report an actual result between a forecast word and the figure ("beat estimates, reporting $30 billion").
const ACTUAL =
  /\b(?:with|reporting|reported|posting|posted|delivering|delivered|generat\w+|record\w*|came in|totall?ed|reached|hit|was|were|rose|grew|jumped|climbed|fell|declined)\b/i;

/**
 * True when a forecast word governs the figure: it stands at most a few words before it ("an
 * outlook of $28 billion", "ahead of the consensus estimate of $46.1 billion") with no actual
 * result reported in between ("beat expectations with $30 billion"); or one follows it.
 */
export function isForecast(text: string, clause: Span, figure: Span): boolean {
  const before = text.slice(Math.max(clause.start, figure.start - 45), figure.start);
  const cue = [...before.matchAll(new RegExp(FORECAST.source, 'gi'))].at(-1);
  const between = cue ? before.slice(cue.index + cue[0].length) : '';
  if (cue && !/[\d,;]/.test(between) && !ACTUAL.test(between)) return true;
  const after = text.slice(figure.end, Math.min(clause.end, figure.end + 25));
  // "the $41.3 billion analysts had expected": the figure someone else expected.
  return /^\s*(?:\(|,)?\s*(?:(?:that\s+)?(?:analysts|wall street|the street|investors|economists)\s+(?:had\s+|have\s+)?)?(?:expected|forecast|projected|estimated|est\.)/i.test(
    after,
  );
}

/** A revenue run rate (annualised) is a level, not the period's revenue. */
export const isRunRate = (text: string, clause: Span, figure: Span) =>
  /\b(?:run[- ]rate|annuali[sz]ed|annual recurring|ARR)\b/i.test(
    text.slice(Math.max(clause.start, figure.start - 40), Math.min(clause.end, figure.end + 30)),
  );

/**
 * What an "other" figure measures, by the topic of the cue word nearest it in its clause (before
 * it preferred): "net income" and "profit" are both `profit`, "worth" and "valued" `valuation`;
 * null when no cue is near.
 */
export function measureWord(text: string, clause: Span, figure: Span): string | null {
  // A cue after the figure names it ("$6.6 billion in operating income") unless it opens the next
  // item of a list ("$29.3 billion and operating income rising 22%", "… and delivered $6.6 billion in operating income").
  // A bracketed conversion between ("NT$452.3 billion ($13.9 billion) in net income") is no next item.
  const ownsAfter = (h: Span) => !NEXT_ITEM.test(text.slice(figure.end, h.start).replace(/\([^()]*\)/g, ' '));
  const hits = cueHits(text, clause.start, clause.end).filter(
    (h) => h.end <= figure.start || (h.start >= figure.end && ownsAfter(h)),
  );
  if (hits.length === 0) return null;
  const distance = (h: Span) => (h.end <= figure.start ? figure.start - h.end : 1.5 * (h.start - figure.end));
  const best = hits.sort((a, b) => distance(a) - distance(b))[0];
  // Earnings per share is not the company's profit.
  return best.topic === 'profit' && /^(?:EPS|earnings per share)$/i.test(text.slice(best.start, best.end))
    ? 'per share'
    : best.topic;
}

const NEXT_ITEM = /^[^.;]*?(?:\band\b|\bwhile\b|\bbut\b|\bwhereas\b|\d)/i;

/** "Nvidia" + "forecast" → "Nvidia (forecast)"; "Nvidia (data center)" + "forecast" → "Nvidia (data center, forecast)". */
export function qualify(subject: string, qualifier: string): string {
  const open = /\(([^()]*)\)\s*$/.exec(subject);
  return open ? `${subject.slice(0, open.index)}(${open[1]}, ${qualifier})` : `${subject} (${qualifier})`;
}
