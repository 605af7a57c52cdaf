import type { Context, MiddlewareHandler } from 'hono';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { activeSuspension } from '../../moderation/sanctions.ts';

// Paths a suspended reader may still post to: leaving, logging in again, and their own account's
// settings (securing it with a new password, muting notices, deleting it) — nothing others see.
const ALWAYS_ALLOWED = /^\/(?:logout|login|settings\/(?:password|notifications|delete))$/;

/**
 * Suspended accounts read but cannot write: every POST (comment, vote, flag, stance) answers 403
 * with when the suspension ends and why. Runs after the session middleware.
 */
export function suspensionGuard(deps: { db: Db; now: () => Date }): MiddlewareHandler {
  return async (c: Context, next) => {
    const user = c.get('user');
    if (user && c.req.method === 'POST' && !ALWAYS_ALLOWED.test(c.req.path)) {
      const s = await activeSuspension(deps.db, user.userId, deps.now());
      if (s) {
        const message = `Your account is suspended until ${s.until!.toUTCString()}: ${s.reason}`;
        throw new AppError('suspended', message, { status: 403, userMessage: message });
      }
    }
    await next();
  };
}
