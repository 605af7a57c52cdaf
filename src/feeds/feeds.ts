import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { feeds, type Feed } from './feeds.sql.ts';

export type { Feed };

export type FeedInput = { url: string; title?: string; priority?: number };

/** Feeds: subscription and fetch state. Only this module writes the feeds table. */
export async function add(db: Db, input: FeedInput): Promise<Feed> {
  return (await subscribe(db, input)).feed;
}

/** Subscribes to a feed once: a URL already subscribed to keeps its row (and title), `created: false`. */
export async function subscribe(db: Db, input: FeedInput): Promise<{ feed: Feed; created: boolean }> {
  const url = normalizeFeedUrl(input.url);
  const [row] = await db
    .insert(feeds)
    .values({ url, title: input.title ?? '', priority: input.priority ?? 0 })
    .onConflictDoNothing({ target: feeds.url })
    .returning();
  if (row) return { feed: row, created: true };
  const existing = await byUrl(db, url);
  if (!existing) throw new AppError('feed_add', `Could not add ${url}`);
  return { feed: existing, created: false };
}

export function normalizeFeedUrl(raw: string): string {
  const trimmed = raw.trim();
  if (trimmed.startsWith('bundled:')) return trimmed;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new AppError('feed_url', `Not a URL: ${JSON.stringify(raw)}`, { status: 400 });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AppError('feed_url', `Only http and https feeds are supported, not ${url.protocol}`, { status: 400 });
  }
  url.hash = '';
  return url.toString();
}

export async function byUrl(db: Db, url: string): Promise<Feed | undefined> {
  const [row] = await db.select().from(feeds).where(eq(feeds.url, url));
  return row;
}

export async function byId(db: Db, feedId: number): Promise<Feed | undefined> {
  const [row] = await db.select().from(feeds).where(eq(feeds.feedId, feedId));
  return row;
}

export function list(db: Db): Promise<Feed[]> {
  return db.select().from(feeds).orderBy(asc(feeds.title), asc(feeds.url));
}

export async function setEnabled(db: Db, feedId: number, enabled: boolean, reason?: string): Promise<Feed> {
  const [row] = await db
    .update(feeds)
    .set(
      enabled
        ? {
            disabledAt: null,
            disabledReason: null,
            parseFailures: 0,
            consecutiveErrors: 0,
            nextFetchAt: sql`now()`,
            updatedAt: sql`now()`,
          }
        : { disabledAt: sql`now()`, disabledReason: reason ?? 'Disabled by an operator', updatedAt: sql`now()` },
    )
    .where(eq(feeds.feedId, feedId))
    .returning();
  if (!row) throw new AppError('feed_not_found', `No feed #${feedId}`, { status: 404 });
  return row;
}

/**
 * Unsubscribes: the row goes, and with it (ON DELETE CASCADE) the feed's article_sources rows; its
 * articles stay (other feeds may carry them, and figures, stories and discussions point at them).
 * A feed under an unexpired lease is being polled: refused with 409 rather than racing the poll.
 */
export async function remove(db: Db, feedId: number): Promise<Feed> {
  const [row] = await db
    .delete(feeds)
    .where(and(eq(feeds.feedId, feedId), sql`(${feeds.leaseUntil} is null or ${feeds.leaseUntil} < now())`))
    .returning();
  if (row) return row;
  const existing = await byId(db, feedId);
  if (!existing) throw new AppError('feed_not_found', `No feed #${feedId}`, { status: 404 });
  const message = 'This feed is being polled right now; try again in a few minutes.';
  throw new AppError('feed_leased', `Feed #${feedId} is leased until ${existing.leaseUntil?.toISOString()}`, {
    status: 409,
    userMessage: message,
  });
}

/** Makes every feed due now (the `ingest --once` of a fresh start, or an operator's "refresh all"). */
export async function markAllDue(db: Db): Promise<void> {
  await db.update(feeds).set({ nextFetchAt: sql`now()` });
}

/** Feeds as OPML outlines; bundled feeds are part of this installation, not subscriptions. */
export async function subscriptions(db: Db): Promise<{ title: string; url: string; siteUrl: string | null }[]> {
  return (await list(db))
    .filter((f) => !f.url.startsWith('bundled:'))
    .map((f) => ({ title: f.title || f.url, url: f.url, siteUrl: f.siteUrl }));
}
