import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { invalidInput } from '../input-error.ts';
import { ROLES, users, type Role, type User } from './accounts.sql.ts';
import { checkPasswordPolicy, checkUsername, hashPassword, needsRehash, verifyPassword } from './password.ts';

export { ROLES };
export type { Role, User };

/** What pages show for the author of a deleted account's comments (no sign-up name can hold brackets). */
export const DELETED_NAME = '[deleted]';

/** The name to show for a user row: "[deleted]" once its owner deleted the account. */
export const publicName = sql<string>`case when ${users.deletedAt} is null then ${users.username} else ${DELETED_NAME} end`;

/** Accounts younger than this are marked (green name) and get lower rate limits. */
export const NEW_ACCOUNT_DAYS = 7;
const DAY_MS = 86_400_000;

/** The signed-in person as routes and views see them; `null` in their place is an anonymous reader. */
export type CurrentUser = { userId: number; username: string; role: Role; createdAt: Date; isNew: boolean };

export function isNewAccount(createdAt: Date, now: Date): boolean {
  return now.getTime() - createdAt.getTime() < NEW_ACCOUNT_DAYS * DAY_MS;
}

export function toCurrentUser(user: Pick<User, 'userId' | 'username' | 'role' | 'createdAt'>, now: Date): CurrentUser {
  return {
    userId: user.userId,
    username: user.username,
    role: user.role,
    createdAt: user.createdAt,
    isNew: isNewAccount(user.createdAt, now),
  };
}

export const isStaff = (user: { role: Role } | null | undefined) =>
  user?.role === 'moderator' || user?.role === 'admin';

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Self-service sign-up: always a commenter. Throws invalid input (422/409) with a message for the form. */
export async function signUp(db: Db, input: { username: string; password: string }): Promise<User> {
  const problem = checkUsername(input.username) ?? checkPasswordPolicy(input.password, input.username);
  if (problem) throw invalidInput(problem);
  return create(db, { username: input.username, password: input.password, role: 'commenter' });
}

/**
 * Creates an account (CLI, demo data, sign-up). A null password makes an account nobody can log
 * in to. The username rules apply; the password policy is the caller's (sign-up checks it).
 */
export async function create(
  db: Db,
  input: { username: string; password: string | null; role: Role; createdAt?: Date },
): Promise<User> {
  const problem = checkUsername(input.username);
  if (problem) throw invalidInput(problem);
  if (await byUsername(db, input.username)) throw taken();
  const passwordHash = input.password === null ? null : await hashPassword(input.password);
  try {
    const [user] = await db
      .insert(users)
      .values({
        username: input.username,
        passwordHash,
        role: input.role,
        ...(input.createdAt ? { createdAt: input.createdAt } : {}),
      })
      .returning();
    return user;
  } catch (err) {
    if (isUniqueViolation(err)) throw taken(); // lost a race with a twin sign-up
    throw new AppError('user_create_failed', `Could not create user ${input.username}`, { cause: err });
  }
}

const taken = () => invalidInput('That username is taken. Choose another.', { status: 409 });

let dummyHash: Promise<string> | undefined;

/**
 * The user when the password matches, else null. Unknown names and password-less accounts still
 * pay for one hash, so response time does not reveal which usernames exist.
 */
export async function authenticate(db: Db, username: string, password: string): Promise<User | null> {
  const user = await byUsername(db, username);
  if (!user?.passwordHash || user.deletedAt) {
    dummyHash ??= hashPassword('not-a-real-password-but-hashed-alike');
    await verifyPassword(password, await dummyHash);
    return null;
  }
  if (!(await verifyPassword(password, user.passwordHash))) return null;
  if (needsRehash(user.passwordHash)) await setPassword(db, user.userId, password);
  return user;
}

export async function setPassword(db: Db, userId: number, password: string): Promise<void> {
  await db
    .update(users)
    .set({ passwordHash: await hashPassword(password) })
    .where(eq(users.userId, userId));
}

/**
 * Changes a signed-in user's password: the current one must match (else 401, nothing changes) and
 * the new one follows the sign-up rules. Ending the other sessions is the caller's (Sessions.endOthers).
 */
export async function changePassword(
  db: Db,
  input: { userId: number; current: string; next: string; confirm: string },
): Promise<void> {
  const user = await confirmPassword(db, input.userId, input.current);
  const problem = checkPasswordPolicy(input.next, user.username);
  if (problem) throw invalidInput(problem);
  if (input.next !== input.confirm) throw invalidInput('The new password and its repetition differ.');
  await setPassword(db, user.userId, input.next);
}

/** The user when `password` is theirs; otherwise invalid input (401) for the form beside it. */
export async function confirmPassword(db: Db, userId: number, password: string): Promise<User> {
  const user = await byId(db, userId);
  if (!user?.passwordHash || user.deletedAt)
    throw invalidInput('This account has no password; nothing can be changed here.', { status: 403 });
  if (!(await verifyPassword(password, user.passwordHash)))
    throw invalidInput('Your current password is not right.', { status: 401 });
  return user;
}

/**
 * Marks an account deleted: no password, no role above commenter, its name kept (so nobody can
 * take it and pass for its owner). Refused for the last admin, so the site is never left without
 * one; the admin rows are locked so two admins deleting themselves at once cannot both pass.
 * Votes, flags, sessions and notifications are the use case's (src/use-cases/delete-account.ts).
 */
export async function markDeleted(tx: Db, userId: number, now: Date): Promise<void> {
  const admins = await tx
    .select({ userId: users.userId })
    .from(users)
    .where(and(eq(users.role, 'admin'), isNull(users.deletedAt)))
    .for('update');
  if (admins.some((a) => a.userId === userId) && admins.length === 1) {
    throw invalidInput(
      'You are the only admin: make another account admin (crosscheck users role NAME admin) before deleting this one.',
      { status: 409 },
    );
  }
  await tx
    .update(users)
    .set({ deletedAt: now, passwordHash: null, role: 'commenter' })
    .where(and(eq(users.userId, userId), isNull(users.deletedAt)));
}

export async function byUsername(db: Db, username: string): Promise<User | undefined> {
  if (username.includes('\0')) return undefined; // no name holds one, and PostgreSQL refuses NUL in text
  const [user] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.username}) = lower(${username})`);
  return user;
}

export async function byId(db: Db, userId: number): Promise<User | undefined> {
  const [user] = await db.select().from(users).where(eq(users.userId, userId));
  return user;
}

/** Which of these names belong to accounts, keyed by lower case (for @mentions). */
export async function byUsernames(db: Db, names: string[]): Promise<Map<string, Pick<User, 'userId' | 'username'>>> {
  const lower = [...new Set(names.map((n) => n.toLowerCase()))];
  if (lower.length === 0) return new Map();
  const rows = await db
    .select({ userId: users.userId, username: users.username })
    .from(users)
    .where(and(inArray(sql`lower(${users.username})`, lower), isNull(users.deletedAt)));
  return new Map(rows.map((r) => [r.username.toLowerCase(), r]));
}

export async function setRole(db: Db, username: string, role: Role): Promise<User | undefined> {
  const [user] = await db
    .update(users)
    .set({ role })
    .where(sql`lower(${users.username}) = lower(${username})`)
    .returning();
  return user;
}

export async function list(db: Db): Promise<User[]> {
  return db.select().from(users).orderBy(asc(users.userId));
}

function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; e instanceof Error || (e && typeof e === 'object'); e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '23505') return true;
    if (!(e as { cause?: unknown }).cause) break;
  }
  return false;
}
