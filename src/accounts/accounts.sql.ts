import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, tstz } from '../db/columns.ts';

/** Stored roles; an anonymous visitor is a "reader" and has no row. */
export const ROLES = ['commenter', 'moderator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** People who can log in (and demo authors, who have no password and so cannot). */
export const users = pgTable(
  'users',
  {
    userId: serial('user_id').primaryKey(),
    /** Shown as typed; unique regardless of case, so "Zara" and "zara" are one name. */
    username: text('username').notNull(),
    /** scrypt hash (src/accounts/password.ts); null means nobody can log in as this user. */
    passwordHash: text('password_hash'),
    role: text('role').$type<Role>().notNull().default('commenter'),
    createdAt: createdAt(),
    /**
     * Set when the owner deleted the account (/settings): the row stays so the name stays taken
     * and comments keep their place, shown as "[deleted]"; the password hash is gone.
     */
    deletedAt: tstz('deleted_at'),
    /** Notification choices (/settings): replies to my comments, @mentions, status changes of figures I follow. */
    notifyReplies: boolean('notify_replies').notNull().default(true),
    notifyMentions: boolean('notify_mentions').notNull().default(true),
    notifyFigureStatus: boolean('notify_figure_status').notNull().default(true),
  },
  (t) => [
    uniqueIndex('users_username_lower_idx').on(sql`lower(${t.username})`),
    check('users_role_check', sql`${t.role} in ('commenter', 'moderator', 'admin')`),
  ],
);

/** Server-side login sessions. Only the SHA-256 of the cookie's token is stored, so a leaked table logs nobody in. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.userId, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    expiresAt: tstz('expires_at').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_at_idx').on(t.expiresAt)],
);

export type User = typeof users.$inferSelect;
