import { sql } from 'drizzle-orm';
import {
  customType,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  serial,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { users } from '../accounts/accounts.sql.ts';
import { createdAt, tstz } from '../db/columns.ts';
import { stories } from '../stories/stories.sql.ts';

/**
 * Byte-order text: materialised paths must sort in Postgres exactly as in src/discussion/tree.ts
 * (code units), whatever the database's default collation, and "path >= p AND path < p||'/'"
 * ranges must use the index.
 */
const byteText = customType<{ data: string; driverData: string }>({ dataType: () => 'text COLLATE "C"' });

/**
 * Comments on a story, threaded by materialised path (src/discussion/tree.ts): `000001.00000a` is
 * the 10th reply to the story's 1st top-level comment. Never hard-deleted: a deletion blanks the
 * body and leaves a tombstone so replies keep their place.
 *
 * Claims (design note): a reply about one figure of the story gets `claim_id` set, pointing at the
 * claims ledger row (the foreign key is added when the claims table lands). It stays an ordinary
 * comment of the same story and tree, so threading, votes, moderation and the inbox need no
 * change; the claim page lists `WHERE claim_id = $1` threads and the story page can badge them.
 */
export const comments = pgTable(
  'comments',
  {
    commentId: serial('comment_id').primaryKey(),
    storyId: integer('story_id')
      .notNull()
      .references(() => stories.storyId, { onDelete: 'cascade' }),
    claimId: integer('claim_id'),
    parentId: integer('parent_id'),
    path: byteText('path').notNull(),
    depth: integer('depth').notNull(),
    authorId: integer('author_id')
      .notNull()
      .references(() => users.userId, { onDelete: 'cascade' }),
    /** The markdown as typed, and its rendering (src/discussion/markdown.ts) made once at write time. */
    body: text('body').notNull(),
    bodyHtml: text('body_html').notNull(),
    /** Replies made so far, which is also the sequence number of the next reply's path segment. */
    replySeq: integer('reply_seq').notNull().default(0),
    upvotes: integer('upvotes').notNull().default(0),
    flags: integer('flags').notNull().default(0),
    /** commentScore(upvotes, flags), kept beside them so "best" sorts in SQL. */
    score: doublePrecision('score').notNull().default(0),
    createdAt: createdAt(),
    editedAt: tstz('edited_at'),
    deletedAt: tstz('deleted_at'),
    deletedBy: integer('deleted_by').references(() => users.userId, { onDelete: 'set null' }),
  },
  (t) => [
    uniqueIndex('comments_story_path_idx').on(t.storyId, t.path),
    index('comments_story_created_idx').on(t.storyId, t.createdAt),
    index('comments_author_created_idx').on(t.authorId, t.createdAt),
    index('comments_parent_idx').on(t.parentId),
    index('comments_claim_idx')
      .on(t.claimId)
      .where(sql`${t.claimId} is not null`),
  ],
);

/** Per-story discussion counters: the next top-level sequence number, and what the front page ranks by. */
export const storyDiscussions = pgTable('story_discussions', {
  storyId: integer('story_id')
    .primaryKey()
    .references(() => stories.storyId, { onDelete: 'cascade' }),
  topLevelSeq: integer('top_level_seq').notNull().default(0),
  commentCount: integer('comment_count').notNull().default(0),
  votes: integer('votes').notNull().default(0),
  lastCommentAt: tstz('last_comment_at'),
});

/** When a signed-in user last opened a story's discussion, for "new since your last visit" markers. */
export const storyVisits = pgTable(
  'story_visits',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.userId, { onDelete: 'cascade' }),
    storyId: integer('story_id')
      .notNull()
      .references(() => stories.storyId, { onDelete: 'cascade' }),
    seenAt: tstz('seen_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.storyId] })],
);

export type Comment = typeof comments.$inferSelect;
