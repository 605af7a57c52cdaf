import { and, desc, eq, isNull, lt, sql } from 'drizzle-orm';
import { publicName } from '../accounts/accounts.ts';
import { users } from '../accounts/accounts.sql.ts';
import * as NotificationChoices from '../accounts/notification-choices.ts';
import type { Db } from '../db/client.ts';
import { stories } from '../stories/stories.sql.ts';
import { comments, type Comment } from './comments.sql.ts';
import { notifications } from './notifications.sql.ts';

/**
 * Tells the parent's author about a reply and each @mentioned user about a mention; never the
 * author themself, nor anyone who switched that kind off in /settings or deleted their account.
 */
export async function forNewComment(
  tx: Db,
  input: { comment: Comment; parentAuthorId: number | null; mentioned: number[] },
): Promise<void> {
  const author = input.comment.authorId;
  const rows: { userId: number; commentId: number; kind: 'reply' | 'mention'; createdAt: Date }[] = [];
  if (input.parentAuthorId !== null && input.parentAuthorId !== author) {
    rows.push({
      userId: input.parentAuthorId,
      commentId: input.comment.commentId,
      kind: 'reply',
      createdAt: input.comment.createdAt,
    });
  }
  for (const userId of new Set(input.mentioned)) {
    if (userId === author || userId === input.parentAuthorId) continue;
    rows.push({ userId, commentId: input.comment.commentId, kind: 'mention', createdAt: input.comment.createdAt });
  }
  if (rows.length === 0) return;
  const [replies, mentions] = await Promise.all([
    NotificationChoices.wanting(
      tx,
      rows.filter((r) => r.kind === 'reply').map((r) => r.userId),
      'reply',
    ),
    NotificationChoices.wanting(
      tx,
      rows.filter((r) => r.kind === 'mention').map((r) => r.userId),
      'mention',
    ),
  ]);
  const wanted = rows.filter((r) => (r.kind === 'reply' ? replies : mentions).has(r.userId));
  if (wanted.length) await tx.insert(notifications).values(wanted).onConflictDoNothing();
}

/** Empties a deleted account's inbox of replies and mentions. */
export async function forgetRecipient(tx: Db, userId: number): Promise<void> {
  await tx.delete(notifications).where(eq(notifications.userId, userId));
}

export type InboxItem = {
  notificationId: number;
  kind: 'reply' | 'mention';
  read: boolean;
  commentId: number;
  storyId: number;
  storyTitle: string;
  authorName: string;
  authorCreatedAt: Date;
  bodyHtml: string;
  createdAt: Date;
  deleted: boolean;
};

/** Newest first; `before` pages by notification id. */
export async function inbox(db: Db, userId: number, options: { limit: number; before?: number }): Promise<InboxItem[]> {
  return db
    .select({
      notificationId: notifications.notificationId,
      kind: notifications.kind,
      read: sql<boolean>`${notifications.readAt} is not null`,
      commentId: comments.commentId,
      storyId: comments.storyId,
      storyTitle: stories.title,
      authorName: publicName,
      authorCreatedAt: users.createdAt,
      bodyHtml: comments.bodyHtml,
      createdAt: notifications.createdAt,
      deleted: sql<boolean>`${comments.deletedAt} is not null`,
    })
    .from(notifications)
    .innerJoin(comments, eq(comments.commentId, notifications.commentId))
    .innerJoin(users, eq(users.userId, comments.authorId))
    .innerJoin(stories, eq(stories.storyId, comments.storyId))
    .where(
      and(
        eq(notifications.userId, userId),
        options.before ? lt(notifications.notificationId, options.before) : undefined,
      ),
    )
    .orderBy(desc(notifications.notificationId))
    .limit(options.limit);
}

export async function unreadCount(db: Db, userId: number): Promise<number> {
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return n;
}

export async function markAllRead(db: Db, userId: number, now: Date): Promise<void> {
  await db
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
}
