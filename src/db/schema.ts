// Every table, for drizzle's relational queries and the client type.
export * from '../feeds/feeds.sql.ts';
export * from '../articles/articles.sql.ts';
export * from '../stories/stories.sql.ts';
export * from '../enrich/enrich.sql.ts';
export * from '../claims/claims.sql.ts';
export * from '../accounts/accounts.sql.ts';
export * from '../discussion/comments.sql.ts';
export * from '../discussion/votes.sql.ts';
export * from '../discussion/notifications.sql.ts';
export * from '../crosscheck/crosscheck.sql.ts';
export * from '../moderation/moderation.sql.ts';
export * from '../rate-limits/rate-buckets.sql.ts';
