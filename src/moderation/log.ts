import { desc, eq, sql } from 'drizzle-orm';
import { users } from '../accounts/accounts.sql.ts';
import type { Db } from '../db/client.ts';
import { moderationActions, type ModerationAction } from './moderation.sql.ts';

/** The public moderation log (as on Lobsters): every moderator action, newest first. */
export type LogEntry = ModerationAction & { moderatorName: string | null };

export const ACTION_LABELS: Record<string, string> = {
  set_status: 'set figure status',
  remove_comment: 'removed comment',
  restore_comment: 'restored comment',
  lock_thread: 'locked thread',
  unlock_thread: 'unlocked thread',
  merge_story: 'merged story',
  edit_tags: 'edited tags',
  split_story: 'split story',
  warn_user: 'warned user',
  suspend_user: 'suspended user',
  dismiss_flags: 'dismissed flags',
  // Feed administration (/admin/feeds, src/admin/feed-admin.ts): admins' changes to what the site follows.
  add_feed: 'added feed',
  enable_feed: 'enabled feed',
  disable_feed: 'disabled feed',
  delete_feed: 'deleted feed',
};

export async function record(
  tx: Db,
  entry: Omit<typeof moderationActions.$inferInsert, 'actionId'>,
): Promise<ModerationAction> {
  const [row] = await tx.insert(moderationActions).values(entry).returning();
  return row;
}

export async function page(
  db: Db,
  options: { page: number; perPage: number },
): Promise<{ entries: LogEntry[]; total: number }> {
  const entries = await db
    .select({ entry: moderationActions, moderatorName: users.username })
    .from(moderationActions)
    .leftJoin(users, eq(users.userId, moderationActions.moderatorId))
    .orderBy(desc(moderationActions.createdAt), desc(moderationActions.actionId))
    .limit(options.perPage)
    .offset((options.page - 1) * options.perPage);
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(moderationActions);
  return { entries: entries.map((e) => ({ ...e.entry, moderatorName: e.moderatorName })), total: n };
}
