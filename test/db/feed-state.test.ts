import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { claimDue, recordOutcome } from '../../src/feeds/feed-state.ts';
import * as Feeds from '../../src/feeds/feeds.ts';
import { feeds } from '../../src/feeds/feeds.sql.ts';
import { drivers, openTestDatabase, type TestDatabase } from '../support/db.ts';

describe.each(drivers)('feed leases and fetch state on %s', (driver) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(driver);
  });
  afterAll(() => t?.close());
  beforeEach(async () => {
    await t.db.delete(feeds);
    for (let i = 0; i < 10; i++) await Feeds.add(t.db, { url: `https://h${i}.example/feed` });
  });

  it('when two owners claim at once, then no feed is claimed twice and all are claimed', async () => {
    // A second connection pool makes the claims truly concurrent on a server; PGlite serialises them.
    const other: Database = t.url ? await openDatabase({ databaseUrl: t.url, maxConnections: 2 }) : t;
    try {
      const [a, b] = await Promise.all([
        claimDue(t.db, 'owner-a', { limit: 6, leaseSeconds: 60 }),
        claimDue(other.db, 'owner-b', { limit: 6, leaseSeconds: 60 }),
      ]);
      const ids = [...a, ...b].map((f) => f.feedId);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBe(10);
    } finally {
      if (other !== t) await other.close();
    }
  });

  it('when a lease is held, then nobody else claims the feed until it expires', async () => {
    const first = await claimDue(t.db, 'dead-process', { limit: 10, leaseSeconds: 60 });
    expect(first).toHaveLength(10);
    expect(await claimDue(t.db, 'other', { limit: 10, leaseSeconds: 60 })).toHaveLength(0);
    await t.db.update(feeds).set({ leaseUntil: sql`now() - interval '1 second'` });
    expect(await claimDue(t.db, 'other', { limit: 10, leaseSeconds: 60 })).toHaveLength(10);
  });

  it('when a feed is not yet due or disabled, then it is not claimed', async () => {
    const [f0, f1] = await Feeds.list(t.db);
    await t.db
      .update(feeds)
      .set({ nextFetchAt: sql`now() + interval '1 hour'` })
      .where(sql`${feeds.feedId} = ${f0.feedId}`);
    await Feeds.setEnabled(t.db, f1.feedId, false, 'test');
    const claimed = await claimDue(t.db, 'me', { limit: 100, leaseSeconds: 60 });
    expect(claimed.map((f) => f.feedId)).not.toContain(f0.feedId);
    expect(claimed.map((f) => f.feedId)).not.toContain(f1.feedId);
    expect(claimed).toHaveLength(8);
  });

  it('when a feed fails to parse N times in a row, then it is disabled with the reason, and enabling resets it', async () => {
    const [feed] = await Feeds.list(t.db);
    for (let i = 0; i < 3; i++) {
      const [claimed] = await claimDue(t.db, 'me', { limit: 1, leaseSeconds: 60 });
      expect(claimed.feedId).toBe(feed.feedId);
      await recordOutcome(t.db, claimed, 'me', {
        kind: 'error',
        message: 'Not a feed: HTML page',
        parseFailure: true,
        nextFetchAt: new Date(0),
        disableAfter: 3,
      });
    }
    const disabled = (await Feeds.byId(t.db, feed.feedId))!;
    expect(disabled).toMatchObject({
      consecutiveErrors: 3,
      parseFailures: 3,
      lastError: 'Not a feed: HTML page',
      leaseOwner: null,
    });
    expect(disabled.disabledReason).toMatch(/3 consecutive parse failures/);
    const enabled = await Feeds.setEnabled(t.db, feed.feedId, true);
    expect(enabled).toMatchObject({ disabledAt: null, parseFailures: 0, consecutiveErrors: 0 });
  });

  it('when a poll succeeds after errors, then the error state is cleared and the validators stored', async () => {
    const [feed] = await claimDue(t.db, 'me', { limit: 1, leaseSeconds: 60 });
    await recordOutcome(t.db, feed, 'me', {
      kind: 'error',
      message: 'HTTP 500',
      parseFailure: false,
      nextFetchAt: new Date(0),
      disableAfter: 3,
    });
    const [again] = await claimDue(t.db, 'me', { limit: 1, leaseSeconds: 60 });
    const next = new Date(Date.now() + 3600_000);
    await recordOutcome(t.db, again, 'me', {
      kind: 'ok',
      etag: '"v1"',
      lastModified: 'Wed, 01 Oct 2025 00:00:00 GMT',
      ttlMinutes: 90,
      title: 'Feed title',
      nextFetchAt: next,
    });
    expect(await Feeds.byId(t.db, feed.feedId)).toMatchObject({
      consecutiveErrors: 0,
      lastError: null,
      etag: '"v1"',
      ttlMinutes: 90,
      title: 'Feed title',
      nextFetchAt: next,
    });
  });

  it('when a feed URL is not http(s), then adding it fails with a clear message', async () => {
    await expect(Feeds.add(t.db, { url: 'file:///etc/passwd' })).rejects.toThrow(/Only http and https/);
    await expect(Feeds.add(t.db, { url: 'not a url' })).rejects.toThrow(/Not a URL/);
  });
});
