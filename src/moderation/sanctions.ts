import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import type { Context, MiddlewareHandler } from 'hono';
import type { Db } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { userSanctions, type SanctionKind, type UserSanction } from './moderation.sql.ts';

export const MAX_SUSPENSION_DAYS = 365;
const DAY_MS = 86_400_000;

export async function record(tx: Db, input: { userId: number; kind: SanctionKind; reason: string; days: number | null; moderatorId: number; now: Date }): Promise<UserSanction> {
  const until = input.kind === 'suspension' ? new Date(input.now.getTime() + input.days! * DAY_MS) : null;
  const [row] = await tx.insert(userSanctions).values({ userId: input.userId, kind: input.kind, reason: input.reason, until, moderatorId: input.moderatorId, createdAt: input.now }).returning();
  return row;
}

/** The suspension in force (the one ending last), or undefined. */
export async function activeSuspension(db: Db, userId: number, now: Date): Promise<UserSanction | undefined> {
  const [row] = await db
    .select()
    .from(userSanctions)
    .where(and(eq(userSanctions.userId, userId), eq(userSanctions.kind, 'suspension'), gt(userSanctions.until, now)))
    .orderBy(desc(userSanctions.until))
    .limit(1);
  return row;
}

export async function ofUser(db: Db, userId: number): Promise<UserSanction[]> {
  return db.select().from(userSanctions).where(eq(userSanctions.userId, userId)).orderBy(desc(userSanctions.createdAt));
}

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

/** Warnings and suspensions the user has not yet seen in their inbox. */
export async function unseenCount(db: Db, userId: number): Promise<number> {
  const rows = await db.select({ id: userSanctions.sanctionId }).from(userSanctions).where(and(eq(userSanctions.userId, userId), isNull(userSanctions.seenAt)));
  return rows.length;
}

export async function markSeen(db: Db, userId: number, now: Date): Promise<void> {
  await db.update(userSanctions).set({ seenAt: now }).where(and(eq(userSanctions.userId, userId), isNull(userSanctions.seenAt)));
}
