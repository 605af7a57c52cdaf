import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { charge, prune, sharedLimiter } from '../../src/rate-limits/rate-buckets.ts';
import { rateBuckets } from '../../src/rate-limits/rate-buckets.sql.ts';
import { testApp } from '../support/app.ts';
import { drivers, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { PASSWORD, WebClient, signUp } from '../support/web-client.ts';

const T0 = Date.parse('2025-10-27T12:00:00Z');
const MINUTE = 60_000;

function clock(start = T0) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe.each(drivers)('rate buckets in the database on %s', (driver) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(driver);
  });
  afterAll(() => t?.close());
  beforeEach(async () => {
    await t.db.delete(rateBuckets);
  });

  /** A second connection pool on a server, so charges are truly concurrent; PGlite has one connection. */
  async function withSecondConnection<T>(fn: (other: Database) => Promise<T>): Promise<T> {
    const other: Database = t.url ? await openDatabase({ databaseUrl: t.url, maxConnections: 10 }) : t;
    try {
      return await fn(other);
    } finally {
      if (other !== t) await other.close();
    }
  }

  const tokens = async () => Object.fromEntries((await t.db.select().from(rateBuckets)).map((r) => [r.key, r.tokens]));

  it('when a burst reaches max, then it passes and the next charge is refused with the wait for one token', async () => {
    const opts = { windowMs: MINUTE, now: T0 };
    for (let i = 0; i < 3; i++)
      expect(await charge(t.db, [{ key: 'k', max: 3 }], opts)).toEqual({ ok: true, retryAfterSeconds: 0 });
    expect(await charge(t.db, [{ key: 'k', max: 3 }], opts)).toEqual({ ok: false, retryAfterSeconds: 20 });
    expect(await tokens()).toEqual({ k: 0 });
  });

  it('when time passes on the injected clock, then tokens refill in proportion and never beyond max', async () => {
    const c = clock();
    const limiter = sharedLimiter(t.db, { name: 'test', windowMs: MINUTE, now: c.now });
    for (let i = 0; i < 3; i++) await limiter.charge([{ key: 'k', max: 3 }]);
    c.advance(20_000);
    expect((await limiter.charge([{ key: 'k', max: 3 }])).ok).toBe(true);
    expect(await limiter.charge([{ key: 'k', max: 3 }])).toEqual({ ok: false, retryAfterSeconds: 20 });
    c.advance(5_000);
    expect(await limiter.charge([{ key: 'k', max: 3 }])).toEqual({ ok: false, retryAfterSeconds: 15 });
    c.advance(10 * MINUTE);
    for (let i = 0; i < 3; i++) expect((await limiter.charge([{ key: 'k', max: 3 }])).ok).toBe(true);
    expect((await limiter.charge([{ key: 'k', max: 3 }])).ok).toBe(false);
  });

  it('when one key of a charge is out of tokens, then none of the others is charged and the longest wait is given', async () => {
    const opts = { windowMs: MINUTE, now: T0 };
    await charge(t.db, [{ key: 'ip:a', max: 1 }], opts);
    await charge(t.db, [{ key: 'user:1', max: 2 }], opts);
    await charge(t.db, [{ key: 'user:1', max: 2 }], opts);
    // ip:a waits 60s for a token, user:1 30s: the answer is the longer wait and fresh:b stays untouched.
    expect(
      await charge(
        t.db,
        [
          { key: 'fresh:b', max: 5 },
          { key: 'user:1', max: 2 },
          { key: 'ip:a', max: 1 },
        ],
        opts,
      ),
    ).toEqual({ ok: false, retryAfterSeconds: 60 });
    expect(await tokens()).toMatchObject({ 'ip:a': 0, 'user:1': 0, 'fresh:b': 5 });
    expect(
      await charge(
        t.db,
        [
          { key: 'fresh:b', max: 5 },
          { key: 'ip:c', max: 5 },
        ],
        opts,
      ),
    ).toEqual({ ok: true, retryAfterSeconds: 0 });
    expect(await tokens()).toMatchObject({ 'fresh:b': 4, 'ip:c': 4 });
  });

  it('when a key is charged with a lower max (a new account), then it is held to that max', async () => {
    const opts = { windowMs: 10 * MINUTE, now: T0 };
    expect((await charge(t.db, [{ key: 'user:new', max: 1 }], opts)).ok).toBe(true);
    expect(await charge(t.db, [{ key: 'user:new', max: 1 }], opts)).toEqual({ ok: false, retryAfterSeconds: 600 });
    expect((await charge(t.db, [{ key: 'user:old', max: 10 }], opts)).ok).toBe(true);
    expect((await charge(t.db, [{ key: 'user:old', max: 10 }], opts)).ok).toBe(true);
  });

  it('when two limiters on two connections charge the same key, then they share one allowance', async () => {
    await withSecondConnection(async (other) => {
      const c = clock();
      const a = sharedLimiter(t.db, { name: 'vote', windowMs: MINUTE, now: c.now });
      const b = sharedLimiter(other.db, { name: 'vote', windowMs: MINUTE, now: c.now });
      const results = [];
      for (let i = 0; i < 6; i++) results.push((await (i % 2 ? b : a).charge([{ key: 'ip:x', max: 4 }])).ok);
      expect(results).toEqual([true, true, true, true, false, false]);
      // Another action's buckets are its own.
      const comment = sharedLimiter(other.db, { name: 'comment', windowMs: MINUTE, now: c.now });
      expect((await comment.charge([{ key: 'ip:x', max: 4 }])).ok).toBe(true);
    });
  });

  it('when two app instances serve one database, then an address gets one sign-up allowance between them', async () => {
    const first = testApp(t.db, { rateLimits: { signup: { perIp: 2 } } });
    const second = testApp(t.db, { rateLimits: { signup: { perIp: 2 } } });
    await signUp(new WebClient(first, { ip: '198.51.100.40' }), `one${driver}`);
    await signUp(new WebClient(second, { ip: '198.51.100.40' }), `two${driver}`);
    const refused = await new WebClient(first, { ip: '198.51.100.40' }).post('/signup', {
      username: `three${driver}`,
      password: PASSWORD,
    });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(
      (
        await new WebClient(second, { ip: '198.51.100.40' }).post('/signup', {
          username: `four${driver}`,
          password: PASSWORD,
        })
      ).status,
    ).toBe(429);
  });

  it('when 20 charges race from two connections against max 5, then exactly 5 are granted and nothing deadlocks', async () => {
    await withSecondConnection(async (other) => {
      const opts = { windowMs: MINUTE, now: T0 };
      // Overlapping key sets named in different orders: a fixed lock order keeps them deadlock-free.
      const keys = (i: number) =>
        i % 2
          ? [
              { key: 'user:1', max: 100 },
              { key: 'ip:shared', max: 5 },
            ]
          : [
              { key: 'ip:shared', max: 5 },
              { key: `user:${i}`, max: 100 },
            ];
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => charge(i % 4 < 2 ? t.db : other.db, keys(i), opts)),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(5);
      expect(results.filter((r) => !r.ok).every((r) => r.retryAfterSeconds === 12)).toBe(true);
      expect((await tokens())['ip:shared']).toBe(0);
    });
  });

  it('when buckets go untouched for a whole window, then pruning deletes them and keeps the others', async () => {
    const opts = { windowMs: MINUTE, now: T0 };
    await charge(
      t.db,
      [
        { key: 'vote:ip:old', max: 5 },
        { key: 'comment:ip:old', max: 5 },
      ],
      opts,
    );
    await charge(t.db, [{ key: 'vote:ip:recent', max: 5 }], { ...opts, now: T0 + 30_000 });
    expect(await prune(t.db, { prefix: 'vote:', windowMs: MINUTE, now: T0 + MINUTE - 1 })).toBe(0);
    expect(await prune(t.db, { prefix: 'vote:', windowMs: MINUTE, now: T0 + MINUTE })).toBe(1);
    expect(Object.keys(await tokens()).sort()).toEqual(['comment:ip:old', 'vote:ip:recent']);
  });

  it('when a limiter charges after a window has passed, then it prunes its own stale buckets once', async () => {
    const c = clock();
    const limiter = sharedLimiter(t.db, { name: 'vote', windowMs: MINUTE, now: c.now });
    for (let i = 0; i < 50; i++) await limiter.charge([{ key: `ip:192.0.2.${i}`, max: 5 }]);
    c.advance(MINUTE);
    await limiter.charge([{ key: 'ip:fresh', max: 5 }]);
    expect(Object.keys(await tokens())).toEqual(['vote:ip:fresh']);
    // A pruned bucket is a full one: the address starts afresh, as it would have after refilling.
    expect((await limiter.charge([{ key: 'ip:192.0.2.1', max: 5 }])).ok).toBe(true);
    expect((await tokens())['vote:ip:192.0.2.1']).toBe(4);
  });
});
