import { and, eq } from 'drizzle-orm';
import { figures } from '../claims/claims.sql.ts';
import { comparableOf } from '../claims/compare.ts';
import { extractClaims } from '../claims/extract/extract.ts';
import type { Claim } from '../claims/extract/types.ts';
import { canonicalEntity } from '../claims/entities.ts';
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
  /**
   * Who the thread is about, nearest first (the parent comments' figures, the story's figures, its
   * title): tried before a comment's own wording unless that names a known entity, so "Honestly
   * capex is up 90%" is about the story's company, not about "Honestly".
   */
  threadSubjects?: string[];
  /** When the comment is said: relative periods ("this year") resolve against it. */
  now?: Date;
};

export async function checkText(db: Db, text: string, options: CheckOptions = {}): Promise<FigureCheck[]> {
  const links = linksIn(text);
  const now = options.now ?? new Date();
  const checks: FigureCheck[] = [];
  for (const found of extractClaims(text, { kind: 'comment' })) {
    const { claim, key, candidates } = await attribute(db, found, options.threadSubjects ?? [], now);
    const evidenceUrl = evidenceFor(text, links, claim.start);
    const match = matchFigure(comparableOf(claim), candidates);
    const outcome: CheckOutcome = !key
      ? 'unattributed'
      : match.outcome !== 'unsourced'
        ? match.outcome
        : evidenceUrl
          ? 'cited'
          : 'unsourced';
    checks.push({
      claim,
      key,
      outcome,
      support: match.support,
      conflicts: match.conflicts,
      byEstimate: match.byEstimate,
      evidenceUrl,
    });
  }
  return checks;
}

/** The first subject candidate under which articles state this measure; else the best guess. */
async function attribute(db: Db, found: Claim, thread: string[], now: Date) {
  const own = found.subject;
  const ownEntity = own !== null && canonicalEntity(own) !== null;
  const subjects = [...new Set([...(ownEntity ? [own] : []), ...thread, ...(own && !ownEntity ? [own] : [])])];
  for (const subject of subjects) {
    const claim = { ...found, subject };
    const key = figureKey(claim, now);
    const candidates = key ? await articleClaimsOf(db, key) : [];
    if (candidates.length) return { claim, key, candidates };
  }
  const claim = { ...found, subject: ownEntity ? own : (thread[0] ?? own) };
  return { claim, key: figureKey(claim, now), candidates: [] as Ledger.LedgerClaim[] };
}

/**
 * Article claims of this subject and measure: those of the same resolved period (and undated ones)
 * when the comment names a period, else of every period; undated article values never conflict.
 */
async function articleClaimsOf(db: Db, key: FigureKey): Promise<Ledger.LedgerClaim[]> {
  const rows = await db
    .select({ figureId: figures.figureId })
    .from(figures)
    .where(and(eq(figures.subjectKey, key.subjectKey), eq(figures.measure, key.measure)));
  const all = await Ledger.articleClaimsOfFigures(
    db,
    rows.map((r) => r.figureId),
  );
  if (key.timing !== 'interval') return all;
  return all.filter((c) => c.timeKey === key.periodKey || c.timeKind === 'undated');
}
