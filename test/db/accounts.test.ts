import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as Accounts from '../../src/accounts/accounts.ts';
import { sessions, users } from '../../src/accounts/accounts.sql.ts';
import * as Sessions from '../../src/accounts/sessions.ts';
import { AppError } from '../../src/errors.ts';
import { drivers, emptyDatabase, openTestDatabase, type TestDatabase } from '../support/db.ts';

const PASSWORD = 'battery staple horse 42';
const DAY = 86_400_000;

describe.each(drivers)('accounts and sessions on %s', (driver) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(driver);
  });
  afterAll(() => t?.close());
  // Each case starts from one account, Zara, whatever ran before it.
  beforeEach(async () => {
    await emptyDatabase(t.db);
    await Accounts.signUp(t.db, { username: 'Zara', password: PASSWORD });
  });

  it('when someone signs up, then a commenter is stored with a scrypt hash and never the password', async () => {
    const user = await Accounts.signUp(t.db, { username: 'Yusuf', password: PASSWORD });
    expect(user.role).toBe('commenter');
    expect(user.passwordHash).toMatch(/^scrypt\$/);
    const [{ n }] = await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(users)
      .where(sql`${users.passwordHash} like ${`%${PASSWORD}%`}`);
    expect(n).toBe(0);
  });

  it('when a name differs only in case, then it is taken (409) and the message says so', async () => {
    const err = await Accounts.signUp(t.db, { username: 'zara', password: PASSWORD }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.status).toBe(409);
    expect(err.userMessage).toMatch(/taken/);
  });

  it('when the username or password breaks the rules, then sign-up fails with a message for the form', async () => {
    await expect(Accounts.signUp(t.db, { username: 'a b', password: PASSWORD })).rejects.toMatchObject({
      status: 422,
      userMessage: expect.stringMatching(/letters, digits/),
    });
    await expect(Accounts.signUp(t.db, { username: 'admin', password: PASSWORD })).rejects.toMatchObject({
      userMessage: expect.stringMatching(/reserved/),
    });
    await expect(Accounts.signUp(t.db, { username: 'shorty', password: 'short' })).rejects.toMatchObject({
      userMessage: expect.stringMatching(/at least 10/),
    });
  });

  it('when credentials are checked, then only the right password of an account with one passes, whatever the case of the name', async () => {
    expect((await Accounts.authenticate(t.db, 'ZARA', PASSWORD))?.username).toBe('Zara');
    expect(await Accounts.authenticate(t.db, 'Zara', `${PASSWORD}!`)).toBeNull();
    expect(await Accounts.authenticate(t.db, 'nobody', PASSWORD)).toBeNull();
    await Accounts.create(t.db, { username: 'DemoAuthor', password: null, role: 'commenter' });
    expect(await Accounts.authenticate(t.db, 'DemoAuthor', '')).toBeNull();
  });

  it('when a session starts, then the table holds only the token hash, and the token resumes it until it expires', async () => {
    const zara = (await Accounts.byUsername(t.db, 'zara'))!;
    const now = new Date('2025-10-27T12:00:00Z');
    const session = await Sessions.start(t.db, zara.userId, { now, days: 30 });
    expect(session.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rows = await t.db.select().from(sessions).where(eq(sessions.userId, zara.userId));
    expect(rows.map((r) => r.tokenHash)).toEqual([Sessions.hashToken(session.token)]);
    expect(rows[0].tokenHash).not.toContain(session.token);

    expect((await Sessions.resume(t.db, session.token, new Date(now.getTime() + 29 * DAY)))?.user.username).toBe(
      'Zara',
    );
    expect(await Sessions.resume(t.db, session.token, new Date(now.getTime() + 30 * DAY))).toBeUndefined();
    expect(await t.db.select().from(sessions).where(eq(sessions.userId, zara.userId))).toEqual([]); // expired row removed
  });

  it('when a token is malformed, unknown or ended, then nothing resumes', async () => {
    const zara = (await Accounts.byUsername(t.db, 'zara'))!;
    const now = new Date('2025-10-27T12:00:00Z');
    const session = await Sessions.start(t.db, zara.userId, { now, days: 1 });
    expect(await Sessions.resume(t.db, "x' or 1=1 --", now)).toBeUndefined();
    expect(await Sessions.resume(t.db, 'A'.repeat(43), now)).toBeUndefined();
    await Sessions.end(t.db, session.token);
    expect(await Sessions.resume(t.db, session.token, now)).toBeUndefined();
  });

  it('when expired sessions are purged, then live ones stay', async () => {
    const zara = (await Accounts.byUsername(t.db, 'zara'))!;
    const now = new Date('2025-11-01T00:00:00Z');
    await Sessions.start(t.db, zara.userId, { now: new Date(now.getTime() - 2 * DAY), days: 1 });
    const live = await Sessions.start(t.db, zara.userId, { now, days: 1 });
    expect(await Sessions.purgeExpired(t.db, now)).toBeGreaterThanOrEqual(1);
    expect(await Sessions.resume(t.db, live.token, now)).toBeDefined();
  });

  it('when an account is younger than seven days, then it counts as new', () => {
    const now = new Date('2025-10-27T12:00:00Z');
    expect(Accounts.isNewAccount(new Date(now.getTime() - 7 * DAY + 1000), now)).toBe(true);
    expect(Accounts.isNewAccount(new Date(now.getTime() - 7 * DAY), now)).toBe(false);
  });
});
