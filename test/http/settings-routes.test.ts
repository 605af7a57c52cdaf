import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Accounts from '../../src/accounts/accounts.ts';
import { sessions, users } from '../../src/accounts/accounts.sql.ts';
import { claims } from '../../src/claims/claims.sql.ts';
import { statusNotifications } from '../../src/crosscheck/crosscheck.sql.ts';
import { comments, storyDiscussions } from '../../src/discussion/comments.sql.ts';
import { notifications } from '../../src/discussion/notifications.sql.ts';
import { commentVotes } from '../../src/discussion/votes.sql.ts';
import { flags } from '../../src/moderation/moderation.sql.ts';
import * as Sanctions from '../../src/moderation/sanctions.ts';
import { testApp } from '../support/app.ts';
import { drivers, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { PASSWORD, WebClient, seedStory, unescapeHtml } from '../support/web-client.ts';

const OLD = new Date('2025-01-01T00:00:00Z');
const NEW_PASSWORD = 'correct lantern meadow 7';
const LIMITS = {
  signup: { perIp: 1000 },
  login: { perIp: 1000, perAccount: 1000 },
  comment: { perIp: 1000, perAccount: 1000, perNewAccount: 1000 },
  vote: { perIp: 1000, perAccount: 1000 },
};

describe.each(drivers)('account settings on %s', (driver) => {
  let t: TestDatabase;
  let app: ReturnType<typeof testApp>;
  let storyId: number;
  let time = new Date('2025-10-27T12:00:00Z').getTime();

  /** An old account of `role` logged in on a fresh client. */
  const login = async (username: string, role: Accounts.Role = 'commenter', password = PASSWORD) => {
    if (!(await Accounts.byUsername(t.db, username)))
      await Accounts.create(t.db, { username, password, role, createdAt: OLD });
    const client = new WebClient(app);
    const res = await client.post('/login', { username, password });
    expect(res.status).toBe(303);
    return client;
  };
  const comment = async (client: WebClient, text: string, parentId?: number) => {
    const res = await client.post(`/stories/${storyId}/comments`, {
      text,
      ...(parentId ? { parent: String(parentId) } : {}),
    });
    expect(res.status).toBe(303);
    return (await t.db.select({ id: comments.commentId }).from(comments).orderBy(desc(comments.commentId)).limit(1))[0]
      .id;
  };
  const userRow = async (username: string) => (await Accounts.byUsername(t.db, username))!;
  const isLoggedIn = async (client: WebClient, username: string) =>
    (await (await client.get('/about')).text()).includes(`href="/users/${username}"`);

  beforeAll(async () => {
    t = await openTestDatabase(driver);
    app = testApp(t.db, { now: () => new Date(time), rateLimits: LIMITS });
    storyId = await seedStory(t.db, 'The AI capex boom');
  });
  afterAll(() => t?.close());

  it('when an anonymous reader opens /settings or posts to it, then they are sent to log in and come back to /settings', async () => {
    const anon = new WebClient(app);
    for (const res of [
      await anon.get('/settings'),
      await anon.post('/settings/password', { current: 'x', password: 'y', confirm: 'y' }),
      await anon.post('/settings/delete', { username: 'x', password: 'y' }),
      await anon.post('/settings/notifications', { reply: 'on' }),
    ]) {
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/login?next=%2Fsettings');
    }
    const html = await (await anon.get('/login?next=%2Fsettings')).text();
    expect(html).toContain('name="next" value="/settings"');
  });

  it('when a signed-in user opens /settings, then every form carries the CSRF token, the deletion terms are stated, and the menu links to Settings', async () => {
    const client = await login('setter');
    const res = await client.get('/settings');
    expect(res.status).toBe(200);
    const html = unescapeHtml(await res.text());
    expect(html).toContain('<a href="/settings">Settings</a>');
    for (const action of ['/settings/password', '/settings/notifications', '/settings/delete']) {
      expect(html).toMatch(
        new RegExp(
          `<form method="post" action="${action}"[^>]*><input type="hidden" name="_csrf" value="${client.csrfToken}"`,
        ),
      );
    }
    expect(html).toContain('Your comments stay, with their text');
    expect(html).toContain('the author is shown as "[deleted]"');
    expect(html).toContain('Your votes and flags are removed');
    expect(html).toMatch(/name="reply" value="on" checked/);
    expect(html).toMatch(/name="mention" value="on" checked/);
    expect(html).toMatch(/name="figureStatus" value="on" checked/);
    const anonHtml = await (await new WebClient(app).get('/about')).text();
    expect(anonHtml).not.toContain('href="/settings"');
  });

  it('when a user changes the password, then other sessions end, this one stays, a confirmation shows, and only the new password logs in', async () => {
    const here = await login('chpw');
    const laptop = await login('chpw');
    const res = await here.post('/settings/password', {
      current: PASSWORD,
      password: NEW_PASSWORD,
      confirm: NEW_PASSWORD,
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/settings?done=password&ended=1');
    const page = unescapeHtml(await (await here.get(res.headers.get('location')!)).text());
    expect(page).toContain('Your password was changed. 1 other session was logged out; this one stays logged in.');
    expect(await isLoggedIn(here, 'chpw')).toBe(true);
    expect(await isLoggedIn(laptop, 'chpw')).toBe(false);
    expect((await new WebClient(app).post('/login', { username: 'chpw', password: PASSWORD })).status).toBe(401);
    expect((await new WebClient(app).post('/login', { username: 'chpw', password: NEW_PASSWORD })).status).toBe(303);
  });

  it('when the current password is wrong, then the error shows beside the form, no password is echoed, and nothing changes', async () => {
    const here = await login('wrongcur');
    const laptop = await login('wrongcur');
    const res = await here.post('/settings/password', {
      current: 'not my password 1',
      password: NEW_PASSWORD,
      confirm: NEW_PASSWORD,
    });
    expect(res.status).toBe(401);
    const html = await res.text();
    expect(html).toMatch(
      /<form method="post" action="\/settings\/password"[\s\S]*?<p class="error" role="alert" id="password-error">Your current password is not right.<\/p>/,
    );
    expect(html).not.toContain(NEW_PASSWORD);
    expect(html).not.toContain('not my password 1');
    expect(await isLoggedIn(laptop, 'wrongcur')).toBe(true);
    expect((await new WebClient(app).post('/login', { username: 'wrongcur', password: PASSWORD })).status).toBe(303);
  });

  it('when the new password breaks the sign-up rules or its repetition differs, then it is refused with the reason and nothing changes', async () => {
    const here = await login('rules');
    const short = await here.post('/settings/password', { current: PASSWORD, password: 'short', confirm: 'short' });
    expect(short.status).toBe(422);
    expect(await short.text()).toContain('Use at least 10 characters for your password.');
    const named = await here.post('/settings/password', {
      current: PASSWORD,
      password: 'rules-are-rules-9',
      confirm: 'rules-are-rules-9',
    });
    expect(await named.text()).toContain('must not contain your username');
    const common = await here.post('/settings/password', {
      current: PASSWORD,
      password: 'password123',
      confirm: 'password123',
    });
    expect(await common.text()).toContain('too common');
    const differ = await here.post('/settings/password', {
      current: PASSWORD,
      password: NEW_PASSWORD,
      confirm: `${NEW_PASSWORD}x`,
    });
    expect(differ.status).toBe(422);
    expect(await differ.text()).toContain('The new password and its repetition differ.');
    expect((await new WebClient(app).post('/login', { username: 'rules', password: PASSWORD })).status).toBe(303);
  });

  it('when a settings form comes without the CSRF token, then it is refused and nothing changes', async () => {
    const here = await login('forged');
    expect(
      (
        await here.post(
          '/settings/password',
          { current: PASSWORD, password: NEW_PASSWORD, confirm: NEW_PASSWORD },
          { noCsrf: true },
        )
      ).status,
    ).toBe(403);
    expect((await here.post('/settings/notifications', {}, { noCsrf: true })).status).toBe(403);
    expect(
      (await here.post('/settings/delete', { username: 'forged', password: PASSWORD }, { noCsrf: true })).status,
    ).toBe(403);
    const row = await userRow('forged');
    expect(row.deletedAt).toBeNull();
    expect(row.notifyReplies).toBe(true);
    expect((await new WebClient(app).post('/login', { username: 'forged', password: PASSWORD })).status).toBe(303);
  });

  it('when someone keeps guessing the current password, then the login rate limit answers 429 beside the form', async () => {
    const limited = testApp(t.db, {
      now: () => new Date(time),
      rateLimits: { ...LIMITS, login: { perIp: 1000, perAccount: 3 } },
    });
    await Accounts.create(t.db, { username: 'guesser', password: PASSWORD, role: 'commenter', createdAt: OLD });
    const client = new WebClient(limited, { ip: '198.51.100.77' });
    expect((await client.post('/login', { username: 'guesser', password: PASSWORD })).status).toBe(303);
    for (let i = 0; i < 2; i++)
      expect(
        (
          await client.post('/settings/password', {
            current: `guess number ${i}`,
            password: NEW_PASSWORD,
            confirm: NEW_PASSWORD,
          })
        ).status,
      ).toBe(401);
    const res = await client.post('/settings/delete', { username: 'guesser', password: 'guess number 3' });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    const html = await res.text();
    expect(html).toContain('Too many login attempts.');
    expect(html).toContain('value="guesser"');
    expect((await userRow('guesser')).deletedAt).toBeNull();
  });

  it('when a user switches replies and mentions off, then neither reaches their inbox, while a user who kept them gets both', async () => {
    const quiet = await login('quiet');
    const chatty = await login('chatty');
    const other = await login('other');
    const saved = await quiet.post('/settings/notifications', { figureStatus: 'on' });
    expect(saved.status).toBe(303);
    const page = unescapeHtml(await (await quiet.get(saved.headers.get('location')!)).text());
    expect(page).toContain('Your notification choices were saved.');
    expect(page).toMatch(/name="reply" value="on"\/>/);
    expect(page).toMatch(/name="figureStatus" value="on" checked/);
    const q = await comment(quiet, 'Quiet thoughts on capex.');
    const c = await comment(chatty, 'Chatty thoughts on capex.');
    await comment(other, 'Replying to you, @quiet and @chatty.', q);
    await comment(other, 'Replying to chatty too.', c);
    const inboxOf = async (username: string) =>
      t.db
        .select({ kind: notifications.kind })
        .from(notifications)
        .where(eq(notifications.userId, (await userRow(username)).userId));
    expect(await inboxOf('quiet')).toEqual([]);
    expect((await inboxOf('chatty')).map((n) => n.kind).sort()).toEqual(['mention', 'reply']);
  });

  it('when a watcher switches figure status notices off, then a moderator’s status change skips them but reaches the commenter who stated it', async () => {
    const stater = await login('stater');
    const watcher = await login('watcher');
    const mod = await login('modder', 'moderator');
    const commentId = await comment(stater, 'Datacenter REIT capex is up 70%.');
    const [claim] = await t.db
      .select({ figureId: claims.figureId })
      .from(claims)
      .where(eq(claims.commentId, commentId));
    expect(claim?.figureId).toBeTruthy();
    expect((await watcher.post(`/figures/${claim.figureId}/watch`, { watch: 'on' })).status).toBeLessThan(400);
    await watcher.post('/settings/notifications', { reply: 'on', mention: 'on' });
    time += 60_000;
    expect(
      (
        await mod.post('/moderation/actions', {
          item: `figure-${claim.figureId}`,
          action: 'set_status',
          status: 'disputed',
          reason: 'REIT filings show 35%.',
        })
      ).status,
    ).toBe(303);
    const noticesOf = async (username: string) =>
      (
        await t.db
          .select()
          .from(statusNotifications)
          .where(eq(statusNotifications.userId, (await userRow(username)).userId))
      ).length;
    expect(await noticesOf('watcher')).toBe(0);
    expect(await noticesOf('stater')).toBe(1);
  });

  it('when a user deletes the account, then comments stay with "[deleted]" as author, votes and flags are withdrawn, sessions end and the name never logs in again', async () => {
    const leaver = await login('leaver');
    const laptop = await login('leaver');
    const stayer = await login('stayer');
    const mine = await comment(leaver, 'My capex analysis, for the record.');
    const theirs = await comment(stayer, 'A comment the leaver voted on and flagged.');
    await comment(stayer, 'And a reply to the leaver.', mine);
    expect((await leaver.post(`/comments/${theirs}/vote`, { dir: 'up' })).status).toBe(303);
    expect((await leaver.post(`/stories/${storyId}/vote`, { dir: 'up' })).status).toBe(303);
    expect((await leaver.post('/flags', { kind: 'comment', id: String(theirs), reason: 'off_topic' })).status).toBe(
      303,
    );
    const votesBefore = (await t.db.select().from(storyDiscussions).where(eq(storyDiscussions.storyId, storyId)))[0]
      .votes;
    const { userId } = await userRow('leaver');

    const res = await leaver.post('/settings/delete', { username: 'Leaver', password: PASSWORD });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/settings/deleted');
    expect(await (await leaver.get('/settings/deleted')).text()).toContain(
      'Your account was deleted and you are logged out.',
    );

    // Comments kept with their text; the author reads "[deleted]" and links nowhere.
    const story = unescapeHtml(await (await new WebClient(app).get(`/stories/${storyId}`)).text());
    expect(story).toContain('My capex analysis, for the record.');
    expect(story).toMatch(new RegExp(`id="c${mine}"[\\s\\S]*?<span class="deleted-author">\\[deleted\\]</span>`));
    expect(story).not.toContain('href="/users/leaver"');
    expect((await new WebClient(app).get('/users/leaver')).status).toBe(404);
    // Votes and flags withdrawn, counts with them.
    const [c] = await t.db
      .select({ upvotes: comments.upvotes, flags: comments.flags })
      .from(comments)
      .where(eq(comments.commentId, theirs));
    expect(c).toEqual({ upvotes: 0, flags: 0 });
    expect((await t.db.select().from(storyDiscussions).where(eq(storyDiscussions.storyId, storyId)))[0].votes).toBe(
      votesBefore - 1,
    );
    expect(await t.db.select().from(commentVotes).where(eq(commentVotes.userId, userId))).toEqual([]);
    expect(await t.db.select().from(flags).where(eq(flags.userId, userId))).toEqual([]);
    expect(await t.db.select().from(notifications).where(eq(notifications.userId, userId))).toEqual([]);
    // Every session ended; the name can neither log in nor be taken.
    expect(await t.db.select().from(sessions).where(eq(sessions.userId, userId))).toEqual([]);
    expect(await isLoggedIn(laptop, 'leaver')).toBe(false);
    expect((await new WebClient(app).post('/login', { username: 'leaver', password: PASSWORD })).status).toBe(401);
    expect((await new WebClient(app).post('/signup', { username: 'leaver', password: PASSWORD })).status).toBe(409);
    // An @mention of the name no longer links or notifies anyone.
    await comment(stayer, 'Where did @leaver go?');
    expect(unescapeHtml(await (await new WebClient(app).get(`/stories/${storyId}`)).text())).not.toContain(
      'href="/users/leaver"',
    );
  });

  it('when the typed username or the password is wrong, then deletion is refused beside the form with the typed name kept, and nothing changes', async () => {
    const client = await login('careful');
    const name = await client.post('/settings/delete', { username: 'carefull', password: PASSWORD });
    expect(name.status).toBe(422);
    const nameHtml = await name.text();
    expect(nameHtml).toMatch(
      /<form method="post" action="\/settings\/delete"[\s\S]*?id="delete-error">Type your username, careful, to confirm.<\/p>/,
    );
    expect(nameHtml).toContain('value="carefull"');
    expect(nameHtml).not.toContain(PASSWORD);
    const pw = await client.post('/settings/delete', { username: 'careful', password: 'not my password 2' });
    expect(pw.status).toBe(401);
    expect(await pw.text()).toContain('Your current password is not right.');
    expect((await userRow('careful')).deletedAt).toBeNull();
    expect(await isLoggedIn(client, 'careful')).toBe(true);
  });

  it('when the only admin tries to delete their account, then it is refused with a clear message; once another admin exists, it works', async () => {
    const solo = await login('soloadmin', 'admin');
    // Other tests in this file may have made admins; this one needs to be the last.
    await t.db.update(users).set({ role: 'commenter' }).where(eq(users.role, 'admin'));
    await t.db.update(users).set({ role: 'admin' }).where(eq(users.username, 'soloadmin'));
    const res = await solo.post('/settings/delete', { username: 'soloadmin', password: PASSWORD });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('You are the only admin');
    expect((await userRow('soloadmin')).deletedAt).toBeNull();
    await Accounts.create(t.db, { username: 'secondadmin', password: PASSWORD, role: 'admin', createdAt: OLD });
    expect((await solo.post('/settings/delete', { username: 'soloadmin', password: PASSWORD })).status).toBe(303);
    const row = await userRow('soloadmin');
    expect(row.deletedAt).not.toBeNull();
    expect(row.role).toBe('commenter');
  });

  it('when a suspended user opens settings, then they may still change the password and delete the account', async () => {
    const client = await login('benched');
    const mod =
      (await Accounts.byUsername(t.db, 'benchmod')) ??
      (await Accounts.create(t.db, { username: 'benchmod', password: null, role: 'moderator', createdAt: OLD }));
    await Sanctions.record(t.db, {
      userId: (await userRow('benched')).userId,
      kind: 'suspension',
      reason: 'cooling off',
      days: 3,
      moderatorId: mod.userId,
      now: new Date(time),
    });
    expect((await client.post(`/stories/${storyId}/comments`, { text: 'still here?' })).status).toBe(403);
    expect(
      (await client.post('/settings/password', { current: PASSWORD, password: NEW_PASSWORD, confirm: NEW_PASSWORD }))
        .status,
    ).toBe(303);
    expect((await client.post('/settings/delete', { username: 'benched', password: NEW_PASSWORD })).status).toBe(303);
  });
});
