import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { enqueue } from '../enrich/jobs.ts';
import { articleRevisions, articleSources, articles } from './articles.sql.ts';
import type { IncomingItem, UpsertSummary } from './item.ts';

/**
 * Stores one feed's items idempotently: run it twice, or re-run it after a crash, and every
 * item exists exactly once. Call it inside the transaction that also advances the feed's
 * ETag, so a crash can never leave items unstored behind a 304.
 * A handful of queries per feed, not per item: the fast path is "nothing changed".
 */
export async function upsertFeedItems(db: Db, feedId: number, incoming: IncomingItem[], now = new Date()): Promise<UpsertSummary> {
  const items = uniqueBy(incoming, (i) => i.identity);
  if (items.length === 0) return { newItems: 0, updatedItems: 0, unchanged: 0 };
  const known = await db
    .select({ itemKey: articleSources.itemKey, contentHash: articleSources.contentHash, articleId: articleSources.articleId })
    .from(articleSources)
    .where(and(eq(articleSources.feedId, feedId), inArray(articleSources.itemKey, items.map((i) => i.identity))));
  const byKey = new Map(known.map((k) => [k.itemKey, k]));
  const fresh = items.filter((i) => !byKey.has(i.identity));
  const edited = items.filter((i) => byKey.has(i.identity) && byKey.get(i.identity)!.contentHash !== i.contentHash);
  const unchanged = items.filter((i) => byKey.get(i.identity)?.contentHash === i.contentHash);

  if (unchanged.length) {
    await db
      .update(articleSources)
      .set({ lastSeenAt: now })
      .where(and(eq(articleSources.feedId, feedId), inArray(articleSources.itemKey, unchanged.map((i) => i.identity))));
  }
  // Rows are locked in one global order (article id here, canonical URL below), so two feeds
  // carrying the same stories in different orders cannot deadlock when stored at once.
  const articleIdOf = (i: IncomingItem) => byKey.get(i.identity)!.articleId;
  for (const item of edited.sort((a, b) => articleIdOf(a) - articleIdOf(b))) await applyEdit(db, feedId, articleIdOf(item), item, now);
  if (fresh.length) await insertFresh(db, feedId, fresh, now);
  return { newItems: fresh.length, updatedItems: edited.length, unchanged: unchanged.length };
}

async function insertFresh(db: Db, feedId: number, fresh: IncomingItem[], now: Date): Promise<void> {
  const articleIds = await articleIdsFor(db, feedId, fresh, now);
  await db
    .insert(articleSources)
    .values(fresh.map((item, i) => ({ feedId, articleId: articleIds[i], itemKey: item.identity, link: item.link, contentHash: item.contentHash, lastSeenAt: now })))
    .onConflictDoNothing({ target: [articleSources.feedId, articleSources.itemKey] });
  await enqueue(db, articleIds, 'embed');
  await enqueue(db, articleIds, 'claims');
}

/**
 * One article per canonical URL across feeds; items without a URL get an article of their own, and
 * so do distinct items of one feed that share a URL (a microblog's posts differ only by #fragment).
 */
async function articleIdsFor(db: Db, feedId: number, items: IncomingItem[], now: Date): Promise<number[]> {
  const withUrl = uniqueBy(items.filter((i) => i.canonicalUrl), (i) => i.canonicalUrl!).sort((a, b) => (a.canonicalUrl! < b.canonicalUrl! ? -1 : 1));
  if (withUrl.length) {
    await db.insert(articles).values(withUrl.map((i) => ({ ...articleValues(i, now), createdAt: now }))).onConflictDoNothing({ target: articles.canonicalUrl });
  }
  const urls = withUrl.map((i) => i.canonicalUrl!);
  const rows = urls.length
    ? await db.select({ id: articles.articleId, url: articles.canonicalUrl }).from(articles).where(inArray(articles.canonicalUrl, urls))
    : [];
  const idByUrl = new Map(rows.map((r) => [r.url!, r.id]));
  const ownedByFeed = rows.length
    ? new Set((await db.select({ id: articleSources.articleId }).from(articleSources).where(and(eq(articleSources.feedId, feedId), inArray(articleSources.articleId, rows.map((r) => r.id))))).map((r) => r.id))
    : new Set<number>();
  const ids: number[] = [];
  for (const item of items) {
    const shared = item.canonicalUrl ? idByUrl.get(item.canonicalUrl) : undefined;
    if (shared !== undefined && !ownedByFeed.has(shared)) {
      ids.push(shared);
      ownedByFeed.add(shared);
    } else {
      const [row] = await db.insert(articles).values({ ...articleValues(item, now), canonicalUrl: null, createdAt: now }).returning({ id: articles.articleId });
      ids.push(row.id);
    }
  }
  return ids;
}

async function applyEdit(db: Db, feedId: number, articleId: number, item: IncomingItem, now: Date): Promise<void> {
  const [before] = await db.select({ hash: articles.contentHash, title: articles.title }).from(articles).where(eq(articles.articleId, articleId));
  await db.insert(articleRevisions).values({ articleId, feedId, previousHash: before.hash, contentHash: item.contentHash, previousTitle: before.title, createdAt: now });
  const { publishedAt: _keepOriginalDate, canonicalUrl: _keepIdentity, ...content } = articleValues(item, now);
  await db.update(articles).set({ ...content, updatedAt: now }).where(eq(articles.articleId, articleId));
  await db
    .update(articleSources)
    .set({ contentHash: item.contentHash, lastSeenAt: now, link: item.link })
    .where(and(eq(articleSources.feedId, feedId), eq(articleSources.itemKey, item.identity)));
  await enqueue(db, [articleId], 'embed', { reset: true });
  await enqueue(db, [articleId], 'claims', { reset: true });
}

function articleValues(item: IncomingItem, now: Date) {
  return {
    canonicalUrl: item.canonicalUrl,
    url: item.link,
    title: item.title || '(untitled)',
    author: item.author,
    summary: item.summary,
    contentHtml: item.contentHtml,
    contentText: item.contentText,
    contentHash: item.contentHash,
    // A missing or future date would pin an item to the top forever: first-seen time instead.
    publishedAt: item.publishedAt && item.publishedAt < now ? item.publishedAt : now,
  };
}

function uniqueBy<T>(xs: T[], key: (x: T) => string): T[] {
  const seen = new Set<string>();
  return xs.filter((x) => (seen.has(key(x)) ? false : (seen.add(key(x)), true)));
}
