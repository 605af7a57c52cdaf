import type { FigureContext, Mention } from './types.ts';

// Approximators count only right before the figure ("roughly 60 percent", "dropped roughly 90%").
const APPROXIMATOR =
  /\b(?:about|around|roughly|nearly|almost|approximately|approx\.|some|circa|ca\.|an estimated|estimated|est\.|close to|upwards of|in the region of|on the order of)\s+(?:\S+\s+){0,1}$/i;
// Modal and reporting words make every later figure of their clause unrealised or unconfirmed.
const MODAL = new RegExp(
  '\\b(?:reportedly|rumou?red|rumou?rs?|projected|projects?|projections?|expected|expects?|expecting|' +
    'forecasts?|forecasted|forecasting|guidance|guided|targets?|targeted|targeting|plans?|planned|planning|' +
    'could|might|would|will|likely|predicts?|predicted|predicting|predictions?|anticipat\\w*|potentially|' +
    'possibly|perhaps|claims?|claimed|claiming|allegedly|supposedly|believed|speculat\\w*|if|unless|' +
    "assum\\w*|estimates?|estimating|aims?|aiming|intends?|intending|hopes?|hoping|seeks?|seeking|on track|set to|'ll)\\b",
  'i',
);
const BASELINE = /\b(?:from|versus|vs\.?|compared (?:with|to))\s+(?:\S+\s+)?$/i;
const MAY = /\bmay\b/; // lowercase only: "May 2024" is a month
const AFTER = /^\s*\(?\s*(?:est\.?|estimated|e|projected|proj\.|expected|forecast|target|guidance|rumou?red)\b/i;
const HEADER = /\b(?:estimated|est\.?|projected|projection|forecasts?|expected|target|guidance|rumou?red)\b/i;

/** True for estimates, approximations and unrealised figures (LABELS.md `hedged`). */
export function isHedged(m: Mention, ctx: FigureContext): boolean {
  if (m.approx) return true;
  const quote = ctx.text.slice(m.start, m.end);
  if (/\((?:est\.?|estimated|projected|proj\.|expected|forecast|e)\)/i.test(quote)) return true;
  const lead = ctx.text.slice(ctx.clause.start, m.start);
  if (APPROXIMATOR.test(lead)) return true;
  // "could reach 9% by 2030, up from 4% today": the starting point of a forecast is realised.
  if (!BASELINE.test(lead) && (MODAL.test(lead) || MAY.test(lead))) return true;
  if (AFTER.test(ctx.text.slice(m.end, Math.min(ctx.clause.end, m.end + 20)))) return true;
  return ctx.table !== null && HEADER.test(ctx.table.header);
}
