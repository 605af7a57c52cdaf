import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { CurrentUser } from '../accounts/accounts.ts';
import { claims } from '../claims/claims.sql.ts';
import type { Db } from '../db/client.ts';
import { comments } from '../discussion/comments.sql.ts';
import * as Votes from '../discussion/votes.ts';
import { AppError } from '../errors.ts';
import { invalidInput } from '../input-error.ts';
import { stories } from '../stories/stories.sql.ts';
import { FLAG_REASONS, FLAG_TARGETS, flags, type Flag, type FlagReason, type FlagTarget } from './moderation.sql.ts';

export { FLAG_REASONS, FLAG_TARGETS, type Flag, type FlagTarget };

export const REASON_LABELS: Record<string, string> = {
  off_topic: 'off-topic',
  unkind: 'unkind',
  spam: 'spam',
  duplicate: 'duplicate',
  citation_needed: 'citation needed',
  failed_verification: 'failed verification',
  outdated: 'outdated',
  misread_unit_period: 'misread unit or period',
  broken_link: 'broken link',
  unsupported: 'unsupported figure',
};
export const TARGET_LABELS: Record<FlagTarget, string> = {
  comment: 'comment',
  claim: "article's figure",
  story: 'story',
};

/** A new account's flag counts half: cheap accounts should not be able to bury things. */
export const NEW_ACCOUNT_FLAG_WEIGHT = 0.5;
export const MAX_DETAIL = 500;

export const isFlagTarget = (s: string): s is FlagTarget => (FLAG_TARGETS as readonly string[]).includes(s);

/**
 * Flags an item with a structured reason. One flag per person per item (a second is refused);
 * your own comment cannot be flagged; a duplicate story may name the story it duplicates.
 */
export async function raise(
  db: Db,
  input: {
    user: CurrentUser;
    targetKind: string;
    targetId: number;
    reason: string;
    detail: string | null;
    mergeTargetId: number | null;
    now: Date;
  },
): Promise<Flag> {
  if (!isFlagTarget(input.targetKind)) throw new AppError('not_found', 'That cannot be flagged.', { status: 404 });
  const kind = input.targetKind;
  if (!(FLAG_REASONS[kind] as readonly string[]).includes(input.reason))
    throw invalidInput(`Choose a reason: ${FLAG_REASONS[kind].map((r) => REASON_LABELS[r]).join(', ')}.`);
  if ((input.detail?.length ?? 0) > MAX_DETAIL) throw invalidInput(`Keep the detail under ${MAX_DETAIL} characters.`);
  await checkTarget(db, kind, input.targetId, input.user);
  const mergeTargetId = kind === 'story' && input.reason === 'duplicate' ? input.mergeTargetId : null;
  if (mergeTargetId !== null) await checkMergeTarget(db, input.targetId, mergeTargetId);
  const [flag] = await db
    .insert(flags)
    .values({
      targetKind: kind,
      targetId: input.targetId,
      userId: input.user.userId,
      reason: input.reason as FlagReason,
      detail: input.detail?.trim() || null,
      mergeTargetId,
      weight: input.user.isNew ? NEW_ACCOUNT_FLAG_WEIGHT : 1,
      createdAt: input.now,
    })
    .onConflictDoNothing()
    .returning();
  if (!flag) throw invalidInput('You have already flagged this.', { status: 409 });
  if (kind === 'comment') await syncCommentFlags(db, input.targetId);
  return flag;
}

async function checkTarget(db: Db, kind: FlagTarget, id: number, user: CurrentUser): Promise<void> {
  if (kind === 'comment') {
    const [c] = await db
      .select({ authorId: comments.authorId, deletedAt: comments.deletedAt })
      .from(comments)
      .where(eq(comments.commentId, id));
    if (!c || c.deletedAt) throw new AppError('not_found', 'No such comment.', { status: 404 });
    if (c.authorId === user.userId)
      throw invalidInput('You cannot flag your own comment; edit or delete it instead.', { status: 403 });
  } else if (kind === 'claim') {
    const [c] = await db.select({ articleId: claims.articleId }).from(claims).where(eq(claims.claimId, id));
    if (!c?.articleId) throw new AppError('not_found', 'No such article figure.', { status: 404 });
  } else {
    const [s] = await db.select({ mergedInto: stories.mergedInto }).from(stories).where(eq(stories.storyId, id));
    if (!s || s.mergedInto) throw new AppError('not_found', 'No such story.', { status: 404 });
  }
}

async function checkMergeTarget(db: Db, storyId: number, targetId: number): Promise<void> {
  if (targetId === storyId) throw invalidInput('A story cannot duplicate itself.');
  const [s] = await db.select({ mergedInto: stories.mergedInto }).from(stories).where(eq(stories.storyId, targetId));
  if (!s || s.mergedInto) throw invalidInput('The story it duplicates does not exist (or was merged).');
}

export type ItemRef = { kind: FlagTarget; id: number };

/** Open (unresolved) flags, oldest first. */
export async function open(db: Db, filter: { kind?: FlagTarget; ids?: number[] } = {}): Promise<Flag[]> {
  return db
    .select()
    .from(flags)
    .where(
      and(
        isNull(flags.resolvedAt),
        filter.kind ? eq(flags.targetKind, filter.kind) : undefined,
        filter.ids ? inArray(flags.targetId, filter.ids.length ? filter.ids : [-1]) : undefined,
      ),
    )
    .orderBy(flags.createdAt, flags.flagId);
}

/** Resolves an item's open flags after a moderator acted on it or dismissed them; returns how many. */
export async function resolve(
  tx: Db,
  item: ItemRef,
  input: { by: number; resolution: 'actioned' | 'dismissed'; now: Date },
): Promise<number> {
  const rows = await tx
    .update(flags)
    .set({ resolvedAt: input.now, resolvedBy: input.by, resolution: input.resolution })
    .where(and(eq(flags.targetKind, item.kind), eq(flags.targetId, item.id), isNull(flags.resolvedAt)))
    .returning({ id: flags.flagId });
  if (item.kind === 'comment' && rows.length) await syncCommentFlags(tx, item.id);
  return rows.length;
}

/** Open flags push a comment down the "best" order (Wilson bound of upvotes against flags); resolved ones stop counting. */
async function syncCommentFlags(db: Db, commentId: number): Promise<void> {
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(flags)
    .where(and(eq(flags.targetKind, 'comment'), eq(flags.targetId, commentId), isNull(flags.resolvedAt)));
  await Votes.setFlagCount(db, commentId, n);
}

/** Removes every flag a user raised (their account is being deleted); flagged comments' "best" scores follow. */
export async function withdrawAllBy(tx: Db, userId: number): Promise<number> {
  const rows = await tx
    .delete(flags)
    .where(eq(flags.userId, userId))
    .returning({ kind: flags.targetKind, id: flags.targetId });
  for (const id of new Set(rows.filter((r) => r.kind === 'comment').map((r) => r.id))) await syncCommentFlags(tx, id);
  return rows.length;
}
