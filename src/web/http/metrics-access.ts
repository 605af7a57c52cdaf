import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import ipaddr from 'ipaddr.js';
import { AppError } from '../../errors.ts';
import { clientIp } from './rate-limit.ts';

export type MetricsAccessOptions = {
  /** METRICS_TOKEN: when not empty, `Authorization: Bearer <token>` opens /metrics to any address. */
  token: string;
  /** TRUST_PROXY: behind our own proxy every request comes from loopback, so the forwarded address decides. */
  trustProxy: boolean;
};

/**
 * /metrics tells anyone how big the site is and how its workers fare, so it is for the operator:
 * clients on this machine (a local Prometheus, `curl localhost`) or a scraper that presents the
 * METRICS_TOKEN bearer token. Everyone else gets 403.
 */
export function metricsAccess(options: MetricsAccessOptions): MiddlewareHandler {
  const expected = options.token ? digest(options.token) : null;
  return async (c, next) => {
    const presented = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '')?.[1];
    const tokenOk = expected !== null && presented !== undefined && timingSafeEqual(digest(presented), expected);
    if (!tokenOk && !isLoopback(clientIp(c, { trustProxy: options.trustProxy }))) {
      throw new AppError('forbidden', 'Metrics requested from a non-loopback address without the METRICS_TOKEN', {
        status: 403,
        userMessage:
          'Metrics are served only to this machine, or with the bearer token the operator set in METRICS_TOKEN.',
      });
    }
    await next();
  };
}

/** Equal-length digests, so comparing them takes the same time whatever was sent. */
const digest = (token: string) => createHash('sha256').update(token).digest();

function isLoopback(ip: string): boolean {
  return ipaddr.isValid(ip) && ipaddr.process(ip).range() === 'loopback';
}
