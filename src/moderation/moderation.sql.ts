import { index, integer, pgTable, real, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from '../accounts/accounts.sql.ts';
import { createdAt, tstz } from '../db/columns.ts';
import { comments } from '../discussion/comments.sql.ts';
import { stories } from '../stories/stories.sql.ts';

/** What can be flagged: a comment, a figure as an article states it (a claim), a story. */
export const FLAG_TARGETS = ['comment', 'claim', 'story'] as const;
export type FlagTarget = (typeof FLAG_TARGETS)[number];

export const FLAG_REASONS = {
  comment: ['off_topic', 'unkind', 'spam', 'duplicate'],
  claim: ['citation_needed', 'failed_verification', 'outdated', 'misread_unit_period'],
  story: ['duplicate', 'broken_link', 'off_topic'],
} as const satisfies Record<FlagTarget, readonly string[]>;
export type FlagReason = (typeof FLAG_REASONS)[FlagTarget][number];

/** One flag per person per item; a new account's flag weighs less. Resolved when a moderator acts or dismisses. */
export const flags = pgTable(
  'flags',
  {
    flagId: serial('flag_id').primaryKey(),
    targetKind: text('target_kind').$type<FlagTarget>().notNull(),
    targetId: integer('target_id').notNull(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.userId, { onDelete: 'cascade' }),
    reason: text('reason').$type<FlagReason>().notNull(),
    detail: text('detail'),
    /** For a duplicate story: the story it duplicates. */
    mergeTargetId: integer('merge_target_id').references(() => stories.storyId, { onDelete: 'set null' }),
    weight: real('weight').notNull(),
    createdAt: createdAt(),
    resolvedAt: tstz('resolved_at'),
    resolvedBy: integer('resolved_by').references(() => users.userId, { onDelete: 'set null' }),
    resolution: text('resolution').$type<'actioned' | 'dismissed'>(),
  },
  (t) => [
    uniqueIndex('flags_one_per_user_idx').on(t.targetKind, t.targetId, t.userId),
    index('flags_open_idx').on(t.resolvedAt, t.targetKind, t.targetId),
  ],
);

/** The public moderation log: every action, by whom, on what, why. Never edited. */
export const moderationActions = pgTable(
  'moderation_actions',
  {
    actionId: serial('action_id').primaryKey(),
    moderatorId: integer('moderator_id').references(() => users.userId, { onDelete: 'set null' }),
    action: text('action').notNull(),
    targetKind: text('target_kind').notNull(),
    targetId: integer('target_id').notNull(),
    /** What the target was when acted on ("comment by ada on 'Story'"), so the log reads well after deletions. */
    targetLabel: text('target_label').notNull(),
    /** Where the target lives, for the log's links. */
    targetPath: text('target_path'),
    reason: text('reason').notNull(),
    /** Extra facts of the action: the new status, the merge target, the suspension's end. */
    detail: text('detail'),
    createdAt: createdAt(),
  },
  (t) => [index('moderation_actions_created_idx').on(t.createdAt, t.actionId)],
);

/** A removed comment's text, kept (not public) so a moderator can restore it. */
export const commentRemovals = pgTable('comment_removals', {
  commentId: integer('comment_id')
    .primaryKey()
    .references(() => comments.commentId, { onDelete: 'cascade' }),
  body: text('body').notNull(),
  bodyHtml: text('body_html').notNull(),
  removedBy: integer('removed_by').references(() => users.userId, { onDelete: 'set null' }),
  removedAt: tstz('removed_at').notNull(),
});

/** A locked thread: no new replies below `path` in the story (the empty path locks the whole discussion). */
export const threadLocks = pgTable(
  'thread_locks',
  {
    lockId: serial('lock_id').primaryKey(),
    storyId: integer('story_id')
      .notNull()
      .references(() => stories.storyId, { onDelete: 'cascade' }),
    commentId: integer('comment_id').references(() => comments.commentId, { onDelete: 'cascade' }),
    path: text('path').notNull(),
    lockedBy: integer('locked_by').references(() => users.userId, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('thread_locks_story_path_idx').on(t.storyId, t.path)],
);

export const SANCTIONS = ['warning', 'suspension'] as const;
export type SanctionKind = (typeof SANCTIONS)[number];

/** Warnings and time-limited suspensions; a suspended account reads but cannot post, vote or flag until `until`. */
export const userSanctions = pgTable(
  'user_sanctions',
  {
    sanctionId: serial('sanction_id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.userId, { onDelete: 'cascade' }),
    kind: text('kind').$type<SanctionKind>().notNull(),
    reason: text('reason').notNull(),
    until: tstz('until'),
    moderatorId: integer('moderator_id').references(() => users.userId, { onDelete: 'set null' }),
    createdAt: createdAt(),
    seenAt: tstz('seen_at'),
  },
  (t) => [index('user_sanctions_user_idx').on(t.userId, t.createdAt)],
);

export type Flag = typeof flags.$inferSelect;
export type ModerationAction = typeof moderationActions.$inferSelect;
export type UserSanction = typeof userSanctions.$inferSelect;
