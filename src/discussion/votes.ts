import { and, eq, inArray, sql } from 'drizzle-orm';
import type { CurrentUser } from '../accounts/accounts.ts';
import type { Db } from '../db/client.ts';
import { inTransaction } from '../db/sql.ts';
import { AppError } from '../errors.ts';
import { stories } from '../stories/stories.sql.ts';
import { comments, storyDiscussions } from './comments.sql.ts';
import { canVote } from './policy.ts';
import { commentScore } from './ranking.ts';
import { commentVotes, storyVotes } from './votes.sql.ts';

/**
 * Votes are set, not flipped: the form says "up" or "un", so a double-submitted form or a retried
 * request leaves the same state. Counts are kept beside the rows in the same transaction.
 */
export type VoteResult = { voted: boolean; upvotes: number };

export async function voteComment(
  db: Db,
  input: { commentId: number; user: CurrentUser; up: boolean },
): Promise<VoteResult> {
  return inTransaction(db, async (tx) => {
    const [c] = await tx
      .select({
        authorId: comments.authorId,
        createdAt: comments.createdAt,
        deletedAt: comments.deletedAt,
        upvotes: comments.upvotes,
        flags: comments.flags,
      })
      .from(comments)
      .where(eq(comments.commentId, input.commentId))
      .for('update');
    if (!c) throw new AppError('not_found', 'No such comment.', { status: 404 });
    if (!canVote(input.user, c)) {
      const message =
        c.authorId === input.user.userId
          ? 'You cannot vote on your own comment.'
          : 'This comment can no longer be voted on.';
      throw new AppError('forbidden', message, { status: 403, userMessage: message });
    }
    const changed = input.up
      ? (
          await tx
            .insert(commentVotes)
            .values({ commentId: input.commentId, userId: input.user.userId })
            .onConflictDoNothing()
            .returning()
        ).length
      : (
          await tx
            .delete(commentVotes)
            .where(and(eq(commentVotes.commentId, input.commentId), eq(commentVotes.userId, input.user.userId)))
            .returning()
        ).length;
    if (!changed) return { voted: input.up, upvotes: c.upvotes };
    const upvotes = c.upvotes + (input.up ? 1 : -1);
    await tx
      .update(comments)
      .set({ upvotes, score: commentScore({ upvotes, flags: c.flags }) })
      .where(eq(comments.commentId, input.commentId));
    return { voted: input.up, upvotes };
  });
}

export async function voteStory(
  db: Db,
  input: { storyId: number; user: CurrentUser; up: boolean },
): Promise<VoteResult> {
  return inTransaction(db, async (tx) => {
    const [story] = await tx
      .select({ mergedInto: stories.mergedInto })
      .from(stories)
      .where(eq(stories.storyId, input.storyId));
    if (!story) throw new AppError('not_found', 'No such story.', { status: 404 });
    if (story.mergedInto) throw new AppError('gone', 'This story was merged into another.', { status: 409 });
    await tx.insert(storyDiscussions).values({ storyId: input.storyId }).onConflictDoNothing();
    const changed = input.up
      ? (
          await tx
            .insert(storyVotes)
            .values({ storyId: input.storyId, userId: input.user.userId })
            .onConflictDoNothing()
            .returning()
        ).length
      : (
          await tx
            .delete(storyVotes)
            .where(and(eq(storyVotes.storyId, input.storyId), eq(storyVotes.userId, input.user.userId)))
            .returning()
        ).length;
    const delta = changed ? (input.up ? 1 : -1) : 0;
    const [d] = await tx
      .update(storyDiscussions)
      .set({ votes: sql`greatest(0, ${storyDiscussions.votes} + ${delta})` })
      .where(eq(storyDiscussions.storyId, input.storyId))
      .returning({ votes: storyDiscussions.votes });
    return { voted: input.up, upvotes: d.votes };
  });
}

/**
 * Takes back every vote a user gave (their account is being deleted): the rows go and the counts
 * and "best" scores they raised come down with them, in the caller's transaction.
 */
export async function withdrawAllBy(tx: Db, userId: number): Promise<{ comments: number; stories: number }> {
  const commentIds = (
    await tx.delete(commentVotes).where(eq(commentVotes.userId, userId)).returning({ id: commentVotes.commentId })
  ).map((r) => r.id);
  if (commentIds.length) {
    const rows = await tx
      .select({ commentId: comments.commentId, upvotes: comments.upvotes, flags: comments.flags })
      .from(comments)
      .where(inArray(comments.commentId, commentIds))
      .for('update');
    for (const c of rows) {
      const upvotes = Math.max(0, c.upvotes - 1);
      await tx
        .update(comments)
        .set({ upvotes, score: commentScore({ upvotes, flags: c.flags }) })
        .where(eq(comments.commentId, c.commentId));
    }
  }
  const storyIds = (
    await tx.delete(storyVotes).where(eq(storyVotes.userId, userId)).returning({ id: storyVotes.storyId })
  ).map((r) => r.id);
  if (storyIds.length) {
    await tx
      .update(storyDiscussions)
      .set({ votes: sql`greatest(0, ${storyDiscussions.votes} - 1)` })
      .where(inArray(storyDiscussions.storyId, storyIds));
  }
  return { comments: commentIds.length, stories: storyIds.length };
}

/** Sets a comment's count of open flags (kept by src/moderation/flags.ts) and its "best" score with it. */
export async function setFlagCount(db: Db, commentId: number, flags: number): Promise<void> {
  await inTransaction(db, async (tx) => {
    const [c] = await tx
      .select({ upvotes: comments.upvotes })
      .from(comments)
      .where(eq(comments.commentId, commentId))
      .for('update');
    if (c)
      await tx
        .update(comments)
        .set({ flags, score: commentScore({ upvotes: c.upvotes, flags }) })
        .where(eq(comments.commentId, commentId));
  });
}

/** Which of these comments the user has upvoted. */
export async function commentVotesBy(db: Db, userId: number, commentIds: number[]): Promise<Set<number>> {
  if (commentIds.length === 0) return new Set();
  const rows = await db
    .select({ id: commentVotes.commentId })
    .from(commentVotes)
    .where(and(eq(commentVotes.userId, userId), inArray(commentVotes.commentId, commentIds)));
  return new Set(rows.map((r) => r.id));
}

export async function storyVotesBy(db: Db, userId: number, storyIds: number[]): Promise<Set<number>> {
  if (storyIds.length === 0) return new Set();
  const rows = await db
    .select({ id: storyVotes.storyId })
    .from(storyVotes)
    .where(and(eq(storyVotes.userId, userId), inArray(storyVotes.storyId, storyIds)));
  return new Set(rows.map((r) => r.id));
}

export type StoryActivity = { votes: number; comments: number };

/** Votes and live comment counts per story, for ranking and the front page. */
export async function activityOf(db: Db, storyIds: number[]): Promise<Map<number, StoryActivity>> {
  if (storyIds.length === 0) return new Map();
  const rows = await db
    .select({
      storyId: storyDiscussions.storyId,
      votes: storyDiscussions.votes,
      comments: storyDiscussions.commentCount,
    })
    .from(storyDiscussions)
    .where(inArray(storyDiscussions.storyId, storyIds));
  return new Map(rows.map((r) => [r.storyId, { votes: r.votes, comments: r.comments }]));
}
