import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { users } from './accounts.sql.ts';

/** The inbox's kinds of notice a user may switch off; everything is on for a new account. */
export const NOTICE_KINDS = ['reply', 'mention', 'figureStatus'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];
export type NotificationChoices = Record<NoticeKind, boolean>;

const COLUMN = {
  reply: users.notifyReplies,
  mention: users.notifyMentions,
  figureStatus: users.notifyFigureStatus,
} as const;

export async function choicesOf(db: Db, userId: number): Promise<NotificationChoices> {
  const [row] = await db
    .select({ reply: users.notifyReplies, mention: users.notifyMentions, figureStatus: users.notifyFigureStatus })
    .from(users)
    .where(eq(users.userId, userId));
  return row ?? { reply: true, mention: true, figureStatus: true };
}

export async function setChoices(db: Db, userId: number, choices: NotificationChoices): Promise<void> {
  await db
    .update(users)
    .set({ notifyReplies: choices.reply, notifyMentions: choices.mention, notifyFigureStatus: choices.figureStatus })
    .where(eq(users.userId, userId));
}

/** Which of these users want this kind of notice: their choice is on and their account is not deleted. */
export async function wanting(db: Db, userIds: Iterable<number>, kind: NoticeKind): Promise<Set<number>> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ userId: users.userId })
    .from(users)
    .where(and(inArray(users.userId, ids), eq(COLUMN[kind], true), isNull(users.deletedAt)));
  return new Set(rows.map((r) => r.userId));
}
