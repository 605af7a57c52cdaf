import { compare, type ComparableClaim } from '../claims/compare.ts';

/**
 * How one figure from a comment stands against the ledger's article claims of the same figure
 * (same subject and measure, see figure-key.ts). Pure.
 *
 * - Values are compared by compare.ts after normalisation, so the same figure in another unit or
 *   scale counts ("$0.03 per 1K tokens" supports "$30 per 1M tokens"; "10x cheaper" supports
 *   "down 90%").
 * - Periods are chosen by the caller (check.ts): a comment that names a period is checked against
 *   that period only; one that names none ("capex is up 50%") against every period of the figure,
 *   so it is supported when any period agrees, and conflicts only when none does.
 * - Hedges: when either side is hedged ("roughly 90%", "45% (projected)") the tolerance widens
 *   from 10 % to 25 % — so a hedged figure is supported more easily and contradicted less
 *   easily. An unhedged source is preferred as the supporting quote; support that rests only on
 *   hedged sources is shown as "supported by an estimate". A hedge never excuses a missing
 *   source: a hedged figure nobody states is unsourced like any other.
 */
export type Candidate = ComparableClaim & { claimId: number; statedAt: Date };
export type MatchOutcome = 'supported' | 'conflicts' | 'unsourced';
export type Match<C extends Candidate> = { outcome: MatchOutcome; support: C[]; conflicts: C[]; byEstimate: boolean };

export function matchFigure<C extends Candidate>(claim: ComparableClaim, candidates: C[]): Match<C> {
  const support = candidates.filter((c) => compare(claim, c) === 'agree').sort(strongestFirst);
  const conflicts = candidates.filter((c) => compare(claim, c) === 'conflict').sort(strongestFirst);
  const outcome: MatchOutcome = support.length ? 'supported' : conflicts.length ? 'conflicts' : 'unsourced';
  return { outcome, support, conflicts, byEstimate: support.length > 0 && support.every((c) => c.hedged) };
}

/** Unhedged before hedged, then who said it first. */
function strongestFirst(a: Candidate, b: Candidate): number {
  return Number(a.hedged) - Number(b.hedged) || a.statedAt.getTime() - b.statedAt.getTime() || a.claimId - b.claimId;
}
