import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import * as Accounts from '../../src/accounts/accounts.ts';
import { articles } from '../../src/articles/articles.sql.ts';
import { upsertFeedItems } from '../../src/articles/upsert.ts';
import { extractBatch } from '../../src/claims/extract-jobs.ts';
import { inProcessExtractor } from '../../src/claims/extractor.ts';
import { recordCommentFigures } from '../../src/crosscheck/comment-figures.ts';
import type { Db } from '../../src/db/client.ts';
import * as Comments from '../../src/discussion/comments.ts';
import * as Feeds from '../../src/feeds/feeds.ts';
import { parseFeed } from '../../src/ingest/parse.ts';
import { silentLogger } from '../../src/log.ts';

/** The demo articles' figures in the ledger (no stories: enrichment is not under test). */
export async function seedDemoLedger(db: Db): Promise<void> {
  const feed = await Feeds.add(db, { url: 'bundled:demo' });
  await upsertFeedItems(
    db,
    feed.feedId,
    (await parseFeed(readFileSync('src/demo/demo-feed.xml', 'utf8'), { feedUrl: 'bundled:demo' })).items,
  );
  const common = { log: silentLogger, owner: 't', batchSize: 20, leaseSeconds: 60, maxAttempts: 3 };
  while ((await extractBatch({ ...common, db, extractor: inProcessExtractor })).claimed);
}

/** An account of `role`, old enough not to count as new. */
export async function makeUser(
  db: Db,
  username: string,
  role: Accounts.Role = 'commenter',
  now = new Date('2025-10-27T12:00:00Z'),
  createdAt = new Date('2025-01-01T00:00:00Z'),
): Promise<Accounts.CurrentUser> {
  return Accounts.toCurrentUser(await Accounts.create(db, { username, password: null, role, createdAt }), now);
}

/** Posts a comment and files its figures, as the comment route does. */
export async function postChecked(
  db: Db,
  input: { storyId: number; parentId?: number | null; author: Accounts.CurrentUser; text: string; now: Date },
) {
  const comment = await Comments.post(db, {
    storyId: input.storyId,
    parentId: input.parentId ?? null,
    author: input.author,
    text: input.text,
    now: input.now,
  });
  return { comment, checks: await recordCommentFigures(db, comment, { now: input.now }) };
}

export async function leadArticleOf(db: Db, storyId: number): Promise<number> {
  const [row] = await db.select({ id: articles.articleId }).from(articles).where(eq(articles.storyId, storyId));
  return row.id;
}
