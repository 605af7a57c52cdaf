import { sql } from 'drizzle-orm';
import { index, integer, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, tstz, updatedAt } from '../db/columns.ts';
import { feeds } from '../feeds/feeds.sql.ts';
import { stories } from '../stories/stories.sql.ts';

/** One piece of coverage. Items of several feeds with the same canonical URL are one article. */
export const articles = pgTable(
  'articles',
  {
    articleId: serial('article_id').primaryKey(),
    canonicalUrl: text('canonical_url').unique(),
    url: text('url'),
    title: text('title').notNull(),
    author: text('author'),
    summary: text('summary'),
    contentHtml: text('content_html').notNull().default(''),
    contentText: text('content_text').notNull().default(''),
    contentHash: text('content_hash').notNull(),
    publishedAt: tstz('published_at').notNull(),
    storyId: integer('story_id').references(() => stories.storyId, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('articles_published_at_idx').on(t.publishedAt),
    index('articles_story_idx').on(t.storyId),
    index('articles_search_idx').using('gin', sql`to_tsvector('english', ${t.title} || ' ' || ${t.contentText})`),
  ],
);

/** Where an article came from: one row per (feed, item identity). */
export const articleSources = pgTable(
  'article_sources',
  {
    articleSourceId: serial('article_source_id').primaryKey(),
    feedId: integer('feed_id').notNull().references(() => feeds.feedId, { onDelete: 'cascade' }),
    articleId: integer('article_id').notNull().references(() => articles.articleId, { onDelete: 'cascade' }),
    itemKey: text('item_key').notNull(),
    link: text('link'),
    contentHash: text('content_hash').notNull(),
    firstSeenAt: createdAt(),
    lastSeenAt: tstz('last_seen_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('article_sources_feed_item_idx').on(t.feedId, t.itemKey),
    index('article_sources_article_idx').on(t.articleId),
  ],
);

/** When an item's content changed, and what it was called then. */
export const articleRevisions = pgTable(
  'article_revisions',
  {
    articleRevisionId: serial('article_revision_id').primaryKey(),
    articleId: integer('article_id').notNull().references(() => articles.articleId, { onDelete: 'cascade' }),
    feedId: integer('feed_id').references(() => feeds.feedId, { onDelete: 'set null' }),
    previousHash: text('previous_hash').notNull(),
    contentHash: text('content_hash').notNull(),
    previousTitle: text('previous_title').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('article_revisions_article_idx').on(t.articleId)],
);

export type Article = typeof articles.$inferSelect;
