import { index, integer, pgTable, primaryKey } from 'drizzle-orm/pg-core';
import { users } from '../accounts/accounts.sql.ts';
import { createdAt } from '../db/columns.ts';
import { stories } from '../stories/stories.sql.ts';
import { comments } from './comments.sql.ts';

/** One upvote per user and comment; the count lives on comments.upvotes. */
export const commentVotes = pgTable(
  'comment_votes',
  {
    commentId: integer('comment_id')
      .notNull()
      .references(() => comments.commentId, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.userId, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.commentId, t.userId] }), index('comment_votes_user_idx').on(t.userId)],
);

/** One upvote per user and story; the count lives on story_discussions.votes. */
export const storyVotes = pgTable(
  'story_votes',
  {
    storyId: integer('story_id')
      .notNull()
      .references(() => stories.storyId, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.userId, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.storyId, t.userId] }), index('story_votes_user_idx').on(t.userId)],
);
