import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { comments } from '../discussion/comments.sql.ts';
import { invalidInput } from '../input-error.ts';
import { threadLocks } from './moderation.sql.ts';

/**
 * Locked threads take no new replies: a lock on a comment covers it and everything below it
 * (its materialised path is a prefix); a lock on the story (path '') covers the whole discussion.
 */
export async function lock(
  tx: Db,
  input: { storyId: number; commentId: number | null; by: number; now: Date },
): Promise<boolean> {
  const path = input.commentId === null ? '' : await pathOf(tx, input.commentId);
  const rows = await tx
    .insert(threadLocks)
    .values({ storyId: input.storyId, commentId: input.commentId, path, lockedBy: input.by, createdAt: input.now })
    .onConflictDoNothing()
    .returning();
  return rows.length > 0;
}

export async function unlock(tx: Db, input: { storyId: number; commentId: number | null }): Promise<boolean> {
  const path = input.commentId === null ? '' : await pathOf(tx, input.commentId);
  const rows = await tx
    .delete(threadLocks)
    .where(and(eq(threadLocks.storyId, input.storyId), eq(threadLocks.path, path)))
    .returning();
  return rows.length > 0;
}

/** Whether a new comment under `parentId` (null: top level) of the story would land in a locked thread. */
export async function isLocked(db: Db, storyId: number, parentId: number | null): Promise<boolean> {
  const locks = await db.select({ path: threadLocks.path }).from(threadLocks).where(eq(threadLocks.storyId, storyId));
  if (locks.length === 0) return false;
  const parentPath = parentId === null ? null : await pathOf(db, parentId);
  return locks.some(
    (l) => l.path === '' || (parentPath !== null && (parentPath === l.path || parentPath.startsWith(`${l.path}.`))),
  );
}

/** For the comment-posting path: refuses a comment in a locked thread (409 beside the form). */
export async function assertOpen(db: Db, storyId: number, parentId: number | null): Promise<void> {
  if (await isLocked(db, storyId, parentId))
    throw invalidInput('This thread is locked by a moderator: no new replies (see the moderation log).', {
      status: 409,
    });
}

async function pathOf(db: Db, commentId: number): Promise<string> {
  const [c] = await db.select({ path: comments.path }).from(comments).where(eq(comments.commentId, commentId));
  if (!c) throw invalidInput('No such comment.', { status: 404 });
  return c.path;
}
