import { and, asc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import { claims } from '../claims/claims.sql.ts';
import type { StoredClaim } from '../claims/ledger.ts';
import type { Db } from '../db/client.ts';
import { comments } from '../discussion/comments.sql.ts';
import { claimChecks, type CheckOutcome } from './crosscheck.sql.ts';
import * as FigureStatus from './figure-status.ts';

/** A figure as stated in a comment, with how its check came out and its figure's review status. */
export type CommentFigure = StoredClaim & {
  commentId: number;
  outcome: CheckOutcome | null;
  evidenceUrl: string | null;
  status: FigureStatus.FigureStatus;
  statusReason: string | null;
};

/** The figures of these comments (the thread on a page), keyed by comment id; removed comments have none. */
export async function figuresOfComments(db: Db, commentIds: number[]): Promise<Map<number, CommentFigure[]>> {
  if (commentIds.length === 0) return new Map();
  return group(await query(db, inArray(claims.commentId, commentIds)));
}

/** Every figure stated in a story's discussion, oldest first. */
export async function figuresOfDiscussion(db: Db, storyId: number): Promise<CommentFigure[]> {
  return query(db, eq(comments.storyId, storyId));
}

async function query(db: Db, where: ReturnType<typeof eq>): Promise<CommentFigure[]> {
  const rows = await db
    .select({ claim: claims, outcome: claimChecks.outcome, evidenceUrl: claimChecks.evidenceUrl })
    .from(claims)
    .innerJoin(comments, eq(comments.commentId, claims.commentId))
    .leftJoin(claimChecks, eq(claimChecks.claimId, claims.claimId))
    .where(and(where, isNotNull(claims.commentId), isNull(comments.deletedAt)))
    .orderBy(asc(claims.statedAt), asc(claims.startOffset));
  const statuses = await FigureStatus.statusesOf(
    db,
    rows.flatMap((r) => (r.claim.figureId ? [r.claim.figureId] : [])),
  );
  return rows.map((r) => {
    const s = r.claim.figureId ? statuses.get(r.claim.figureId) : undefined;
    return {
      ...r.claim,
      commentId: r.claim.commentId!,
      outcome: r.outcome,
      evidenceUrl: r.evidenceUrl,
      status: s?.status ?? 'unreviewed',
      statusReason: s?.change?.reason ?? null,
    };
  });
}

function group(list: CommentFigure[]): Map<number, CommentFigure[]> {
  const out = new Map<number, CommentFigure[]>();
  for (const f of list) out.set(f.commentId, [...(out.get(f.commentId) ?? []), f]);
  return out;
}
