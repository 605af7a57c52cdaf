import { and, desc, eq, isNull, lt, sql } from 'drizzle-orm';
import { users } from '../accounts/accounts.sql.ts';
import * as NotificationChoices from '../accounts/notification-choices.ts';
import { claims, figures } from '../claims/claims.sql.ts';
import type { Db } from '../db/client.ts';
import { comments } from '../discussion/comments.sql.ts';
import {
  figureStances,
  figureStatusChanges,
  figureWatches,
  statusNotifications,
  type FigureStatus,
  type FigureStatusChange,
} from './crosscheck.sql.ts';

/**
 * Who hears about a figure's status change: everyone who stated the figure in a comment that is
 * still up, took a stance on it, or watches it — except whoever made the change and those who
 * switched these notices off in /settings.
 */
export async function notifyStatusChange(
  tx: Db,
  change: FigureStatusChange,
  options: { exceptUserId: number | null },
): Promise<number> {
  const f = change.figureId;
  const [stated, stanced, watching] = await Promise.all([
    tx
      .selectDistinct({ userId: comments.authorId })
      .from(claims)
      .innerJoin(comments, eq(comments.commentId, claims.commentId))
      .where(and(eq(claims.figureId, f), isNull(comments.deletedAt))),
    tx.selectDistinct({ userId: figureStances.userId }).from(figureStances).where(eq(figureStances.figureId, f)),
    tx.select({ userId: figureWatches.userId }).from(figureWatches).where(eq(figureWatches.figureId, f)),
  ]);
  const recipients = new Set([...stated, ...stanced, ...watching].map((r) => r.userId));
  if (options.exceptUserId !== null) recipients.delete(options.exceptUserId);
  const wanting = await NotificationChoices.wanting(tx, recipients, 'figureStatus');
  for (const userId of recipients) if (!wanting.has(userId)) recipients.delete(userId);
  if (recipients.size === 0) return 0;
  await tx
    .insert(statusNotifications)
    .values([...recipients].map((userId) => ({ userId, changeId: change.changeId, createdAt: change.createdAt })))
    .onConflictDoNothing();
  return recipients.size;
}

export async function watch(db: Db, input: { userId: number; figureId: number; on: boolean }): Promise<boolean> {
  if (input.on)
    await db.insert(figureWatches).values({ userId: input.userId, figureId: input.figureId }).onConflictDoNothing();
  else
    await db
      .delete(figureWatches)
      .where(and(eq(figureWatches.userId, input.userId), eq(figureWatches.figureId, input.figureId)));
  return input.on;
}

/** A deleted account watches nothing and keeps no status notices. */
export async function forgetUser(tx: Db, userId: number): Promise<void> {
  await tx.delete(figureWatches).where(eq(figureWatches.userId, userId));
  await tx.delete(statusNotifications).where(eq(statusNotifications.userId, userId));
}

export async function isWatching(db: Db, userId: number, figureId: number): Promise<boolean> {
  const [row] = await db
    .select({ u: figureWatches.userId })
    .from(figureWatches)
    .where(and(eq(figureWatches.userId, userId), eq(figureWatches.figureId, figureId)));
  return !!row;
}

export type StatusNotice = {
  notificationId: number;
  read: boolean;
  figureId: number;
  subject: string;
  measure: string;
  period: string | null;
  fromStatus: FigureStatus;
  toStatus: FigureStatus;
  reason: string;
  moderatorName: string | null;
  createdAt: Date;
};

/** Newest first; `before` pages by notification id. */
export async function forUser(
  db: Db,
  userId: number,
  options: { limit: number; before?: number },
): Promise<StatusNotice[]> {
  return db
    .select({
      notificationId: statusNotifications.notificationId,
      read: sql<boolean>`${statusNotifications.readAt} is not null`,
      figureId: figures.figureId,
      subject: figures.subject,
      measure: figures.measure,
      period: figures.period,
      fromStatus: figureStatusChanges.fromStatus,
      toStatus: figureStatusChanges.toStatus,
      reason: figureStatusChanges.reason,
      moderatorName: users.username,
      createdAt: statusNotifications.createdAt,
    })
    .from(statusNotifications)
    .innerJoin(figureStatusChanges, eq(figureStatusChanges.changeId, statusNotifications.changeId))
    .innerJoin(figures, eq(figures.figureId, figureStatusChanges.figureId))
    .leftJoin(users, eq(users.userId, figureStatusChanges.moderatorId))
    .where(
      and(
        eq(statusNotifications.userId, userId),
        options.before ? lt(statusNotifications.notificationId, options.before) : undefined,
      ),
    )
    .orderBy(desc(statusNotifications.notificationId))
    .limit(options.limit);
}

export async function unreadCount(db: Db, userId: number): Promise<number> {
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(statusNotifications)
    .where(and(eq(statusNotifications.userId, userId), isNull(statusNotifications.readAt)));
  return n;
}

export async function markAllRead(db: Db, userId: number, now: Date): Promise<void> {
  await db
    .update(statusNotifications)
    .set({ readAt: now })
    .where(and(eq(statusNotifications.userId, userId), isNull(statusNotifications.readAt)));
}
