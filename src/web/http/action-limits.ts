/**
 * Rate limits for the actions people can abuse: signing up, logging in, commenting, voting. Each
 * action charges every key it names (the client's address, the account, the username tried) and
 * all must have room. New accounts (< 7 days) get a lower per-account allowance, as on HN.
 * The buckets live in the database (src/rate-limits/rate-buckets.ts), so every process serving one
 * database shares one allowance.
 */
import type { Context } from 'hono';
import type { CurrentUser } from '../../accounts/accounts.ts';
import type { Db } from '../../db/client.ts';
import { sharedLimiter, type KeyCharge, type SharedLimiter } from '../../rate-limits/rate-buckets.ts';
import { RateLimitedError, clientIp, ipRateKey } from './rate-limit.ts';

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

export type ActionLimits = { [A in Action]: { limit: ActionLimit; limiter: SharedLimiter } } & { trustProxy: boolean };

export type ActionLimitsOptions = {
  overrides?: Partial<Record<Action, Partial<ActionLimit>>>;
  /** Milliseconds clock; tests inject one. */
  now?: () => number;
  trustProxy?: boolean;
};

export function createActionLimits(db: Db, options: ActionLimitsOptions = {}): ActionLimits {
  const { overrides = {}, now, trustProxy = false } = options;
  const make = (action: Action) => {
    const limit = { ...DEFAULT_ACTION_LIMITS[action], ...overrides[action] };
    return { limit, limiter: sharedLimiter(db, { name: action, windowMs: limit.windowMs, now }) };
  };
  return { signup: make('signup'), login: make('login'), comment: make('comment'), vote: make('vote'), trustProxy };
}

/**
 * Charges one `action` to the client's address and to the account (`user`) or the username tried
 * (`subject`). Throws RateLimitedError (429, Retry-After set on c) without charging anything
 * when any key is out of room.
 */
export async function chargeAction(
  c: Context,
  limits: ActionLimits,
  action: Action,
  who: { user?: CurrentUser | null; subject?: string },
): Promise<void> {
  const { limit, limiter } = limits[action];
  const keys: KeyCharge[] = [{ key: ipRateKey(clientIp(c, { trustProxy: limits.trustProxy })), max: limit.perIp }];
  if (who.user)
    keys.push({ key: `user:${who.user.userId}`, max: who.user.isNew ? limit.perNewAccount : limit.perAccount });
  // NUL is dropped: PostgreSQL refuses it in text, and no username holds one (a typed "a\0b" charges "ab").
  if (who.subject) keys.push({ key: `name:${who.subject.toLowerCase().replaceAll('\0', '')}`, max: limit.perAccount });
  const result = await limiter.charge(keys);
  if (!result.ok) {
    const wait = result.retryAfterSeconds;
    c.header('Retry-After', String(wait));
    throw new RateLimitedError(wait, `${MESSAGES[action]} Try again in ${waitText(wait)}.`);
  }
}

function waitText(seconds: number): string {
  if (seconds < 90) return `${seconds} ${seconds === 1 ? 'second' : 'seconds'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}
