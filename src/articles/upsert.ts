import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { queryRows } from '../db/sql.ts';
import { enqueue } from '../enrich/jobs.ts';
import { articleRevisions, articleSources, articles } from './articles.sql.ts';
import type { IncomingItem, UpsertSummary } from './item.ts';

/** One feed's items, as handed to `storeFeedItems`. */
export type FeedItems = { feedId: number; items: IncomingItem[] };

/**
 * Stores one feed's items idempotently: run it twice, or re-run it after a crash, and every
 * item exists exactly once. Call it inside the transaction that also advances the feed's
 * ETag, so a crash can never leave items unstored behind a 304.
 */
export async function upsertFeedItems(
  db: Db,
  feedId: number,
  incoming: IncomingItem[],
  now = new Date(),
): Promise<UpsertSummary> {
  const [summary] = await storeFeedItems(db, [{ feedId, items: incoming }], now);
  return summary;
}

/**
 * Stores several feeds' items at once (a poll's group commit, src/ingest/feed-store.ts) with a
 * fixed number of set-based statements, however many feeds and items: the fast path is
 * "nothing changed", and a poll of many small feeds no longer pays a dozen round trips per feed.
 * Rows travel as one JSON document per statement (no parameter limit, the same on both drivers).
 * Summaries come back in the order of `batches`.
 */
export async function storeFeedItems(db: Db, batches: FeedItems[], now = new Date()): Promise<UpsertSummary[]> {
  const feedsItems = batches.map((b) => ({ feedId: b.feedId, items: uniqueBy(b.items, (i) => i.identity) }));
  const summaries = feedsItems.map(() => ({ newItems: 0, updatedItems: 0, unchanged: 0 }));
  const all = feedsItems.flatMap((b, at) => b.items.map((item) => ({ at, feedId: b.feedId, item })));
  if (all.length === 0) return summaries;

  const known = await queryRows<{ feed_id: number; item_key: string; content_hash: string; article_id: number }>(
    db,
    sql`SELECT s.feed_id, s.item_key, s.content_hash, s.article_id
        FROM article_sources s
        JOIN jsonb_to_recordset(${json(all.map((e) => ({ f: e.feedId, k: e.item.identity })))}::jsonb) AS v(f int, k text)
          ON s.feed_id = v.f AND s.item_key = v.k`,
  );
  const keyOf = (feedId: number, itemKey: string) => `${feedId}\u0000${itemKey}`;
  const byKey = new Map(
    known.map((k) => [
      keyOf(Number(k.feed_id), k.item_key),
      { contentHash: k.content_hash, articleId: Number(k.article_id) },
    ]),
  );
  const fresh: typeof all = [];
  const edited: ((typeof all)[number] & { articleId: number })[] = [];
  const unchanged: typeof all = [];
  for (const entry of all) {
    const seen = byKey.get(keyOf(entry.feedId, entry.item.identity));
    if (!seen) fresh.push(entry);
    else if (seen.contentHash !== entry.item.contentHash) edited.push({ ...entry, articleId: seen.articleId });
    else unchanged.push(entry);
  }

  if (unchanged.length) {
    await db.execute(
      sql`UPDATE article_sources s SET last_seen_at = ${now.toISOString()}::timestamptz
          FROM jsonb_to_recordset(${json(unchanged.map((e) => ({ f: e.feedId, k: e.item.identity })))}::jsonb) AS v(f int, k text)
          WHERE s.feed_id = v.f AND s.item_key = v.k`,
    );
    for (const e of unchanged) summaries[e.at].unchanged += 1;
  }
  // Rows are locked in one global order (article id here, canonical URL below), so two processes
  // storing the same stories in different orders cannot deadlock.
  for (const e of edited.sort((a, b) => a.articleId - b.articleId)) {
    await applyEdit(db, e.feedId, e.articleId, e.item, now);
    summaries[e.at].updatedItems += 1;
  }
  if (fresh.length) {
    await insertFresh(db, fresh, now);
    for (const e of fresh) summaries[e.at].newItems += 1;
  }
  return summaries;
}

/**
 * One article per canonical URL across feeds; items without a URL get an article of their own, and
 * so do distinct items of one feed that share a URL (a microblog's posts differ only by #fragment).
 */
async function insertFresh(db: Db, fresh: { feedId: number; item: IncomingItem }[], now: Date): Promise<void> {
  const withUrl = uniqueBy(
    fresh.map((e) => e.item).filter((i) => i.canonicalUrl),
    (i) => i.canonicalUrl!,
  ).sort((a, b) => (a.canonicalUrl! < b.canonicalUrl! ? -1 : 1));
  const shared = new Map<string, { id: number; feeds: Set<number> }>();
  if (withUrl.length) {
    await insertArticles(
      db,
      withUrl.map((i) => ({ ...articleRow(i, now), canonical_url: i.canonicalUrl })),
      false,
    );
    const rows = await queryRows<{ article_id: number; canonical_url: string; feed_ids: string | null }>(
      db,
      sql`SELECT a.article_id, a.canonical_url, string_agg(s.feed_id::text, ',') AS feed_ids
          FROM articles a LEFT JOIN article_sources s ON s.article_id = a.article_id
          WHERE a.canonical_url IN (SELECT u FROM jsonb_array_elements_text(${json(withUrl.map((i) => i.canonicalUrl))}::jsonb) AS u)
          GROUP BY a.article_id, a.canonical_url`,
    );
    for (const r of rows)
      shared.set(r.canonical_url, {
        id: Number(r.article_id),
        feeds: new Set((r.feed_ids ?? '').split(',').filter(Boolean).map(Number)),
      });
  }
  const ids: number[] = new Array(fresh.length);
  const own: number[] = [];
  fresh.forEach((e, n) => {
    const article = e.item.canonicalUrl ? shared.get(e.item.canonicalUrl) : undefined;
    if (article && !article.feeds.has(e.feedId)) {
      ids[n] = article.id;
      article.feeds.add(e.feedId);
    } else own.push(n);
  });
  if (own.length) {
    // Ids are drawn first so each item knows its own article without relying on RETURNING order.
    const drawn = await queryRows<{ id: number }>(
      db,
      sql`SELECT nextval(pg_get_serial_sequence('articles', 'article_id'))::int AS id FROM generate_series(1, ${own.length})`,
    );
    own.forEach((n, k) => (ids[n] = Number(drawn[k].id)));
    await insertArticles(
      db,
      own.map((n) => ({ ...articleRow(fresh[n].item, now), article_id: ids[n], canonical_url: null })),
      true,
    );
  }
  await db.execute(
    sql`INSERT INTO article_sources (feed_id, article_id, item_key, link, content_hash, created_at, last_seen_at)
        SELECT v.feed_id, v.article_id, v.item_key, v.link, v.content_hash, ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz
        FROM jsonb_to_recordset(${json(fresh.map((e, n) => ({ feed_id: e.feedId, article_id: ids[n], item_key: e.item.identity, link: e.item.link, content_hash: e.item.contentHash })))}::jsonb)
          AS v(feed_id int, article_id int, item_key text, link text, content_hash text)
        ON CONFLICT (feed_id, item_key) DO NOTHING`,
  );
  await enqueue(db, ids, ['embed', 'claims']);
}

type ArticleRow = ReturnType<typeof articleRow> & { article_id?: number; canonical_url: string | null };

async function insertArticles(db: Db, rows: ArticleRow[], withIds: boolean): Promise<void> {
  const columns = sql.raw(
    `${withIds ? 'article_id, ' : ''}canonical_url, url, title, author, summary, content_html, content_text, content_hash, published_at, created_at, updated_at`,
  );
  const values = sql.raw(
    `${withIds ? 'v.article_id, ' : ''}v.canonical_url, v.url, v.title, v.author, v.summary, v.content_html, v.content_text, v.content_hash, v.published_at, v.created_at, v.created_at`,
  );
  await db.execute(
    sql`INSERT INTO articles (${columns})
        SELECT ${values}
        FROM jsonb_to_recordset(${json(rows)}::jsonb)
          AS v(article_id int, canonical_url text, url text, title text, author text, summary text, content_html text, content_text text, content_hash text, published_at timestamptz, created_at timestamptz)
        ${withIds ? sql`` : sql`ON CONFLICT (canonical_url) DO NOTHING`}`,
  );
}

async function applyEdit(db: Db, feedId: number, articleId: number, item: IncomingItem, now: Date): Promise<void> {
  const [before] = await db
    .select({ hash: articles.contentHash, title: articles.title })
    .from(articles)
    .where(eq(articles.articleId, articleId));
  await db.insert(articleRevisions).values({
    articleId,
    feedId,
    previousHash: before.hash,
    contentHash: item.contentHash,
    previousTitle: before.title,
    createdAt: now,
  });
  const { published_at: _keepOriginalDate, created_at: _keepCreated, ...row } = articleRow(item, now);
  await db
    .update(articles)
    .set({
      url: row.url,
      title: row.title,
      author: row.author,
      summary: row.summary,
      contentHtml: row.content_html,
      contentText: row.content_text,
      contentHash: row.content_hash,
      updatedAt: now,
    })
    .where(eq(articles.articleId, articleId));
  await db
    .update(articleSources)
    .set({ contentHash: item.contentHash, lastSeenAt: now, link: item.link })
    .where(and(eq(articleSources.feedId, feedId), eq(articleSources.itemKey, item.identity)));
  await enqueue(db, [articleId], ['embed', 'claims'], { reset: true });
}

function articleRow(item: IncomingItem, now: Date) {
  return {
    url: item.link,
    title: item.title || '(untitled)',
    author: item.author,
    summary: item.summary,
    content_html: item.contentHtml,
    content_text: item.contentText,
    content_hash: item.contentHash,
    // A missing or future date would pin an item to the top forever: first-seen time instead.
    published_at: (item.publishedAt && item.publishedAt < now ? item.publishedAt : now).toISOString(),
    created_at: now.toISOString(),
  };
}

/** A JSON document for jsonb_to_recordset. PostgreSQL text cannot hold NUL, which no feed text needs. */
function json(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'string' && v.includes('\u0000') ? v.replaceAll('\u0000', '') : v,
  );
}

function uniqueBy<T>(xs: T[], key: (x: T) => string): T[] {
  const seen = new Set<string>();
  return xs.filter((x) => (seen.has(key(x)) ? false : (seen.add(key(x)), true)));
}
