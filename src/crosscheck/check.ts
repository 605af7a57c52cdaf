import { and, eq } from 'drizzle-orm';
import { figures } from '../claims/claims.sql.ts';
import { extractClaims } from '../claims/extract/extract.ts';
import type { Claim } from '../claims/extract/types.ts';
import { figureKey, type FigureKey } from '../claims/figure-key.ts';
import * as Ledger from '../claims/ledger.ts';
import type { Db } from '../db/client.ts';
import type { CheckOutcome } from './crosscheck.sql.ts';
import { evidenceFor, linksIn } from './evidence.ts';
import { matchFigure } from './match.ts';

/**
 * A comment's figures checked against the ledger (see match.ts for the rules):
 * - supported: an article states the same figure (in any unit or scale) within tolerance;
 * - conflicts: articles state it, and none agrees;
 * - cited: no article states it, but the comment links a source for it;
 * - unsourced: neither — the figure is marked unsupported and enters the moderators' queue;
 * - unattributed: nobody is named (not even by the thread), so it cannot be looked up.
 */
export type FigureCheck = {
  claim: Claim;
  key: FigureKey | null;
  outcome: CheckOutcome;
  support: Ledger.LedgerClaim[];
  conflicts: Ledger.LedgerClaim[];
  /** Support rests only on hedged sources (estimates, projections). */
  byEstimate: boolean;
  evidenceUrl: string | null;
};

export type CheckOptions = {
  /** Who the thread is about, for figures whose own sentence names nobody ("capex is up 50%"). */
  fallbackSubject?: string | null;
};

export async function checkText(db: Db, text: string, options: CheckOptions = {}): Promise<FigureCheck[]> {
  const links = linksIn(text);
  const found = extractClaims(text, { kind: 'comment' }).map((c) => (c.subject ? c : { ...c, subject: options.fallbackSubject ?? null }));
  const checks: FigureCheck[] = [];
  for (const claim of found) {
    const key = figureKey(claim);
    const evidenceUrl = evidenceFor(text, links, claim.start);
    const candidates = key ? await articleClaimsOf(db, key, claim.period) : [];
    const match = matchFigure(comparable(claim), candidates);
    const outcome: CheckOutcome = !key ? 'unattributed' : match.outcome !== 'unsourced' ? match.outcome : evidenceUrl ? 'cited' : 'unsourced';
    checks.push({ claim, key, outcome, support: match.support, conflicts: match.conflicts, byEstimate: match.byEstimate, evidenceUrl });
  }
  return checks;
}

const comparable = (c: Claim) => ({ value: c.value, valueHigh: c.value_high, unit: c.unit, per: c.per, direction: c.direction, hedged: c.hedged });

/** Article claims of the figure with this subject and measure: of its period when one is named, else of every period. */
async function articleClaimsOf(db: Db, key: FigureKey, period: string | null): Promise<Ledger.LedgerClaim[]> {
  const rows = await db
    .select({ figureId: figures.figureId, periodKey: figures.periodKey })
    .from(figures)
    .where(and(eq(figures.subjectKey, key.subjectKey), eq(figures.measure, key.measure)));
  const wanted = period ? rows.filter((r) => r.periodKey === key.periodKey) : rows;
  const out: Ledger.LedgerClaim[] = [];
  for (const { figureId } of wanted) {
    const found = await Ledger.figureById(db, figureId);
    if (found) out.push(...found.claims.filter((c) => c.source.kind === 'article'));
  }
  return out;
}
