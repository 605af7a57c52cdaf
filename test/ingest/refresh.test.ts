import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { articleRevisions, articleSources, articles } from '../../src/articles/articles.sql.ts';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { queryRows } from '../../src/db/sql.ts';
import * as Feeds from '../../src/feeds/feeds.ts';
import { claimDue } from '../../src/feeds/feed-state.ts';
import { refreshFeed, type FeedFetcher } from '../../src/ingest/refresh.ts';
import { pollDueFeeds } from '../../src/ingest/schedule.ts';
import { drivers, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { conditionalFeed, rssFeed, testItems, type FeedVersion } from '../support/feed-xml.ts';
import { redirect, respond, startTestServer, type Handler, type TestServer } from '../support/http-server.ts';
import { testScheduleDeps } from '../support/ingest.ts';

const MINUTE = 60_000;

/** Last errors are shown to operators in `feeds list` and on the feeds page. */
function expectReadable(message: string | null | undefined): void {
  expect(message).toBeTruthy();
  expect(message!.length).toBeLessThan(300);
  expect(message).not.toMatch(/\[object |\n\s+at |undefined|^\w*Error:/);
}

/** Answers after `ms`, tracking how many requests are in flight per Host header. */
function tracked(
  ms: number,
  inflight: { now: Map<string, number>; max: Map<string, number>; total: number; maxTotal: number },
  body: string,
): Handler {
  return (req, res) => {
    const host = new URL(`http://${req.headers.host}`).hostname;
    const n = (inflight.now.get(host) ?? 0) + 1;
    inflight.now.set(host, n);
    inflight.max.set(host, Math.max(inflight.max.get(host) ?? 0, n));
    inflight.total += 1;
    inflight.maxTotal = Math.max(inflight.maxTotal, inflight.total);
    setTimeout(() => {
      inflight.now.set(host, inflight.now.get(host)! - 1);
      inflight.total -= 1;
      res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(body);
    }, ms);
  };
}

let server: TestServer;
/** `url('/x', 2)` is the same server reached as host 127.0.0.2. */
const url = (path: string, host = 1) => `http://127.0.0.${host}:${server.port}${path}`;
const requestsTo = (path: string) => server.requests.filter((r) => r.path === path);

beforeAll(async () => {
  server = await startTestServer({}, { host: '0.0.0.0' });
});
afterAll(() => server?.close());

describe.each(drivers)('refreshing feeds on %s', (driver) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(driver);
  });
  afterAll(() => t?.close());
  beforeEach(async () => {
    await t.db.execute(sql`TRUNCATE feeds, articles RESTART IDENTITY CASCADE`);
    server.requests.length = 0;
  });

  const countRows = async (table: 'articles' | 'article_sources' | 'article_revisions') =>
    Number((await queryRows<{ n: number }>(t.db, sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}`))[0].n);
  const feedAt = async (path: string, host = 1) => (await Feeds.byUrl(t.db, url(path, host)))!;

  it('when a feed is polled twice, then the first poll stores its items and ETag and the second sends If-None-Match and stores nothing', async () => {
    const version: FeedVersion = {
      etag: '"v1"',
      body: rssFeed({ title: 'Compute economics', items: testItems('ce', 3) }),
    };
    server.route(
      '/etag.xml',
      conditionalFeed(() => version),
    );
    await Feeds.add(t.db, { url: url('/etag.xml') });

    const first = await pollDueFeeds(testScheduleDeps(t.db));
    expect(first).toMatchObject({ feeds: 1, fetched: 1, notModified: 0, newItems: 3, updatedItems: 0, errors: [] });
    expect(await feedAt('/etag.xml')).toMatchObject({
      etag: '"v1"',
      title: 'Compute economics',
      lastError: null,
      leaseOwner: null,
    });
    expect(await countRows('articles')).toBe(3);

    await Feeds.markAllDue(t.db);
    const second = await pollDueFeeds(testScheduleDeps(t.db));
    expect(second).toMatchObject({ feeds: 1, fetched: 0, notModified: 1, newItems: 0, updatedItems: 0, errors: [] });
    expect(requestsTo('/etag.xml').map((r) => r.headers['if-none-match'])).toEqual([undefined, '"v1"']);
    expect(await countRows('articles')).toBe(3);
    expect(await countRows('article_sources')).toBe(3);
  });

  it('when a server ignores conditional GET and resends the same bytes, then the poll counts as not modified and stores nothing; new bytes are parsed', async () => {
    let body = rssFeed({ title: 'No validators', items: testItems('nv', 2) });
    server.route(
      '/no-etag.xml',
      (_req, res) => void res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(body),
    );
    await Feeds.add(t.db, { url: url('/no-etag.xml') });
    expect(await pollDueFeeds(testScheduleDeps(t.db))).toMatchObject({ fetched: 1, notModified: 0, newItems: 2 });
    const seen = async () =>
      (await t.db.select({ at: articleSources.lastSeenAt }).from(articleSources)).map((r) => r.at.getTime());
    const before = await seen();

    await Feeds.markAllDue(t.db);
    expect(await pollDueFeeds(testScheduleDeps(t.db))).toMatchObject({
      fetched: 0,
      notModified: 1,
      newItems: 0,
      errors: [],
    });
    expect(await seen()).toEqual(before); // not even the items' last-seen time was written
    expect(requestsTo('/no-etag.xml')).toHaveLength(2);
    expect((await feedAt('/no-etag.xml')).lastSuccessAt).not.toBeNull();

    body = rssFeed({ title: 'No validators', items: testItems('nv', 3) });
    await Feeds.markAllDue(t.db);
    expect(await pollDueFeeds(testScheduleDeps(t.db))).toMatchObject({ fetched: 1, notModified: 0, newItems: 1 });
  });

  it('when an item is edited, then its article is updated in place and the revision recorded', async () => {
    const items = testItems('ed', 3);
    let version: FeedVersion = { etag: '"a"', body: rssFeed({ title: 'Edits', items }) };
    server.route(
      '/edits.xml',
      conditionalFeed(() => version),
    );
    await Feeds.add(t.db, { url: url('/edits.xml') });
    await pollDueFeeds(testScheduleDeps(t.db));
    const [source] = await t.db.select().from(articleSources).where(eq(articleSources.itemKey, 'ed-1'));

    const corrected = items.map((i, k) =>
      k === 1 ? { ...i, title: 'Story 1 of ed (corrected: capex up 60 %)', html: '<p>Corrected body.</p>' } : i,
    );
    version = { etag: '"b"', body: rssFeed({ title: 'Edits', items: corrected }) };
    await Feeds.markAllDue(t.db);
    const summary = await pollDueFeeds(testScheduleDeps(t.db));

    expect(summary).toMatchObject({ fetched: 1, newItems: 0, updatedItems: 1, errors: [] });
    const [article] = await t.db.select().from(articles).where(eq(articles.articleId, source.articleId));
    expect(article.title).toBe('Story 1 of ed (corrected: capex up 60 %)');
    expect(article.contentHtml).toContain('Corrected body.');
    const revisions = await t.db.select().from(articleRevisions);
    expect(revisions).toHaveLength(1);
    expect(revisions[0]).toMatchObject({ articleId: source.articleId, previousTitle: 'Story 1 of ed' });
    expect(await countRows('articles')).toBe(3);
    expect((await feedAt('/edits.xml')).etag).toBe('"b"');
  });

  it('when a feed answers through permanent redirects, then it takes the new URL; a temporary one or a URL already subscribed leaves it as it was', async () => {
    const body = (title: string) =>
      respond(200, { 'Content-Type': 'application/rss+xml' }, rssFeed({ title, items: testItems(title, 1) }));
    server.route('/old.xml', redirect(url('/hop.xml'), 301));
    server.route('/hop.xml', redirect(url('/new.xml'), 308));
    server.route('/new.xml', body('moved'));
    server.route('/temp.xml', redirect(url('/elsewhere.xml'), 302));
    server.route('/elsewhere.xml', body('temp'));
    server.route('/dup-old.xml', redirect(url('/dup-new.xml'), 301));
    server.route('/dup-new.xml', body('dup'));
    for (const p of ['/old.xml', '/temp.xml', '/dup-old.xml', '/dup-new.xml']) await Feeds.add(t.db, { url: url(p) });

    const summary = await pollDueFeeds(testScheduleDeps(t.db));
    expect(summary).toMatchObject({ feeds: 4, fetched: 4, errors: [] });
    const urls = (await Feeds.list(t.db)).map((f) => f.url.replace(url(''), '')).sort();
    expect(urls).toEqual(['/dup-new.xml', '/dup-old.xml', '/new.xml', '/temp.xml']);

    await Feeds.markAllDue(t.db);
    server.requests.length = 0;
    await pollDueFeeds(testScheduleDeps(t.db));
    expect(requestsTo('/old.xml')).toHaveLength(0);
    expect(requestsTo('/new.xml')).toHaveLength(1);
    expect(requestsTo('/temp.xml')).toHaveLength(1);
  });

  it('when a feed answers 410 Gone, then it is disabled at once with the reason, and later polls leave it alone', async () => {
    server.route('/gone.xml', respond(410, { 'Content-Type': 'text/plain' }, 'Gone'));
    server.route('/500-once.xml', respond(500, { 'Content-Type': 'text/plain' }, 'oops'));
    await Feeds.add(t.db, { url: url('/gone.xml') });
    await Feeds.add(t.db, { url: url('/500-once.xml') });

    const summary = await pollDueFeeds(testScheduleDeps(t.db));
    expect(summary.errors.map((e) => e.error).sort()).toEqual(['HTTP 410 Gone', 'HTTP 500 Internal Server Error']);
    const gone = await feedAt('/gone.xml');
    expect(gone.disabledAt).not.toBeNull();
    expect(gone.disabledReason).toContain('HTTP 410 Gone: the publisher has removed this feed');
    expectReadable(gone.lastError);
    expect((await feedAt('/500-once.xml')).disabledAt).toBeNull();

    await Feeds.markAllDue(t.db);
    server.requests.length = 0;
    await pollDueFeeds(testScheduleDeps(t.db));
    expect(requestsTo('/gone.xml')).toHaveLength(0);
    expect(requestsTo('/500-once.xml')).toHaveLength(1);
  });

  it('when broken feeds sit among good ones, then the good ones are stored and each broken one gets a readable last_error', async () => {
    server.route(
      '/good-1.xml',
      respond(200, { 'Content-Type': 'application/rss+xml' }, rssFeed({ title: 'Good 1', items: testItems('g1', 2) })),
    );
    server.route(
      '/good-2.xml',
      respond(200, { 'Content-Type': 'application/rss+xml' }, rssFeed({ title: 'Good 2', items: testItems('g2', 2) })),
    );
    server.route(
      '/html.xml',
      respond(
        200,
        { 'Content-Type': 'text/html' },
        '<!doctype html><html><head><title>Welcome</title></head><body><p>Our blog moved.</p></body></html>',
      ),
    );
    server.route('/500.xml', respond(500, { 'Content-Type': 'text/plain' }, 'Internal Server Error'));
    server.route('/hang.xml', () => {});
    const broken = [url('/html.xml'), url('/500.xml'), url('/hang.xml'), 'http://10.0.0.1/feed.xml'];
    for (const u of [...broken, url('/good-1.xml'), url('/good-2.xml')]) await Feeds.add(t.db, { url: u });

    const summary = await pollDueFeeds(testScheduleDeps(t.db, { timeoutMs: 500 }));

    expect(summary).toMatchObject({ feeds: 6, fetched: 2, newItems: 4 });
    expect(summary.errors.map((e) => e.feed).sort()).toEqual([...broken].sort());
    const lastError = async (u: string) => (await Feeds.byUrl(t.db, u))!.lastError;
    expect(await lastError(url('/500.xml'))).toBe('HTTP 500 Internal Server Error');
    expect(await lastError(url('/hang.xml'))).toBe('Timed out after 0.5 s fetching 127.0.0.1');
    expect(await lastError('http://10.0.0.1/feed.xml')).toBe('Refused: 10.0.0.1 is a private address');
    expect(await lastError(url('/html.xml'))).toBe('Not a feed: this is an HTML page');
    for (const u of broken) {
      expectReadable(await lastError(u));
      expect(await Feeds.byUrl(t.db, u)).toMatchObject({ consecutiveErrors: 1, leaseOwner: null, disabledAt: null });
    }
    expect(await feedAt('/good-1.xml')).toMatchObject({ lastError: null, consecutiveErrors: 0 });
    expect(await countRows('article_sources')).toBe(4);
  });

  it("when a feed's items cannot be stored, then the failure is recorded on its row, its lease released and the other feeds stored", async () => {
    const poison = testItems('poison', 2).map((i) => ({ ...i, title: `Poison pill ${i.guid}` }));
    server.route(
      '/poison.xml',
      conditionalFeed(() => ({ etag: '"p1"', body: rssFeed({ title: 'Poison', items: poison }) })),
    );
    server.route(
      '/fine.xml',
      respond(200, { 'Content-Type': 'application/rss+xml' }, rssFeed({ title: 'Fine', items: testItems('fine', 2) })),
    );
    await Feeds.add(t.db, { url: url('/poison.xml') });
    await Feeds.add(t.db, { url: url('/fine.xml') });
    // Stands in for any row the database refuses (a NUL byte in a JSON Feed, a constraint).
    await t.db.execute(
      sql.raw(`CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.title LIKE 'Poison%' THEN RAISE EXCEPTION 'value refused by the test trigger'; END IF; RETURN NEW; END $$`),
    );
    await t.db.execute(
      sql.raw('CREATE TRIGGER refuse_poison BEFORE INSERT ON articles FOR EACH ROW EXECUTE FUNCTION refuse_poison()'),
    );
    try {
      const before = Date.now();
      const summary = await pollDueFeeds(testScheduleDeps(t.db));

      const message = "Could not store the feed's items: value refused by the test trigger";
      expect(summary).toMatchObject({
        feeds: 2,
        fetched: 1,
        newItems: 2,
        errors: [{ feed: url('/poison.xml'), error: message }],
      });
      const feed = await feedAt('/poison.xml');
      expect(feed).toMatchObject({
        lastError: message,
        consecutiveErrors: 1,
        leaseOwner: null,
        etag: null,
        disabledAt: null,
      });
      expect(feed.nextFetchAt.getTime()).toBeGreaterThan(before + 30 * MINUTE);
      expect(await countRows('article_sources')).toBe(2);
    } finally {
      await t.db.execute(sql.raw('DROP FUNCTION refuse_poison() CASCADE'));
    }
  });

  it('when a feed fails to parse FEED_DISABLE_AFTER_FAILURES times, then it is disabled and no longer fetched', async () => {
    server.route(
      '/malformed.xml',
      respond(
        200,
        { 'Content-Type': 'application/rss+xml' },
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Half</title><item><title>cut o',
      ),
    );
    await Feeds.add(t.db, { url: url('/malformed.xml') });
    const deps = testScheduleDeps(t.db, { disableAfterFailures: 3 });
    for (let i = 0; i < 3; i++) {
      await Feeds.markAllDue(t.db);
      const summary = await pollDueFeeds(deps);
      expect(summary.errors).toHaveLength(1);
    }
    const feed = await feedAt('/malformed.xml');
    expect(feed).toMatchObject({ parseFailures: 3, consecutiveErrors: 3 });
    expect(feed.disabledAt).toBeInstanceOf(Date);
    expect(feed.disabledReason).toMatch(/^Disabled after 3 consecutive parse failures: /);
    expect(feed.lastError).toMatch(/^Not a feed: the XML is malformed/);
    expectReadable(feed.lastError);

    await Feeds.markAllDue(t.db);
    expect((await pollDueFeeds(deps)).feeds).toBe(0);
    expect(requestsTo('/malformed.xml')).toHaveLength(3);
  });

  it('when a feed sends Retry-After, Cache-Control max-age or an RSS ttl, then its next fetch is pushed out that far', async () => {
    const small = (title: string, ttlMinutes?: number) => rssFeed({ title, ttlMinutes, items: testItems(title, 1) });
    server.route(
      '/plain.xml',
      conditionalFeed(() => ({ etag: '"p"', body: small('plain') })),
    );
    server.route(
      '/max-age.xml',
      conditionalFeed(() => ({
        etag: '"m"',
        body: small('max-age'),
        headers: { 'Cache-Control': 'public, max-age=7200' },
      })),
    );
    server.route(
      '/ttl.xml',
      conditionalFeed(() => ({ etag: '"t"', body: small('ttl', 240) })),
    );
    server.route('/busy.xml', respond(503, { 'Retry-After': '10800' }, 'busy'));
    for (const p of ['/plain.xml', '/max-age.xml', '/ttl.xml', '/busy.xml']) await Feeds.add(t.db, { url: url(p) });

    for (const round of ['fetched', 'not modified']) {
      const before = Date.now();
      await Feeds.markAllDue(t.db);
      await pollDueFeeds(testScheduleDeps(t.db));
      const delay = async (p: string) => ((await feedAt(p)).nextFetchAt.getTime() - before) / MINUTE;
      expect(await delay('/plain.xml'), round).toBeGreaterThanOrEqual(59.9);
      expect(await delay('/plain.xml'), round).toBeLessThan(62);
      expect(await delay('/max-age.xml'), round).toBeGreaterThanOrEqual(119.9);
      expect(await delay('/ttl.xml'), round).toBeGreaterThanOrEqual(239.9);
      expect(await delay('/busy.xml'), round).toBeGreaterThanOrEqual(179.9);
    }
    expect((await feedAt('/ttl.xml')).ttlMinutes).toBe(240);
    expect((await feedAt('/busy.xml')).lastError).toBe('HTTP 503: the server asked us to retry later (after 10800 s)');
    expect(requestsTo('/ttl.xml').map((r) => r.headers['if-none-match'])).toEqual([undefined, '"t"']);
  });

  it('when a feed URL carries user:password, then the fetch authenticates with it and no stored link or text carries it', async () => {
    const secret = `Basic ${Buffer.from('reader:s3cret').toString('base64')}`;
    const items = [
      {
        guid: 'p-1',
        title: 'Private one',
        link: '/posts/1',
        html: '<p>See <a href="/posts/2">the next</a>.</p>',
        publishedAt: new Date(Date.UTC(2025, 0, 1)),
      },
    ];
    server.route('/private.xml', (req, res) => {
      if (req.headers.authorization !== secret)
        return void res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="feed"' }).end();
      res
        .writeHead(200, { 'Content-Type': 'application/rss+xml' })
        .end(rssFeed({ title: 'Private', items, link: '/' }));
    });
    await Feeds.add(t.db, { url: url('/private.xml').replace('http://', 'http://reader:s3cret@') });
    expect(await pollDueFeeds(testScheduleDeps(t.db))).toMatchObject({ fetched: 1, newItems: 1, errors: [] });
    const [article] = await t.db.select().from(articles);
    expect(article.url).toBe(url('/posts/1'));
    expect(article.canonicalUrl).toBe(url('/posts/1'));
    expect(article.contentHtml).toContain(`href="${url('/posts/2')}"`);
    const [feed] = await Feeds.list(t.db);
    expect(feed.siteUrl).toBe(url('/'));
    expect(JSON.stringify([article, feed.siteUrl])).not.toContain('s3cret');
  });

  it('when many feeds live on one host, then at most 2 requests are in flight to it at once', async () => {
    const inflight = { now: new Map<string, number>(), max: new Map<string, number>(), total: 0, maxTotal: 0 };
    server.route('*', tracked(30, inflight, rssFeed({ title: 'Busy host', items: testItems('busy', 1) })));
    for (let i = 0; i < 20; i++) {
      await Feeds.add(t.db, { url: url(`/busy/${i}.xml`, 1) });
      await Feeds.add(t.db, { url: url(`/busy/${i}.xml`, 2) });
    }
    const summary = await pollDueFeeds(testScheduleDeps(t.db));
    server.route('*', respond(404));

    expect(summary).toMatchObject({ feeds: 40, fetched: 40, errors: [] });
    expect(server.requests).toHaveLength(40);
    expect(Object.fromEntries(inflight.max)).toEqual({ '127.0.0.1': 2, '127.0.0.2': 2 });
    // The limit is per host: the two hosts were polled side by side.
    expect(inflight.maxTotal).toBeGreaterThan(2);
  });

  it('when feeds that share new articles in different orders are stored at once, then none fails and each article is stored once', async () => {
    // Aggregators list the same stories in their own order; storing them side by side must not deadlock.
    const wire = testItems('wire', 200);
    const bodies = Array.from({ length: 8 }, (_, f) =>
      rssFeed({
        title: `Wire ${f}`,
        items: wire
          .map((item, i) => ({ item, key: ((i + 1) * (f * 7919 + 13)) % 1009 }))
          .sort((a, b) => a.key - b.key)
          .map((x) => x.item),
      }),
    );
    const fetcher: FeedFetcher = async (feed) => {
      const body = bodies[Number(/(\d+)\.xml$/.exec(feed.url)![1])];
      return {
        kind: 'ok',
        status: 200,
        finalUrl: feed.url,
        body,
        contentType: 'application/rss+xml',
        etag: null,
        lastModified: null,
        maxAgeSeconds: null,
        bytes: body.length,
      };
    };
    const other: Database = t.url ? await openDatabase({ databaseUrl: t.url, maxConnections: 4 }) : t;
    try {
      // Deadlocks need a server's concurrent transactions; PGlite runs them one at a time, once is enough there.
      for (let round = 0; round < (t.url ? 3 : 1); round++) {
        await t.db.execute(sql`TRUNCATE feeds, articles RESTART IDENTITY CASCADE`);
        for (let f = 0; f < 8; f++) await Feeds.add(t.db, { url: `https://wire${f}.example/${f}.xml` });
        const claimed = await claimDue(t.db, 'me', { limit: 8, leaseSeconds: 60 });
        const results = await Promise.all(
          claimed.map((feed, k) => refreshFeed({ ...testScheduleDeps(k % 2 ? other.db : t.db), fetcher }, feed, 'me')),
        );

        expect(results.map((r) => r.error ?? r.status)).toEqual(Array(8).fill('fetched'));
        expect(await countRows('articles')).toBe(200);
        expect(await countRows('article_sources')).toBe(8 * 200);
      }
    } finally {
      if (other !== t) await other.close();
    }
  });

  it('when two pollers run at once against the same database, then no feed is fetched twice', async () => {
    const body = rssFeed({ title: 'Shared', items: testItems('shared', 2) });
    server.route(
      '*',
      (_req, res) => void setTimeout(() => res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(body), 5),
    );
    for (let i = 0; i < 100; i++) await Feeds.add(t.db, { url: url(`/shared/${i}.xml`, 1 + (i % 4)) });
    // A second connection pool makes the claims truly concurrent on a server; PGlite serialises them.
    const other: Database = t.url ? await openDatabase({ databaseUrl: t.url, maxConnections: 5 }) : t;
    try {
      const concurrency = { global: 4, perHost: 2 };
      const [a, b] = await Promise.all([
        pollDueFeeds(testScheduleDeps(t.db, { concurrency, owner: 'poller-a' })),
        pollDueFeeds(testScheduleDeps(other.db, { concurrency, owner: 'poller-b' })),
      ]);
      server.route('*', respond(404));

      expect(a.feeds).toBeGreaterThan(0);
      expect(b.feeds).toBeGreaterThan(0);
      expect(a.feeds + b.feeds).toBe(100);
      expect([...a.errors, ...b.errors]).toEqual([]);
      const perPath = new Map<string, number>();
      for (const r of server.requests)
        perPath.set(`${r.headers.host}${r.path}`, (perPath.get(`${r.headers.host}${r.path}`) ?? 0) + 1);
      expect(perPath.size).toBe(100);
      expect([...perPath.values()].every((n) => n === 1)).toBe(true);
    } finally {
      if (other !== t) await other.close();
    }
  });
});
