import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { storeFeedItems } from '../../src/articles/upsert.ts';
import { queryRows } from '../../src/db/sql.ts';
import { claimDue } from '../../src/feeds/feed-state.ts';
import * as Feeds from '../../src/feeds/feeds.ts';
import { createFeedStore, type ReadyFeed } from '../../src/ingest/feed-store.ts';
import { silentLogger } from '../../src/log.ts';
import { drivers, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { item } from '../support/items.ts';

describe.each(drivers)('group-committed feed writes on %s', (driver) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(driver);
  });
  afterAll(() => t?.close());
  beforeEach(async () => {
    await t.db.execute(sql`TRUNCATE feeds, articles RESTART IDENTITY CASCADE`);
  });

  let added = 0;
  const claimed = async (n: number) => {
    for (let i = 0; i < n; i++) await Feeds.add(t.db, { url: `https://feed${added++}.example/rss` });
    return (await claimDue(t.db, 'me', { limit: n, leaseSeconds: 60 })).sort((a, b) => a.feedId - b.feedId);
  };
  const ready = (feed: ReadyFeed['feed'], items: ReadyFeed['items'], etag: string): ReadyFeed => ({
    feed,
    owner: 'me',
    items,
    outcome: {
      kind: 'ok',
      etag,
      lastModified: null,
      ttlMinutes: null,
      title: `Feed ${feed.feedId}`,
      siteUrl: null,
      description: null,
      nextFetchAt: new Date(Date.now() + 3_600_000),
    },
  });

  it('when feeds arrive while a write is under way, then they are written together in one transaction, each with its ETag', async () => {
    const feeds = await claimed(4);
    const submit = (i: number) =>
      createdStore.submit(
        ready(
          feeds[i],
          [item(10 * i + 1, { identity: `f${i}-1` }), item(10 * i + 2, { identity: `f${i}-2` })],
          `"v${i}"`,
        ),
      );
    const first = submit(0);
    await new Promise((r) => setImmediate(r)); // the first feed's write is under way
    const results = await Promise.all([first, submit(1), submit(2), submit(3)]);
    expect(results).toEqual(feeds.map(() => ({ newItems: 2, updatedItems: 0, unchanged: 0 })));
    // Rows written by one transaction share its xmin: the first feed alone, the three that queued behind it together.
    const groups = await queryRows<{ feed_id: number; tx: string }>(
      t.db,
      sql`SELECT feed_id, xmin::text AS tx FROM article_sources ORDER BY feed_id`,
    );
    const txOf = new Map(groups.map((g) => [Number(g.feed_id), g.tx]));
    expect(new Set(feeds.slice(1).map((f) => txOf.get(f.feedId))).size).toBe(1);
    expect(txOf.get(feeds[0].feedId)).not.toBe(txOf.get(feeds[1].feedId));
    const rows = await queryRows<{ etag: string; title: string; lease_owner: string | null }>(
      t.db,
      sql`SELECT etag, title, lease_owner FROM feeds ORDER BY feed_id`,
    );
    expect(rows).toEqual(feeds.map((f, i) => ({ etag: `"v${i}"`, title: `Feed ${f.feedId}`, lease_owner: null })));
  });

  it('when feeds are still being parsed as a write is due, then it waits for them and writes all in one transaction', async () => {
    const feeds = await claimed(3);
    const store = createFeedStore({ db: t.db, log: silentLogger, lingerMs: 5_000 });
    const parsing = feeds.map(() => store.parsing());
    const first = store.submit(ready(feeds[0], [item(1, { identity: 'p-1' })], '"p1"'));
    parsing[0]();
    const later = feeds.slice(1).map(async (f, i) => {
      await new Promise((r) => setTimeout(r, 30 * (i + 1)));
      const submitted = store.submit(ready(f, [item(2 + i, { identity: `p-${2 + i}` })], `"p${2 + i}"`));
      parsing[i + 1]();
      return submitted;
    });
    await Promise.all([first, ...later]);
    const txs = await queryRows<{ tx: string }>(t.db, sql`SELECT DISTINCT xmin::text AS tx FROM article_sources`);
    expect(txs).toHaveLength(1);
  });

  it('when a feed being parsed never arrives, then the write goes ahead once its parsing ends (or after the linger time)', async () => {
    const feeds = await claimed(1);
    const store = createFeedStore({ db: t.db, log: silentLogger, lingerMs: 60_000 });
    const failedParse = store.parsing();
    const stuck = store.parsing();
    const submitted = store.submit(ready(feeds[0], [item(1, { identity: 'q-1' })], '"q"'));
    failedParse();
    stuck();
    await expect(submitted).resolves.toMatchObject({ newItems: 1 });
    const quick = createFeedStore({ db: t.db, log: silentLogger, lingerMs: 20 });
    quick.parsing(); // never ends
    const [other] = await claimed(1);
    await expect(quick.submit(ready(other, [item(2, { identity: 'q-2' })], '"q2"'))).resolves.toMatchObject({
      newItems: 1,
    });
  });

  it('when queued feeds exceed the group size in items or content, then they are split over several writes, one feed at least each', async () => {
    const feeds = await claimed(5);
    const big = 'x'.repeat(5_000);
    const store = createFeedStore({ db: t.db, log: silentLogger, maxGroupItems: 3, maxGroupChars: 12_000 });
    const submit = (i: number, n: number, html = '<p>b</p>') =>
      store.submit(
        ready(
          feeds[i],
          Array.from({ length: n }, (_, k) =>
            item(100 * i + k, { identity: `g${i}-${k}`, contentHtml: html, contentText: html }),
          ),
          `"g${i}"`,
        ),
      );
    const first = submit(0, 1);
    await new Promise((r) => setImmediate(r));
    // Queued behind the first write: feeds 1 and 2 (2 + 2 items) exceed 3 items; 2 and 3 fit (3 items,
    // ~10.5k characters); 3 and 4 (~20k characters) exceed 12k.
    await Promise.all([first, submit(1, 2), submit(2, 2), submit(3, 1, big), submit(4, 1, big)]);
    const rows = await queryRows<{ feed_id: number; tx: string }>(
      t.db,
      sql`SELECT DISTINCT feed_id, xmin::text AS tx FROM article_sources`,
    );
    const tx = (i: number) => rows.find((r) => Number(r.feed_id) === feeds[i].feedId)!.tx;
    expect(new Set([0, 1, 2, 3, 4].map(tx)).size).toBe(4);
    expect(tx(2)).toBe(tx(3));
  });

  it('when the database refuses one feed of a group, then that feed alone fails and the others are stored', async () => {
    const feeds = await claimed(3);
    const ghost = { ...feeds[1], feedId: 987_654 }; // no such feed: its sources break a foreign key
    const outcomes = await Promise.allSettled([
      createdStore.submit(ready(feeds[0], [item(1, { identity: 'a' })], '"a"')),
      createdStore.submit(ready(feeds[2], [item(2, { identity: 'b' })], '"b"')),
      createdStore.submit(ready(ghost, [item(3, { identity: 'c' })], '"c"')),
      createdStore.submit(ready(feeds[1], [item(4, { identity: 'd' })], '"d"')),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    const stored = await queryRows<{ item_key: string }>(
      t.db,
      sql`SELECT item_key FROM article_sources ORDER BY item_key`,
    );
    expect(stored.map((r) => r.item_key)).toEqual(['a', 'b', 'd']);
    expect(
      (await queryRows<{ n: number }>(t.db, sql`SELECT count(*)::int AS n FROM articles WHERE title = 'Story 3'`))[0].n,
    ).toBe(0);
  });

  it('when two feeds of one write carry the same canonical URL, then it is one article with a source in each', async () => {
    const [a, b] = await claimed(2);
    const summaries = await storeFeedItems(t.db, [
      { feedId: a.feedId, items: [item(7, { identity: 'a-7' }), item(8, { identity: 'a-8' })] },
      { feedId: b.feedId, items: [item(7, { identity: 'b-7', title: 'Story 7 (syndicated)' })] },
    ]);
    expect(summaries).toEqual([
      { newItems: 2, updatedItems: 0, unchanged: 0 },
      { newItems: 1, updatedItems: 0, unchanged: 0 },
    ]);
    const rows = await queryRows<{ url: string; sources: number }>(
      t.db,
      sql`SELECT a.canonical_url AS url, count(s.*)::int AS sources FROM articles a JOIN article_sources s USING (article_id) GROUP BY a.canonical_url ORDER BY 1`,
    );
    expect(rows).toEqual([
      { url: 'https://news.example/7', sources: 2 },
      { url: 'https://news.example/8', sources: 1 },
    ]);
    const jobs = await queryRows<{ n: number }>(t.db, sql`SELECT count(*)::int AS n FROM enrichment_jobs`);
    expect(jobs[0].n).toBe(4); // embed and claims for each of the two articles
  });

  let createdStore: ReturnType<typeof createFeedStore>;
  beforeAll(() => {
    createdStore = createFeedStore({ db: t.db, log: silentLogger });
  });
});
