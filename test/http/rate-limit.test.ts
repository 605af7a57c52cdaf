import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { clientIp, ipRateKey } from '../../src/web/http/rate-limit.ts';
import { chargeAll, refill, verdict } from '../../src/rate-limits/token-bucket.ts';

describe('token-bucket maths', () => {
  it('when a bucket was never seen, then it is full', () => {
    expect(refill(undefined, 3, 60_000, 5000)).toEqual({ tokens: 3, at: 5000 });
  });

  it('when time passes, then tokens refill in proportion and never beyond capacity', () => {
    expect(refill({ tokens: 0, at: 0 }, 3, 60_000, 20_000)).toEqual({ tokens: 1, at: 20_000 });
    expect(refill({ tokens: 0, at: 0 }, 3, 60_000, 600_000).tokens).toBe(3);
  });

  it('when a bucket is refused, then the wait is until one whole token is back, at least a second', () => {
    expect(verdict(0, 3, 60_000, false)).toEqual({ ok: false, remaining: 0, retryAfterSeconds: 20 });
    expect(verdict(0.99, 3, 60_000, false).retryAfterSeconds).toBe(1);
    expect(verdict(2.5, 3, 60_000, true)).toEqual({ ok: true, remaining: 2, retryAfterSeconds: 0 });
  });

  it('when any bucket of a charge is empty, then none is charged and the longest wait is given', () => {
    const t = 1_000_000;
    const r = chargeAll(
      [
        { bucket: undefined, capacity: 5 },
        { bucket: { tokens: 0, at: t }, capacity: 2 },
        { bucket: { tokens: 0.25, at: t }, capacity: 1 },
      ],
      60_000,
      t,
    );
    expect(r.ok).toBe(false);
    expect(r.retryAfterSeconds).toBe(45);
    expect(r.after.map((b) => b.tokens)).toEqual([5, 0, 0.25]);
    expect(
      chargeAll(
        [
          { bucket: undefined, capacity: 5 },
          { bucket: { tokens: 1, at: t }, capacity: 2 },
        ],
        60_000,
        t,
      ).after.map((b) => b.tokens),
    ).toEqual([4, 0]);
  });

  it('when a clock runs behind the one that last charged, then the bucket neither refills nor moves back in time', () => {
    expect(refill({ tokens: 1, at: 5000 }, 3, 1000, 4000)).toEqual({ tokens: 1, at: 5000 });
    expect(refill({ tokens: 1, at: 5000 }, 3, 1000, 5500)).toEqual({ tokens: 2.5, at: 5500 });
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
