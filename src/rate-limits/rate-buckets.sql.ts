import { doublePrecision, index, pgTable, text } from 'drizzle-orm/pg-core';
import { tstz } from '../db/columns.ts';

/**
 * Token buckets for the action limits (src/web/http/action-limits.ts), shared by every process on this
 * database. A missing row is a full bucket, so rows untouched for a window are pruned.
 */
export const rateBuckets = pgTable(
  'rate_buckets',
  {
    /** `<action>:<kind>:<who>`, e.g. `vote:ip:192.0.2.1` or `login:name:nate`. */
    key: text('key').primaryKey(),
    tokens: doublePrecision('tokens').notNull(),
    /** When tokens was last computed, on the clock of the process that charged (not the server's now()). */
    updatedAt: tstz('updated_at').notNull(),
  },
  (t) => [index('rate_buckets_updated_at_idx').on(t.updatedAt)],
);
