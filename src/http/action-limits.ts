/**
 * Rate limits for the actions people can abuse: signing up, logging in, commenting, voting. Each
 * action charges every key it names (the client's address, the account, the username tried) and
 * all must have room. New accounts (< 7 days) get a lower per-account allowance, as on HN.
 */
import type { Context } from 'hono';
import type { CurrentUser } from '../accounts/accounts.ts';
import { RateLimitedError, clientIp, createRateLimiter, ipRateKey, type RateLimiter } from './rate-limit.ts';

export type ActionLimit = {
  windowMs: number;
  /** Per client address (IPv6: per /64). */
  perIp: number;
  /** Per account; new accounts get perNewAccount. */
  perAccount: number;
  perNewAccount: number;
};

export type Action = 'signup' | 'login' | 'comment' | 'vote';

const MINUTE = 60_000;
export const DEFAULT_ACTION_LIMITS: Record<Action, ActionLimit> = {
  // perAccount for login means per username tried: slows guessing one password without locking its owner out for long.
  signup: { windowMs: 60 * MINUTE, perIp: 5, perAccount: 5, perNewAccount: 5 },
  login: { windowMs: 15 * MINUTE, perIp: 30, perAccount: 10, perNewAccount: 10 },
  comment: { windowMs: 10 * MINUTE, perIp: 30, perAccount: 10, perNewAccount: 3 },
  vote: { windowMs: 10 * MINUTE, perIp: 300, perAccount: 120, perNewAccount: 40 },
};

const MESSAGES: Record<Action, string> = {
  signup: 'Too many new accounts from your network.',
  login: 'Too many login attempts.',
  comment: 'You are commenting faster than we allow (new accounts a little slower).',
  vote: 'You are voting faster than we allow.',
};

export type ActionLimits = { [A in Action]: { limit: ActionLimit; limiter: RateLimiter } } & { trustProxy: boolean };

export function createActionLimits(overrides: Partial<Record<Action, Partial<ActionLimit>>> = {}, now?: () => number, trustProxy = false): ActionLimits {
  const make = (action: Action) => {
    const limit = { ...DEFAULT_ACTION_LIMITS[action], ...overrides[action] };
    return { limit, limiter: createRateLimiter({ windowMs: limit.windowMs, max: limit.perIp, now }) };
  };
  return { signup: make('signup'), login: make('login'), comment: make('comment'), vote: make('vote'), trustProxy };
}

/**
 * Charges one `action` to the client's address and to the account (`user`) or the username tried
 * (`subject`). Throws RateLimitedError (429, Retry-After set on c) without charging anything
 * when any key is out of room.
 */
export function chargeAction(c: Context, limits: ActionLimits, action: Action, who: { user?: CurrentUser | null; subject?: string }): void {
  const { limit, limiter } = limits[action];
  const keys: [string, number][] = [[ipRateKey(clientIp(c, { trustProxy: limits.trustProxy })), limit.perIp]];
  if (who.user) keys.push([`user:${who.user.userId}`, who.user.isNew ? limit.perNewAccount : limit.perAccount]);
  if (who.subject) keys.push([`name:${who.subject.toLowerCase()}`, limit.perAccount]);
  const refused = keys.map(([k, max]) => limiter.peek(k, max)).filter((r) => !r.ok);
  if (refused.length > 0) {
    const wait = Math.max(...refused.map((r) => r.retryAfterSeconds));
    c.header('Retry-After', String(wait));
    throw new RateLimitedError(wait, `${MESSAGES[action]} Try again in ${waitText(wait)}.`);
  }
  for (const [k, max] of keys) limiter.hit(k, max);
}

function waitText(seconds: number): string {
  if (seconds < 90) return `${seconds} ${seconds === 1 ? 'second' : 'seconds'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}
