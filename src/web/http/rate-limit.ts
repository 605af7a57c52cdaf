/**
 * What every rate limit needs from a request: the client's address, its bucket key, and the error a
 * refusal throws. The buckets themselves are in the database (src/rate-limits/rate-buckets.ts), so
 * every process serving one database shares one allowance; action-limits.ts decides what is charged.
 */
import type { Context } from 'hono';
import ipaddr from 'ipaddr.js';
import { AppError } from '../../errors.ts';

/** AppError with the wait attached, so onError can send `Retry-After` (chargeAction also sets it on c). */
export class RateLimitedError extends AppError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number, userMessage: string) {
    super('rate_limited', `Rate limited for ${retryAfterSeconds}s`, { status: 429, userMessage });
    this.retryAfterSeconds = retryAfterSeconds;
  }
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
