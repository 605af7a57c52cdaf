import { index, integer, pgTable, primaryKey, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from '../accounts/accounts.sql.ts';
import { claims, figures } from '../claims/claims.sql.ts';
import { createdAt, tstz } from '../db/columns.ts';
import { comments } from '../discussion/comments.sql.ts';
import type { FigureStatus } from './figure-statuses.ts';

/** How a figure typed into a comment fared against the ledger when it was posted (or edited). */
export const CHECK_OUTCOMES = ['supported', 'conflicts', 'cited', 'unsourced', 'unattributed'] as const;
export type CheckOutcome = (typeof CHECK_OUTCOMES)[number];

/** One row per comment claim; replaced with the claims when a comment is edited (cascade). */
export const claimChecks = pgTable(
  'claim_checks',
  {
    claimId: integer('claim_id')
      .primaryKey()
      .references(() => claims.claimId, { onDelete: 'cascade' }),
    outcome: text('outcome').$type<CheckOutcome>().notNull(),
    /** The article claim that supports (or, failing that, contradicts) it. */
    matchedClaimId: integer('matched_claim_id').references(() => claims.claimId, { onDelete: 'set null' }),
    /** A link in the comment, attached as this figure's citation. */
    evidenceUrl: text('evidence_url'),
    checkedAt: tstz('checked_at').notNull(),
  },
  (t) => [index('claim_checks_outcome_idx').on(t.outcome)],
);

export { FIGURE_STATUSES, type FigureStatus } from './figure-statuses.ts';

/**
 * Every change of a figure's review status, newest last; the current status is the latest row
 * (none: unreviewed). Automatic changes (a comment's check) have no moderator.
 */
export const figureStatusChanges = pgTable(
  'figure_status_changes',
  {
    changeId: serial('change_id').primaryKey(),
    figureId: integer('figure_id')
      .notNull()
      .references(() => figures.figureId, { onDelete: 'cascade' }),
    fromStatus: text('from_status').$type<FigureStatus>().notNull(),
    toStatus: text('to_status').$type<FigureStatus>().notNull(),
    reason: text('reason').notNull(),
    sourceUrl: text('source_url'),
    moderatorId: integer('moderator_id').references(() => users.userId, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('figure_status_changes_figure_idx').on(t.figureId, t.changeId)],
);

export type FigureStatusChange = typeof figureStatusChanges.$inferSelect;

export const STANCES = ['supports', 'disputes', 'context'] as const;
export type Stance = (typeof STANCES)[number];

/**
 * A reply's stance on a figure (supports / disputes / adds context), with optional evidence. The
 * reply is an ordinary comment of the thread; agreement is counted here, apart from the votes
 * that rate the reply's quality.
 */
export const figureStances = pgTable(
  'figure_stances',
  {
    stanceId: serial('stance_id').primaryKey(),
    figureId: integer('figure_id')
      .notNull()
      .references(() => figures.figureId, { onDelete: 'cascade' }),
    commentId: integer('comment_id')
      .notNull()
      .references(() => comments.commentId, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.userId, { onDelete: 'cascade' }),
    stance: text('stance').$type<Stance>().notNull(),
    evidenceUrl: text('evidence_url'),
    evidenceQuote: text('evidence_quote'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('figure_stances_comment_idx').on(t.figureId, t.commentId),
    index('figure_stances_figure_idx').on(t.figureId, t.createdAt),
  ],
);

/** Readers who asked to hear about a figure's status changes (besides those who commented on it). */
export const figureWatches = pgTable(
  'figure_watches',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.userId, { onDelete: 'cascade' }),
    figureId: integer('figure_id')
      .notNull()
      .references(() => figures.figureId, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.figureId] })],
);

export type FigureStance = typeof figureStances.$inferSelect;

/** "A figure you commented on or watch changed status": what the inbox lists beside replies and mentions. */
export const statusNotifications = pgTable(
  'status_notifications',
  {
    notificationId: serial('notification_id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.userId, { onDelete: 'cascade' }),
    changeId: integer('change_id')
      .notNull()
      .references(() => figureStatusChanges.changeId, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    readAt: tstz('read_at'),
  },
  (t) => [
    uniqueIndex('status_notifications_user_change_idx').on(t.userId, t.changeId),
    index('status_notifications_user_created_idx').on(t.userId, t.createdAt),
  ],
);
