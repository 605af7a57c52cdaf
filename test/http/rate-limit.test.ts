import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.ts';
import {
  RateLimitedError, type RateLimitOptions, clientIp, createRateLimiter, ipRateKey, rateLimit,
} from '../../src/http/rate-limit.ts';
import { chargeAll, refill } from '../../src/rate-limits/token-bucket.ts';

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => { t += ms; } };
}

describe('createRateLimiter', () => {
  it('when hits stay within max, then they pass with decreasing remaining', () => {
    const limiter = createRateLimiter({ windowMs: 60_000, max: 3, now: clock().now });
    expect([1, 2, 3].map(() => limiter.hit('k').remaining)).toEqual([2, 1, 0]);
  });

  it('when max is exceeded, then the hit is refused with the wait until one token returns', () => {
    const limiter = createRateLimiter({ windowMs: 60_000, max: 3, now: clock().now });
    for (let i = 0; i < 3; i++) limiter.hit('k');
    expect(limiter.hit('k')).toEqual({ ok: false, remaining: 0, retryAfterSeconds: 20 });
  });

  it('when time passes, then tokens refill in proportion and never beyond max', () => {
    const c = clock();
    const limiter = createRateLimiter({ windowMs: 60_000, max: 3, now: c.now });
    for (let i = 0; i < 3; i++) limiter.hit('k');
    c.advance(20_000);
    expect(limiter.hit('k').ok).toBe(true);
    expect(limiter.hit('k').ok).toBe(false);
    c.advance(10 * 60_000);
    expect(limiter.peek('k').remaining).toBe(3);
  });

  it('when keys differ, then their buckets are independent', () => {
    const limiter = createRateLimiter({ windowMs: 1000, max: 1, now: clock().now });
    expect(limiter.hit('a').ok).toBe(true);
    expect(limiter.hit('b').ok).toBe(true);
    expect(limiter.hit('a').ok).toBe(false);
  });

  it('when peeking, then no token is spent', () => {
    const limiter = createRateLimiter({ windowMs: 1000, max: 1, now: clock().now });
    limiter.peek('a');
    limiter.peek('a');
    expect(limiter.hit('a').ok).toBe(true);
  });

  it('when a lower max is passed per hit, then the key is held to it', () => {
    const limiter = createRateLimiter({ windowMs: 60_000, max: 10, now: clock().now });
    expect(limiter.hit('new', 1).ok).toBe(true);
    expect(limiter.hit('new', 1).ok).toBe(false);
  });

  it('when a window passes, then fully refilled buckets are pruned', () => {
    const c = clock();
    const limiter = createRateLimiter({ windowMs: 1000, max: 5, now: c.now });
    for (let i = 0; i < 100; i++) limiter.hit(`k${i}`);
    c.advance(2000);
    limiter.hit('fresh');
    expect(limiter.size()).toBe(1);
  });

  it('when more keys arrive than maxKeys, then the map stays bounded', () => {
    const limiter = createRateLimiter({ windowMs: 60_000, max: 5, maxKeys: 50, now: clock().now });
    for (let i = 0; i < 1000; i++) limiter.hit(`k${i}`);
    expect(limiter.size()).toBeLessThanOrEqual(51);
  });
});

describe('token-bucket maths (shared by the memory and database buckets)', () => {
  it('when any bucket of a charge is empty, then none is charged and the longest wait is given', () => {
    const t = 1_000_000;
    const r = chargeAll([{ bucket: undefined, capacity: 5 }, { bucket: { tokens: 0, at: t }, capacity: 2 }, { bucket: { tokens: 0.25, at: t }, capacity: 1 }], 60_000, t);
    expect(r.ok).toBe(false);
    expect(r.retryAfterSeconds).toBe(45);
    expect(r.after.map((b) => b.tokens)).toEqual([5, 0, 0.25]);
    expect(chargeAll([{ bucket: undefined, capacity: 5 }, { bucket: { tokens: 1, at: t }, capacity: 2 }], 60_000, t).after.map((b) => b.tokens)).toEqual([4, 0]);
  });

  it('when a clock runs behind the one that last charged, then the bucket neither refills nor moves back in time', () => {
    expect(refill({ tokens: 1, at: 5000 }, 3, 1000, 4000)).toEqual({ tokens: 1, at: 5000 });
    expect(refill({ tokens: 1, at: 5000 }, 3, 1000, 5500)).toEqual({ tokens: 2.5, at: 5500 });
  });
});

type Overrides = Pick<Partial<RateLimitOptions>, 'key' | 'max'>;

function makeApp(overrides: Overrides = {}) {
  const c = clock();
  const limiter = createRateLimiter({ windowMs: 60_000, max: 2, now: c.now });
  const app = new Hono();
  app.use(rateLimit({
    limiter,
    key: (ctx) => [`ip:${ctx.req.header('x-ip')}`, `user:${ctx.req.header('x-user')}`],
    ...overrides,
  }));
  app.post('/', (ctx) => ctx.text('ok'));
  app.onError((err, ctx) => {
    if (err instanceof AppError) return ctx.text(err.userMessage, err.status as 429);
    return ctx.text('boom', 500);
  });
  const post = (ip: string, user: string) => app.request('/', { method: 'POST', headers: { 'x-ip': ip, 'x-user': user } });
  return { post, clock: c, limiter };
}

describe('rateLimit middleware', () => {
  it('when the limit is exceeded, then the answer is 429 with Retry-After and a friendly message', async () => {
    const { post } = makeApp();
    await post('1', 'alice');
    await post('1', 'alice');
    const res = await post('1', 'alice');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('30');
    expect(await res.text()).toBe("You're doing that too often. Try again in 30 seconds.");
  });

  it('when one account hops addresses, then the account key still limits it', async () => {
    const { post } = makeApp();
    expect((await post('1', 'alice')).status).toBe(200);
    expect((await post('2', 'alice')).status).toBe(200);
    expect((await post('3', 'alice')).status).toBe(429);
  });

  it('when one key refuses, then the other keys are not charged', async () => {
    const { post } = makeApp();
    await post('1', 'alice');
    await post('1', 'alice');
    for (let i = 0; i < 5; i++) await post('1', 'bob'); // refused on ip:1
    expect((await post('2', 'bob')).status).toBe(200);
    expect((await post('3', 'bob')).status).toBe(200);
  });

  it('when max depends on the context, then new accounts get the lower tier', async () => {
    const { post } = makeApp({ max: (ctx) => (ctx.req.header('x-user') === 'newbie' ? 1 : 5) });
    expect((await post('1', 'newbie')).status).toBe(200);
    expect((await post('2', 'newbie')).status).toBe(429);
    for (let i = 0; i < 5; i++) expect((await post('3', 'veteran')).status).toBe(200);
  });

  it('when the key function returns null, then the request is not limited', async () => {
    const { post } = makeApp({ key: () => null });
    for (let i = 0; i < 5; i++) expect((await post('1', 'alice')).status).toBe(200);
  });

  it('when refused, then the thrown error carries retryAfterSeconds', async () => {
    const limiter = createRateLimiter({ windowMs: 1000, max: 1 });
    const app = new Hono();
    let caught: unknown;
    app.use(rateLimit({ limiter, key: () => 'k' }));
    app.get('/', (ctx) => ctx.text('ok'));
    app.onError((err, ctx) => { caught = err; return ctx.text('', 429); });
    await app.request('/');
    await app.request('/');
    expect(caught).toBeInstanceOf(RateLimitedError);
    expect((caught as RateLimitedError).retryAfterSeconds).toBe(1);
    expect((caught as RateLimitedError).code).toBe('rate_limited');
  });
});

describe('clientIp', () => {
  async function ipOf(headers: Record<string, string>, trustProxy: boolean, remoteAddress?: string) {
    const app = new Hono();
    app.get('/', (c) => c.text(clientIp(c, { trustProxy })));
    const env = remoteAddress ? { incoming: { socket: { remoteAddress } } } : undefined;
    return (await app.request('/', { headers }, env)).text();
  }

  it('when the proxy is not trusted, then X-Forwarded-For is ignored for the socket address', async () => {
    expect(await ipOf({ 'x-forwarded-for': '6.6.6.6' }, false, '::ffff:10.0.0.1')).toBe('10.0.0.1');
  });

  it('when the proxy is trusted, then the right-most forwarded address is used', async () => {
    expect(await ipOf({ 'x-forwarded-for': '6.6.6.6, 203.0.113.9' }, true, '10.0.0.1')).toBe('203.0.113.9');
  });

  it('when the forwarded value is garbage, then the socket address is used', async () => {
    expect(await ipOf({ 'x-forwarded-for': 'not-an-ip' }, true, '10.0.0.1')).toBe('10.0.0.1');
  });

  it('when there is no socket (app.request), then the address is "unknown"', async () => {
    expect(await ipOf({}, false)).toBe('unknown');
  });

  it('when keying IPv6, then addresses in one /64 share a key and IPv4 keys are exact', () => {
    expect(ipRateKey('2001:db8:1:2::1')).toBe(ipRateKey('2001:db8:1:2:ffff::9'));
    expect(ipRateKey('2001:db8:1:2::1')).not.toBe(ipRateKey('2001:db8:1:3::1'));
    expect(ipRateKey('203.0.113.9')).toBe('ip:203.0.113.9');
  });
});
