import { and, asc, eq, isNotNull, isNull } from 'drizzle-orm';
import { claims } from '../claims/claims.sql.ts';
import type { Db } from '../db/client.ts';
import { comments } from '../discussion/comments.sql.ts';
import { claimChecks } from './crosscheck.sql.ts';
import * as FigureStatus from './figure-status.ts';
import * as Notices from './notices.ts';
import * as Stances from './stances.ts';

export type Citation = { commentId: number; claimId: number; quote: string; url: string };

/** Everything the figure page shows beside the ledger: status and its history, stances, citations, the viewer's watch. */
export type FigureReview = {
  status: FigureStatus.CurrentStatus;
  history: FigureStatus.StatusChangeView[];
  stances: Stances.StanceView[];
  counts: Stances.StanceCounts;
  citations: Citation[];
  /** null for anonymous readers. */
  watching: boolean | null;
};

export async function reviewOf(db: Db, figureId: number, viewerId: number | null): Promise<FigureReview> {
  const [status, history, stances, citations, watching] = await Promise.all([
    FigureStatus.statusOf(db, figureId),
    FigureStatus.history(db, figureId),
    Stances.ofFigure(db, figureId),
    citationsOf(db, figureId),
    viewerId === null ? Promise.resolve(null) : Notices.isWatching(db, viewerId, figureId),
  ]);
  return { status, history, stances, counts: Stances.countStances(stances), citations, watching };
}

/** Links commenters gave for this figure, in comments that are still up. */
async function citationsOf(db: Db, figureId: number): Promise<Citation[]> {
  const rows = await db
    .select({ commentId: claims.commentId, claimId: claims.claimId, quote: claims.quote, url: claimChecks.evidenceUrl })
    .from(claims)
    .innerJoin(claimChecks, eq(claimChecks.claimId, claims.claimId))
    .innerJoin(comments, eq(comments.commentId, claims.commentId))
    .where(and(eq(claims.figureId, figureId), isNotNull(claimChecks.evidenceUrl), isNull(comments.deletedAt)))
    .orderBy(asc(claims.statedAt));
  return rows.map((r) => ({ commentId: r.commentId!, claimId: r.claimId, quote: r.quote, url: r.url! }));
}
