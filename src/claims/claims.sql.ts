import { boolean, doublePrecision, index, integer, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { articles } from '../articles/articles.sql.ts';
import { createdAt, tstz, updatedAt } from '../db/columns.ts';

/**
 * The ledger: one row per figure, i.e. per canonical subject + measure + resolved time (see
 * figure-key.ts). Claims from every article and comment that state that figure point at it.
 */
export const figures = pgTable(
  'figures',
  {
    figureId: serial('figure_id').primaryKey(),
    /** Normalised subject and measure (see figure-key.ts): the identity. */
    subjectKey: text('subject_key').notNull(),
    measure: text('measure').notNull(),
    /** The subject and metric as first written, for display. */
    subject: text('subject').notNull(),
    metric: text('metric').notNull(),
    /** Resolved time, part of the identity: "2024-05..2024-07" (a flow's months), "@2025-03-12" (a level's instant). */
    periodKey: text('period_key').notNull(),
    /** The period as first written, for display. */
    period: text('period'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('figures_identity_idx').on(t.subjectKey, t.measure, t.periodKey)],
);

/** One figure as stated in one place (an article's text, or a comment), with its exact quote. */
export const claims = pgTable(
  'claims',
  {
    claimId: serial('claim_id').primaryKey(),
    articleId: integer('article_id').references(() => articles.articleId, { onDelete: 'cascade' }),
    /** Set for figures typed into comments (the discussion module owns comments). */
    commentId: integer('comment_id'),
    figureId: integer('figure_id').references(() => figures.figureId, { onDelete: 'set null' }),
    quote: text('quote').notNull(),
    startOffset: integer('start_offset').notNull(),
    endOffset: integer('end_offset').notNull(),
    metric: text('metric').notNull(),
    subject: text('subject'),
    value: doublePrecision('value').notNull(),
    valueHigh: doublePrecision('value_high'),
    unit: text('unit').notNull(),
    per: text('per'),
    period: text('period'),
    direction: text('direction'),
    hedged: boolean('hedged').notNull(),
    /**
     * How the period was anchored in time (time.ts): 'interval' (a resolved span of months),
     * 'asof' (an instant), 'stated' (a level with no time written: as of its statement) or
     * 'undated' (a flow or rate with no period: shown apart, never a contradiction).
     */
    timeKind: text('time_kind').notNull().default('undated'),
    /** The resolved time: "2024-05..2024-07", "@2025-03-12", or '' (see time.ts timeKey). */
    timeKey: text('time_key').notNull().default(''),
    extractorVersion: text('extractor_version').notNull(),
    /** When the source said it (article publication or comment time): orders "who said it first". */
    statedAt: tstz('stated_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('claims_article_idx').on(t.articleId),
    index('claims_comment_idx').on(t.commentId),
    index('claims_figure_idx').on(t.figureId),
    // /figures walks claims newest first to list figures by their latest statement (figure-index.ts).
    index('claims_stated_at_figure_idx').on(t.statedAt, t.figureId),
  ],
);

export type Figure = typeof figures.$inferSelect;
export type StoredClaim = typeof claims.$inferSelect;

/** A figure whose claims all moved to another when the identity rules changed: its old URL redirects. */
export const figureRedirects = pgTable('figure_redirects', {
  fromFigureId: integer('from_figure_id').primaryKey(),
  toFigureId: integer('to_figure_id')
    .notNull()
    .references(() => figures.figureId, { onDelete: 'cascade' }),
  createdAt: createdAt(),
});
