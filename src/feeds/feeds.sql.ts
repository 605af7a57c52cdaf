import { index, integer, pgTable, serial, text } from 'drizzle-orm/pg-core';
import { createdAt, tstz, updatedAt } from '../db/columns.ts';

/** A subscribed feed and its fetch state (as Miniflux keeps it on the feed row). */
export const feeds = pgTable(
  'feeds',
  {
    feedId: serial('feed_id').primaryKey(),
    url: text('url').notNull().unique(),
    title: text('title').notNull().default(''),
    siteUrl: text('site_url'),
    description: text('description'),
    /** Higher wins when choosing a story's lead article. */
    priority: integer('priority').notNull().default(0),
    etag: text('etag'),
    /** SHA-256 of the last body stored (with the parser's version): an identical body is not parsed again. */
    bodyHash: text('body_hash'),
    lastModified: text('last_modified'),
    ttlMinutes: integer('ttl_minutes'),
    lastFetchedAt: tstz('last_fetched_at'),
    lastSuccessAt: tstz('last_success_at'),
    nextFetchAt: tstz('next_fetch_at').notNull().defaultNow(),
    consecutiveErrors: integer('consecutive_errors').notNull().default(0),
    parseFailures: integer('parse_failures').notNull().default(0),
    lastError: text('last_error'),
    lastErrorAt: tstz('last_error_at'),
    disabledAt: tstz('disabled_at'),
    disabledReason: text('disabled_reason'),
    leaseOwner: text('lease_owner'),
    leaseUntil: tstz('lease_until'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('feeds_next_fetch_at_idx').on(t.nextFetchAt)],
);

export type Feed = typeof feeds.$inferSelect;
