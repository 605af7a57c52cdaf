import { and, asc, desc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import { publicName, type CurrentUser } from '../accounts/accounts.ts';
import { users } from '../accounts/accounts.sql.ts';
import { articles } from '../articles/articles.sql.ts';
import { claims, figures } from '../claims/claims.sql.ts';
import { METRIC_LABELS } from '../claims/format.ts';
import type { Db } from '../db/client.ts';
import { inTransaction } from '../db/sql.ts';
import { AppError } from '../errors.ts';
import { invalidInput } from '../input-error.ts';
import * as Comments from '../discussion/comments.ts';
import { comments } from '../discussion/comments.sql.ts';
import { recordCommentFigures } from './comment-figures.ts';
import { figureStances, STANCES, type FigureStance, type Stance } from './crosscheck.sql.ts';
import { isHttpUrl } from './figure-status.ts';

export { STANCES, type Stance };

export const STANCE_LABELS: Record<Stance, string> = {
  supports: 'supports',
  disputes: 'disputes',
  context: 'adds context',
};
export const MAX_EVIDENCE_QUOTE = 500;

export type StanceView = FigureStance & { username: string; commentDeleted: boolean };
export type StanceCounts = Record<Stance, number>;

/**
 * Takes a stance on a figure by replying in its thread: to `parentId` when given (a comment that
 * states the figure), else to the first comment that states it, else as a new comment on the
 * story of the first article that states it. The reply is posted and checked like any comment.
 */
export async function take(
  db: Db,
  input: {
    figureId: number;
    user: CurrentUser;
    stance: string;
    text: string;
    evidenceUrl: string | null;
    evidenceQuote: string | null;
    parentId: number | null;
    now: Date;
  },
): Promise<{ stance: FigureStance; commentId: number }> {
  if (!(STANCES as readonly string[]).includes(input.stance))
    throw invalidInput('Choose whether your reply supports, disputes or adds context to the figure.');
  if (input.evidenceUrl && !isHttpUrl(input.evidenceUrl)) throw invalidInput('Evidence must be an http(s) link.');
  if ((input.evidenceQuote?.length ?? 0) > MAX_EVIDENCE_QUOTE)
    throw invalidInput(`Quote at most ${MAX_EVIDENCE_QUOTE} characters of the evidence.`);
  const [figure] = await db.select().from(figures).where(eq(figures.figureId, input.figureId));
  if (!figure) throw new AppError('not_found', 'No such figure.', { status: 404 });
  const place = await placeFor(db, input.figureId, input.parentId);
  const text =
    input.text.trim() ||
    defaultText(
      input.stance as Stance,
      `${figure.subject}'s ${METRIC_LABELS[figure.measure] ?? figure.measure}`,
      input.evidenceUrl,
      input.evidenceQuote,
    );
  return inTransaction(db, async (tx) => {
    const reply = await Comments.post(tx, {
      storyId: place.storyId,
      parentId: place.parentId,
      author: input.user,
      text,
      now: input.now,
    });
    await recordCommentFigures(tx, reply, { now: input.now });
    const [stance] = await tx
      .insert(figureStances)
      .values({
        figureId: input.figureId,
        commentId: reply.commentId,
        userId: input.user.userId,
        stance: input.stance as Stance,
        evidenceUrl: input.evidenceUrl || null,
        evidenceQuote: input.evidenceQuote?.trim() || null,
        createdAt: input.now,
      })
      .returning();
    return { stance, commentId: reply.commentId };
  });
}

function defaultText(stance: Stance, what: string, url: string | null, quote: string | null): string {
  const head =
    stance === 'supports'
      ? `This supports ${what}`
      : stance === 'disputes'
        ? `I dispute ${what}`
        : `Context on ${what}`;
  return `${head}${url ? `: ${url}` : '.'}${quote ? `\n\n> ${quote.trim()}` : ''}`;
}

async function placeFor(
  db: Db,
  figureId: number,
  parentId: number | null,
): Promise<{ storyId: number; parentId: number | null }> {
  if (parentId !== null) {
    const [parent] = await db
      .select({ storyId: comments.storyId, deletedAt: comments.deletedAt })
      .from(comments)
      .where(eq(comments.commentId, parentId));
    if (!parent || parent.deletedAt)
      throw invalidInput('The comment you are replying to was deleted.', { status: 409 });
    return { storyId: parent.storyId, parentId };
  }
  const [stated] = await db
    .select({ commentId: comments.commentId, storyId: comments.storyId })
    .from(claims)
    .innerJoin(comments, eq(comments.commentId, claims.commentId))
    .where(and(eq(claims.figureId, figureId), isNull(comments.deletedAt)))
    .orderBy(asc(claims.statedAt))
    .limit(1);
  if (stated) return { storyId: stated.storyId, parentId: stated.commentId };
  const [inArticle] = await db
    .select({ storyId: articles.storyId })
    .from(claims)
    .innerJoin(articles, eq(articles.articleId, claims.articleId))
    .where(and(eq(claims.figureId, figureId), isNotNull(articles.storyId)))
    .orderBy(asc(claims.statedAt))
    .limit(1);
  if (inArticle?.storyId) return { storyId: inArticle.storyId, parentId: null };
  throw invalidInput('This figure is in no story yet, so there is no thread to reply in.', { status: 409 });
}

/** A figure's stances, newest first, with who took them. */
export async function ofFigure(db: Db, figureId: number): Promise<StanceView[]> {
  const rows = await db
    .select({ s: figureStances, username: publicName, deletedAt: comments.deletedAt })
    .from(figureStances)
    .innerJoin(users, eq(users.userId, figureStances.userId))
    .innerJoin(comments, eq(comments.commentId, figureStances.commentId))
    .where(eq(figureStances.figureId, figureId))
    .orderBy(desc(figureStances.createdAt), desc(figureStances.stanceId));
  return rows.map((r) => ({ ...r.s, username: r.username, commentDeleted: r.deletedAt !== null }));
}

/** A stance as its reply shows it in the thread: on which figure, which way, with what evidence. */
export type CommentStance = Pick<FigureStance, 'figureId' | 'stance' | 'evidenceUrl' | 'evidenceQuote'> & {
  subject: string;
  measure: string;
  period: string | null;
};

/** The stances these comments were posted with (a stance reply is a comment), keyed by comment id. */
export async function ofComments(db: Db, commentIds: number[]): Promise<Map<number, CommentStance[]>> {
  const out = new Map<number, CommentStance[]>();
  if (commentIds.length === 0) return out;
  const rows = await db
    .select({
      commentId: figureStances.commentId,
      figureId: figureStances.figureId,
      stance: figureStances.stance,
      evidenceUrl: figureStances.evidenceUrl,
      evidenceQuote: figureStances.evidenceQuote,
      subject: figures.subject,
      measure: figures.measure,
      period: figures.period,
    })
    .from(figureStances)
    .innerJoin(figures, eq(figures.figureId, figureStances.figureId))
    .where(inArray(figureStances.commentId, commentIds))
    .orderBy(asc(figureStances.stanceId));
  for (const { commentId, ...stance } of rows) out.set(commentId, [...(out.get(commentId) ?? []), stance]);
  return out;
}

/**
 * Agreement per figure: each person counts once, by their latest stance; stances in removed
 * replies do not count.
 */
export function countStances(
  stances: Pick<StanceView, 'userId' | 'stance' | 'commentDeleted' | 'createdAt' | 'stanceId'>[],
): StanceCounts {
  const latest = new Map<number, (typeof stances)[number]>();
  for (const s of stances) {
    if (s.commentDeleted) continue;
    const seen = latest.get(s.userId);
    if (
      !seen ||
      s.createdAt > seen.createdAt ||
      (s.createdAt.getTime() === seen.createdAt.getTime() && s.stanceId > seen.stanceId)
    )
      latest.set(s.userId, s);
  }
  const counts: StanceCounts = { supports: 0, disputes: 0, context: 0 };
  for (const s of latest.values()) counts[s.stance] += 1;
  return counts;
}

/** Stance counts of many figures at once (the moderation queue's "disagreement"). */
export async function countsOf(db: Db, figureIds: number[]): Promise<Map<number, StanceCounts>> {
  if (figureIds.length === 0) return new Map();
  const rows = await db
    .select({
      figureId: figureStances.figureId,
      stanceId: figureStances.stanceId,
      userId: figureStances.userId,
      stance: figureStances.stance,
      createdAt: figureStances.createdAt,
      deletedAt: comments.deletedAt,
    })
    .from(figureStances)
    .innerJoin(comments, eq(comments.commentId, figureStances.commentId))
    .where(inArray(figureStances.figureId, figureIds));
  const out = new Map<number, StanceCounts>();
  for (const id of figureIds)
    out.set(
      id,
      countStances(rows.filter((r) => r.figureId === id).map((r) => ({ ...r, commentDeleted: r.deletedAt !== null }))),
    );
  return out;
}
