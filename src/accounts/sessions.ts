import { createHash, randomBytes } from 'node:crypto';
import { and, eq, lte, ne } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { sessions, users, type User } from './accounts.sql.ts';

/** 32 random bytes, base64url without padding: what the cookie carries. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;
const DAY_MS = 86_400_000;

/** The cookie holds the token, the table its SHA-256: a copy of the table opens no sessions. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export type StartedSession = { token: string; expiresAt: Date };

/** A fresh session. Callers end the visitor's previous one first (rotation on login). */
export async function start(db: Db, userId: number, options: { now: Date; days: number }): Promise<StartedSession> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(options.now.getTime() + options.days * DAY_MS);
  await db.insert(sessions).values({ tokenHash: hashToken(token), userId, createdAt: options.now, expiresAt });
  return { token, expiresAt };
}

/** The session's user, or undefined when the token is malformed, unknown or expired (expired rows are removed). */
export async function resume(db: Db, token: string, now: Date): Promise<{ user: User; expiresAt: Date } | undefined> {
  if (!TOKEN_SHAPE.test(token)) return undefined;
  const tokenHash = hashToken(token);
  const [row] = await db
    .select({ user: users, expiresAt: sessions.expiresAt })
    .from(sessions)
    .innerJoin(users, eq(users.userId, sessions.userId))
    .where(eq(sessions.tokenHash, tokenHash));
  if (!row) return undefined;
  if (row.expiresAt.getTime() <= now.getTime()) {
    await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
    return undefined;
  }
  return row;
}

export async function end(db: Db, token: string): Promise<void> {
  if (TOKEN_SHAPE.test(token)) await db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token)));
}

/** Logs a user out everywhere (after a role or password change, say). */
export async function endAll(db: Db, userId: number): Promise<number> {
  return (await db.delete(sessions).where(eq(sessions.userId, userId)).returning({ t: sessions.tokenHash })).length;
}

/** Logs a user out everywhere but this session (after a password change): returns how many ended. */
export async function endOthers(db: Db, userId: number, keepToken: string): Promise<number> {
  const kept = TOKEN_SHAPE.test(keepToken) ? hashToken(keepToken) : '';
  return (
    await db
      .delete(sessions)
      .where(and(eq(sessions.userId, userId), ne(sessions.tokenHash, kept)))
      .returning({ t: sessions.tokenHash })
  ).length;
}

export async function purgeExpired(db: Db, now: Date): Promise<number> {
  return (await db.delete(sessions).where(lte(sessions.expiresAt, now)).returning({ t: sessions.tokenHash })).length;
}
