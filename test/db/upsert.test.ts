import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as Articles from '../../src/articles/articles.ts';
import { upsertFeedItems } from '../../src/articles/upsert.ts';
import { queryRows } from '../../src/db/sql.ts';
import * as Feeds from '../../src/feeds/feeds.ts';
import { drivers, emptyDatabase, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { item } from '../support/items.ts';

describe.each(drivers)('article upsert on %s', (driver) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(driver);
  });
  afterAll(() => t?.close());
  beforeEach(() => emptyDatabase(t.db));

  /** Feed a.example with items 1–3 stored once: where the later cases start. */
  const seedFirstFeed = async () => {
    const feed = await Feeds.add(t.db, { url: 'https://a.example/feed' });
    await upsertFeedItems(
      t.db,
      feed.feedId,
      [1, 2, 3].map((n) => item(n)),
    );
    return feed;
  };

  const counts = async () =>
    (
      await queryRows<{ articles: number; sources: number; revisions: number }>(
        t.db,
        sql`select (select count(*)::int from articles) as articles, (select count(*)::int from article_sources) as sources, (select count(*)::int from article_revisions) as revisions`,
      )
    )[0];

  it('when the same items are stored twice, then each exists once and the second run reports nothing new', async () => {
    const feed = await Feeds.add(t.db, { url: 'https://a.example/feed' });
    const items = [1, 2, 3].map((n) => item(n));
    expect(await upsertFeedItems(t.db, feed.feedId, items)).toEqual({ newItems: 3, updatedItems: 0, unchanged: 0 });
    expect(await upsertFeedItems(t.db, feed.feedId, items)).toEqual({ newItems: 0, updatedItems: 0, unchanged: 3 });
    expect(await counts()).toMatchObject({ articles: 3, sources: 3 });
  });

  it('when another feed carries the same canonical URL, then it is one article with two sources', async () => {
    await seedFirstFeed();
    const other = await Feeds.add(t.db, { url: 'https://b.example/rss' });
    await upsertFeedItems(t.db, other.feedId, [
      item(1, { identity: 'b-1', guid: 'b-1', title: 'Story 1 (syndicated)' }),
    ]);
    expect(await counts()).toMatchObject({ articles: 3, sources: 4 });
    const [first] = await Articles.latest(t.db, { limit: 10, before: new Date(Date.UTC(2025, 9, 1, 0, 2)) });
    expect(first.sources.map((s) => s.feedTitle).sort()).toEqual(['https://a.example/feed', 'https://b.example/rss']);
  });

  it('when an item is edited (same id, new content), then it updates in place and records a revision', async () => {
    const feed = await seedFirstFeed();
    const edited = item(2, { title: 'Story 2, corrected', contentHtml: '<p>Body 2 v2</p>' });
    expect(await upsertFeedItems(t.db, feed.feedId, [edited])).toMatchObject({ updatedItems: 1, newItems: 0 });
    expect(await counts()).toMatchObject({ articles: 3, revisions: 1 });
    const [row] = await queryRows<{ article_id: number }>(
      t.db,
      sql`select article_id from articles where title = 'Story 2, corrected'`,
    );
    const stored = await Articles.byId(t.db, row.article_id);
    expect(stored).toMatchObject({ contentHtml: '<p>Body 2 v2</p>', revisions: 1 });
  });

  it('when a feed repeats an item id within one document, then only the first is stored', async () => {
    const feed = await Feeds.add(t.db, { url: 'https://c.example/atom' });
    const summary = await upsertFeedItems(t.db, feed.feedId, [item(10), item(10, { title: 'dup' })]);
    expect(summary.newItems).toBe(1);
  });

  it('when distinct items of one feed share a canonical URL, then each is an article of its own, across polls', async () => {
    const feed = await Feeds.add(t.db, { url: 'https://micro.example/rss' });
    const post = (n: number) =>
      item(50 + n, {
        canonicalUrl: 'https://micro.example/2025/10/26.html',
        link: `https://micro.example/2025/10/26.html#a${n}`,
        title: `Post ${n}`,
      });
    await upsertFeedItems(t.db, feed.feedId, [post(1), post(2)]);
    expect((await upsertFeedItems(t.db, feed.feedId, [post(1), post(2), post(3)])).newItems).toBe(1);
    const rows = await queryRows<{ n: number }>(
      t.db,
      sql`select count(distinct article_id)::int as n from article_sources where feed_id = ${feed.feedId}`,
    );
    expect(rows[0].n).toBe(3);
  });

  it('when an item has no link, then it still gets an article of its own, once', async () => {
    const feed = await Feeds.add(t.db, { url: 'https://d.example/feed' });
    const noLink = item(20, { link: null, canonicalUrl: null });
    await upsertFeedItems(t.db, feed.feedId, [noLink]);
    await upsertFeedItems(t.db, feed.feedId, [noLink]);
    const rows = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from articles where title = 'Story 20'`,
    );
    expect(rows[0].n).toBe(1);
  });

  it('when an item has no date or a future date, then it is dated when first seen', async () => {
    const feed = await Feeds.add(t.db, { url: 'https://e.example/feed' });
    const now = new Date('2026-01-01T00:00:00Z');
    await upsertFeedItems(
      t.db,
      feed.feedId,
      [item(30, { publishedAt: null }), item(31, { publishedAt: new Date('2099-01-01T00:00:00Z') })],
      now,
    );
    const rows = await queryRows<{ published_at: string | Date }>(
      t.db,
      sql`select published_at from articles where title in ('Story 30', 'Story 31')`,
    );
    expect(rows.map((r) => new Date(r.published_at).toISOString())).toEqual([now.toISOString(), now.toISOString()]);
  });

  it('when a transaction storing items fails halfway, then nothing of it is kept and a re-run stores everything once', async () => {
    const feed = await Feeds.add(t.db, { url: 'https://f.example/feed' });
    const items = [40, 41, 42].map((n) => item(n));
    await expect(
      t.db.transaction(async (tx) => {
        await upsertFeedItems(tx as never, feed.feedId, items);
        throw new Error('crash after storing');
      }),
    ).rejects.toThrow('crash after storing');
    expect(
      (
        await queryRows<{ n: number }>(
          t.db,
          sql`select count(*)::int as n from article_sources where feed_id = ${feed.feedId}`,
        )
      )[0].n,
    ).toBe(0);
    await upsertFeedItems(t.db, feed.feedId, items);
    expect(
      (
        await queryRows<{ n: number }>(
          t.db,
          sql`select count(*)::int as n from article_sources where feed_id = ${feed.feedId}`,
        )
      )[0].n,
    ).toBe(3);
  });
});
