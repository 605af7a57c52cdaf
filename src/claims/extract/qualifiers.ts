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
const FORECAST = /\b(?:guidance|guided|outlook|forecasts?|forecasted|expects?|expected|expecting|expectations?|projects?|projected|projections?|anticipat\w+|consensus|analysts?|estimates?|estimated|predict\w*|targets?|sees|will|would|could|should|on track)\b/i;

const BEATEN = /\b(?:than|beat\w*|exceed\w*|top\w*|above|ahead of|surpass\w*|better|below|miss\w*|short of|compared with|versus|vs\.?)\s+(?:\S+\s+){0,3}$/i;

/**
 * True when a forecast word governs the figure: it stands at most a few words before it ("an
 * outlook of $28 billion", "expects revenue of $32.5 billion") and is not the yardstick an actual
 * is measured against ("beat expectations with $30 billion"); or a forecast word follows it.
 */
export function isForecast(text: string, clause: Span, figure: Span): boolean {
  const before = text.slice(Math.max(clause.start, figure.start - 45), figure.start);
  const cue = [...before.matchAll(new RegExp(FORECAST.source, 'gi'))].at(-1);
  if (cue && !/[\d,;]/.test(before.slice(cue.index)) && !BEATEN.test(before.slice(0, cue.index))) return true;
  const after = text.slice(figure.end, Math.min(clause.end, figure.end + 25));
  return /^\s*(?:\(|,)?\s*(?:expected|forecast|projected|estimated|est\.)/i.test(after);
}

/** The measure word nearest an "other" figure in its clause, before it preferred; null when none. */
export function measureWord(text: string, clause: Span, figure: Span): string | null {
  const hits = cueHits(text, clause.start, clause.end).filter((h) => h.end <= figure.start || h.start >= figure.end);
  if (hits.length === 0) return null;
  const distance = (h: Span) => (h.end <= figure.start ? figure.start - h.end : 1.5 * (h.start - figure.end));
  const best = hits.sort((a, b) => distance(a) - distance(b))[0];
  return text.slice(best.start, best.end).toLowerCase().replace(/\s+/g, ' ');
}

/** "Nvidia" + "forecast" → "Nvidia (forecast)"; "Nvidia (data center)" + "forecast" → "Nvidia (data center, forecast)". */
export function qualify(subject: string, qualifier: string): string {
  const open = /\(([^()]*)\)\s*$/.exec(subject);
  return open ? `${subject.slice(0, open.index)}(${open[1]}, ${qualifier})` : `${subject} (${qualifier})`;
}
