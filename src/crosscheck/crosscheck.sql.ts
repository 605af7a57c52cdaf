import { index, integer, pgTable, serial, text } from 'drizzle-orm/pg-core';
import { users } from '../accounts/accounts.sql.ts';
import { claims, figures } from '../claims/claims.sql.ts';
import { createdAt, tstz } from '../db/columns.ts';

/** How a figure typed into a comment fared against the ledger when it was posted (or edited). */
export const CHECK_OUTCOMES = ['supported', 'conflicts', 'cited', 'unsourced', 'unattributed'] as const;
export type CheckOutcome = (typeof CHECK_OUTCOMES)[number];

/** One row per comment claim; replaced with the claims when a comment is edited (cascade). */
export const claimChecks = pgTable(
  'claim_checks',
  {
    claimId: integer('claim_id').primaryKey().references(() => claims.claimId, { onDelete: 'cascade' }),
    outcome: text('outcome').$type<CheckOutcome>().notNull(),
    /** The article claim that supports (or, failing that, contradicts) it. */
    matchedClaimId: integer('matched_claim_id').references(() => claims.claimId, { onDelete: 'set null' }),
    /** A link in the comment, attached as this figure's citation. */
    evidenceUrl: text('evidence_url'),
    checkedAt: tstz('checked_at').notNull(),
  },
  (t) => [index('claim_checks_outcome_idx').on(t.outcome)],
);

export const FIGURE_STATUSES = ['unreviewed', 'supported', 'disputed', 'unsupported', 'verified', 'incorrect'] as const;
export type FigureStatus = (typeof FIGURE_STATUSES)[number];

/**
 * Every change of a figure's review status, newest last; the current status is the latest row
 * (none: unreviewed). Automatic changes (a comment's check) have no moderator.
 */
export const figureStatusChanges = pgTable(
  'figure_status_changes',
  {
    changeId: serial('change_id').primaryKey(),
    figureId: integer('figure_id').notNull().references(() => figures.figureId, { onDelete: 'cascade' }),
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
