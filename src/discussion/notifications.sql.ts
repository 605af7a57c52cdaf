import { index, integer, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from '../accounts/accounts.sql.ts';
import { createdAt, tstz } from '../db/columns.ts';
import { comments } from './comments.sql.ts';

/** A reply to one of your comments, or a comment that @mentions you: what /inbox lists. */
export const notifications = pgTable(
  'notifications',
  {
    notificationId: serial('notification_id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.userId, { onDelete: 'cascade' }),
    commentId: integer('comment_id')
      .notNull()
      .references(() => comments.commentId, { onDelete: 'cascade' }),
    kind: text('kind').$type<'reply' | 'mention'>().notNull(),
    createdAt: createdAt(),
    readAt: tstz('read_at'),
  },
  (t) => [
    uniqueIndex('notifications_user_comment_idx').on(t.userId, t.commentId),
    index('notifications_user_created_idx').on(t.userId, t.createdAt),
  ],
);
