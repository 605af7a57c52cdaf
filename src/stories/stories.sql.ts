import { sql } from 'drizzle-orm';
import { index, integer, pgTable, real, serial, text } from 'drizzle-orm/pg-core';
import { createdAt, tstz, updatedAt } from '../db/columns.ts';

/** Coverage of one event from many sources: what the front page ranks and discussions attach to. */
export const stories = pgTable(
  'stories',
  {
    storyId: serial('story_id').primaryKey(),
    title: text('title').notNull(),
    leadArticleId: integer('lead_article_id'),
    articleCount: integer('article_count').notNull().default(0),
    firstPublishedAt: tstz('first_published_at').notNull(),
    lastPublishedAt: tstz('last_published_at').notNull(),
    /** L2-normalised mean of the members' vectors, for the embedder named beside it. */
    centroid: real('centroid').array(),
    embedder: text('embedder'),
    /** Topics (see tags.ts), derived from the story's figures and text until a moderator edits them. */
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    tagsEditedAt: tstz('tags_edited_at'),
    /** Set when a moderator merged this story into another. */
    mergedInto: integer('merged_into'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  // (embedder, updated_at): the centroid cache (vector-cache.ts) reads only stories changed since its last look.
  (t) => [
    index('stories_last_published_at_idx').on(t.lastPublishedAt),
    index('stories_embedder_updated_at_idx').on(t.embedder, t.updatedAt),
  ],
);

export type Story = typeof stories.$inferSelect;
