/**
 * In-memory token-bucket rate limiting (maths in src/rate-limits/token-bucket.ts). State lives in one
 * process, so this suits limits that may be per process; the action limits that must hold across
 * every process on one database use src/rate-limits/rate-buckets.ts instead (see action-limits.ts).
 */
import type { Context, MiddlewareHandler } from 'hono';
import ipaddr from 'ipaddr.js';
import { AppError } from '../errors.ts';
import { refill, verdict, type RateLimitResult } from '../rate-limits/token-bucket.ts';

export type { RateLimitResult };

export type RateLimiter = {
  /** Consumes one token when available. `max` overrides the default for tiered limits. */
  hit(key: string, max?: number): RateLimitResult;
  /** Same answer as hit, without consuming. */
  peek(key: string, max?: number): RateLimitResult;
  size(): number;
};

export type RateLimiterOptions = { windowMs: number; max: number; now?: () => number; maxKeys?: number };

type Bucket = { tokens: number; capacity: number; at: number };

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { windowMs, now = Date.now, maxKeys = 10_000 } = options;
  const buckets = new Map<string, Bucket>();
  let lastPrune = now();

  function current(key: string, capacity: number, t: number): Bucket {
    return { ...refill(buckets.get(key), capacity, windowMs, t), capacity };
  }

  const answer = (b: Bucket, ok: boolean) => verdict(b.tokens, b.capacity, windowMs, ok);

  function prune(t: number): void {
    // A flood of distinct keys: forget the least recently used one. That key starts afresh, a deliberate
    // fail-open so memory stays bounded.
    if (buckets.size > maxKeys) buckets.delete(buckets.keys().next().value as string);
    if (t - lastPrune < windowMs) return;
    lastPrune = t;
    // A bucket that has refilled completely carries no information, so dropping it is free.
    for (const [key, b] of buckets) if (current(key, b.capacity, t).tokens >= b.capacity) buckets.delete(key);
  }

  return {
    hit(key, max = options.max) {
      const t = now();
      const b = current(key, max, t);
      const ok = b.tokens >= 1;
      if (ok) b.tokens -= 1;
      buckets.delete(key); // re-insert so Map order is least-recently-used first
      buckets.set(key, b);
      prune(t);
      return answer(b, ok);
    },
    peek(key, max = options.max) {
      const b = current(key, max, now());
      return answer(b, b.tokens >= 1);
    },
    size: () => buckets.size,
  };
}

/** AppError with the wait attached, so onError can send `Retry-After` (the middleware also sets it on c). */
export class RateLimitedError extends AppError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number, userMessage: string) {
    super('rate_limited', `Rate limited for ${retryAfterSeconds}s`, { status: 429, userMessage });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export type RateLimitOptions = {
  limiter: RateLimiter;
  /** Keys to charge, e.g. [`ip:${ip}`, `user:${id}`]: all must have room. Empty or null skips limiting. */
  key: (c: Context) => string | string[] | null;
  /** Tiered limits, e.g. a lower max for new accounts; defaults to the limiter's max. */
  max?: (c: Context) => number | undefined;
  message?: (retryAfterSeconds: number) => string;
};

function defaultMessage(seconds: number): string {
  return `You're doing that too often. Try again in ${seconds} ${seconds === 1 ? 'second' : 'seconds'}.`;
}

export function rateLimit(options: RateLimitOptions): MiddlewareHandler {
  const message = options.message ?? defaultMessage;
  return async (c, next) => {
    const raw = options.key(c);
    const keys = raw === null ? [] : Array.isArray(raw) ? raw : [raw];
    const max = options.max?.(c);
    // Peek first so a request refused on one key does not spend tokens on the others.
    const refused = keys.map((k) => options.limiter.peek(k, max)).filter((r) => !r.ok);
    if (refused.length > 0) {
      const wait = Math.max(...refused.map((r) => r.retryAfterSeconds));
      c.header('Retry-After', String(wait));
      throw new RateLimitedError(wait, message(wait));
    }
    for (const k of keys) options.limiter.hit(k, max);
    await next();
  };
}

type NodeBindings = { incoming?: { socket?: { remoteAddress?: string } } };

function normalizeIp(candidate: string | undefined): string | null {
  const trimmed = candidate?.trim();
  if (!trimmed || !ipaddr.isValid(trimmed)) return null;
  return ipaddr.process(trimmed).toString(); // ::ffff:1.2.3.4 becomes 1.2.3.4
}

/**
 * The client's address. With trustProxy, the right-most X-Forwarded-For entry: the one our own proxy
 * appended (left-most entries are whatever the client sent). Else the socket address from
 * @hono/node-server. 'unknown' when neither exists (e.g. app.request in tests): such requests share a bucket.
 */
export function clientIp(c: Context, options: { trustProxy: boolean }): string {
  if (options.trustProxy) {
    const forwarded = normalizeIp(c.req.header('x-forwarded-for')?.split(',').at(-1));
    if (forwarded) return forwarded;
  }
  const env = c.env as (NodeBindings & { server?: NodeBindings }) | undefined;
  const bindings = env?.server ?? env;
  return normalizeIp(bindings?.incoming?.socket?.remoteAddress) ?? 'unknown';
}

/** Rate-limit key for an address: IPv6 clients usually own a whole /64, so they share one bucket. */
export function ipRateKey(ip: string): string {
  if (!ipaddr.IPv6.isValid(ip)) return `ip:${ip}`;
  const parts = ipaddr.IPv6.parse(ip).parts.slice(0, 4);
  return `ip:${parts.map((p) => p.toString(16)).join(':')}::/64`;
}
