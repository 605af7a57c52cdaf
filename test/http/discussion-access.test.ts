import { desc, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as Accounts from '../../src/accounts/accounts.ts';
import { comments } from '../../src/discussion/comments.sql.ts';
import { testApp } from '../support/app.ts';
import { drivers, emptyDatabase, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { PASSWORD, WebClient, seedStory } from '../support/web-client.ts';

const HOUR = 3_600_000;
const OLD = new Date('2025-01-01T00:00:00Z');
type Actor = 'reader' | 'commenter' | 'author' | 'moderator' | 'admin';

describe.each(drivers)('who may do what, on %s', (driver) => {
  let t: TestDatabase;
  let app: ReturnType<typeof testApp>;
  let storyId: number;
  let time = new Date('2025-10-27T12:00:00Z').getTime();
  const clients = {} as Record<Actor, WebClient>;

  const latestId = async () =>
    (await t.db.select({ id: comments.commentId }).from(comments).orderBy(desc(comments.commentId)).limit(1))[0]?.id ??
    0;
  const freshComment = async () => {
    expect((await clients.author.post(`/stories/${storyId}/comments`, { text: 'A comment under test' })).status).toBe(
      303,
    );
    return latestId();
  };

  beforeAll(async () => {
    t = await openTestDatabase(driver);
    app = testApp(t.db, {
      now: () => new Date(time),
      rateLimits: {
        login: { perIp: 100 },
        comment: { perIp: 1000, perAccount: 1000 },
        vote: { perIp: 1000, perAccount: 1000 },
      },
    });
    storyId = await seedStory(t.db, 'Authorisation story');
    const roles: [Actor, Accounts.Role][] = [
      ['commenter', 'commenter'],
      ['author', 'commenter'],
      ['moderator', 'moderator'],
      ['admin', 'admin'],
    ];
    for (const [actor, role] of roles) {
      await Accounts.create(t.db, { username: `the-${actor}`, password: PASSWORD, role, createdAt: OLD });
      clients[actor] = new WebClient(app);
      expect((await clients[actor].post('/login', { username: `the-${actor}`, password: PASSWORD })).status).toBe(303);
    }
    clients.reader = new WebClient(app);
  });
  afterAll(() => t?.close());

  // Expected status per actor: 303 done (PRG), 401 log in first, 403 not allowed.
  const matrix: [string, (id: number) => [string, Record<string, string>], Record<Actor, number>][] = [
    [
      'comment on the story',
      () => [`/stories/${storyId}/comments`, { text: 'hello' }],
      { reader: 401, commenter: 303, author: 303, moderator: 303, admin: 303 },
    ],
    [
      'reply',
      (id) => [`/stories/${storyId}/comments`, { text: 'a reply', parent: String(id) }],
      { reader: 401, commenter: 303, author: 303, moderator: 303, admin: 303 },
    ],
    [
      'edit',
      (id) => [`/comments/${id}/edit`, { text: 'changed' }],
      { reader: 401, commenter: 403, author: 303, moderator: 403, admin: 403 },
    ],
    [
      'delete',
      (id) => [`/comments/${id}/delete`, {}],
      { reader: 401, commenter: 403, author: 303, moderator: 403, admin: 403 },
    ],
    [
      'upvote the comment',
      (id) => [`/comments/${id}/vote`, { dir: 'up' }],
      { reader: 401, commenter: 303, author: 403, moderator: 303, admin: 303 },
    ],
    [
      'upvote the story',
      () => [`/stories/${storyId}/vote`, { dir: 'up' }],
      { reader: 401, commenter: 303, author: 303, moderator: 303, admin: 303 },
    ],
  ];
  const cases = matrix.flatMap(([action, request, expected]) =>
    (Object.keys(expected) as Actor[]).map((actor) => [action, actor, request, expected[actor]] as const),
  );

  it.each(cases)(
    'when %s is tried by the %s, then the answer is the expected status',
    async (_action, actor, request, status) => {
      const id = await freshComment();
      const [path, fields] = request(id);
      const res = await clients[actor].post(path, fields);
      expect(res.status).toBe(status);
    },
  );

  it('when the edit window has passed, then even the author cannot edit, and the edit link is gone', async () => {
    const id = await freshComment();
    expect(await (await clients.author.get(`/comments/${id}`)).text()).toContain(`href="/comments/${id}/edit"`);
    time += 2 * HOUR;
    expect((await clients.author.post(`/comments/${id}/edit`, { text: 'late change' })).status).toBe(403);
    expect((await clients.author.get(`/comments/${id}/edit`)).status).toBe(403);
    expect(await (await clients.author.get(`/comments/${id}`)).text()).not.toContain(`href="/comments/${id}/edit"`);
  });

  it('when a comment is deleted, then nobody can vote on, reply to or edit it any more', async () => {
    const id = await freshComment();
    await clients.author.post(`/comments/${id}/delete`);
    expect((await clients.commenter.post(`/comments/${id}/vote`, { dir: 'up' })).status).toBe(403);
    expect(
      (await clients.commenter.post(`/stories/${storyId}/comments`, { text: 'late reply', parent: String(id) })).status,
    ).toBe(409);
    expect((await clients.author.post(`/comments/${id}/edit`, { text: 'undo' })).status).toBe(403);
    expect((await clients.moderator.post(`/comments/${id}/delete`)).status).toBe(403);
  });

  it('when the page is rendered, then each viewer sees exactly the actions they may take', async () => {
    const id = await freshComment();
    const actions = async (actor: Actor) => {
      const html = await (await clients[actor].get(`/comments/${id}`)).text();
      const block = html.slice(html.indexOf(`id="main-${id}"`), html.indexOf(`id="reply-slot-${id}"`));
      return {
        vote: block.includes(`action="/comments/${id}/vote"`),
        edit: block.includes(`/comments/${id}/edit`),
        delete: block.includes(`hx-post="/comments/${id}/delete"`),
        remove: block.includes(`href="/comments/${id}/delete">Remove<`),
      };
    };
    expect(await actions('reader')).toEqual({ vote: false, edit: false, delete: false, remove: false });
    expect(await actions('commenter')).toEqual({ vote: true, edit: false, delete: false, remove: false });
    expect(await actions('author')).toEqual({ vote: false, edit: true, delete: true, remove: false });
    expect(await actions('moderator')).toEqual({ vote: true, edit: false, delete: false, remove: true });
    expect(await actions('admin')).toEqual({ vote: true, edit: false, delete: false, remove: true });
  });

  it.each(['moderator', 'admin'] as const)(
    "when a %s tries the author's delete on someone else's comment, then it is refused and the comment stays; the removal goes through the logged, restorable moderation action",
    async (actor) => {
      const id = await freshComment();
      const side = await clients[actor].post(`/comments/${id}/delete`);
      expect(side.status).toBe(403);
      expect(await side.text()).toContain('moderation action');
      expect(
        (
          await t.db
            .select()
            .from(comments)
            .where(sql`comment_id = ${id}`)
        )[0].deletedAt,
      ).toBeNull();

      const form = await (await clients[actor].get(`/comments/${id}/delete`)).text();
      expect(form).toContain('action="/moderation/actions"');
      expect(form).toMatch(/name="reason"[^>]*required/);
      expect(
        (
          await clients[actor].post('/moderation/actions', {
            item: `comment-${id}`,
            action: 'remove_comment',
            reason: '',
          })
        ).status,
      ).toBe(422);
      expect(
        (
          await clients[actor].post('/moderation/actions', {
            item: `comment-${id}`,
            action: 'remove_comment',
            reason: 'Off-topic',
          })
        ).status,
      ).toBe(303);
      const log = await (await clients.reader.get('/moderation/log')).text();
      expect(log).toContain('Off-topic');
      expect(
        (
          await clients[actor].post('/moderation/actions', {
            item: `comment-${id}`,
            action: 'restore_comment',
            reason: 'Mistake',
          })
        ).status,
      ).toBe(303);
      expect(await (await clients.reader.get(`/comments/${id}`)).text()).toContain('A comment under test');
    },
  );

  it("when an admin's comment is targeted by a moderator's delete, then it is refused like anyone's", async () => {
    expect((await clients.admin.post(`/stories/${storyId}/comments`, { text: 'An admin speaks' })).status).toBe(303);
    const id = await latestId();
    expect((await clients.moderator.post(`/comments/${id}/delete`)).status).toBe(403);
    expect(await (await clients.reader.get(`/comments/${id}`)).text()).toContain('An admin speaks');
  });

  it('when a comment form is forged (no token, another visitor’s token, another origin), then it fails with 403 and nothing is stored', async () => {
    const before = await latestId();
    const victim = clients.commenter;
    expect((await victim.post(`/stories/${storyId}/comments`, { text: 'forged' }, { noCsrf: true })).status).toBe(403);
    const attacker = new WebClient(app);
    await attacker.get('/');
    expect(
      (
        await victim.post(
          `/stories/${storyId}/comments`,
          { text: 'forged', _csrf: attacker.csrfToken! },
          { noCsrf: true },
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await victim.post(
          `/stories/${storyId}/comments`,
          { text: 'forged' },
          { headers: { origin: 'https://evil.example' } },
        )
      ).status,
    ).toBe(403);
    const htmx = await victim.post(`/comments/${before}/vote`, { dir: 'up' }, { htmx: true, noCsrf: true });
    expect(htmx.status).toBe(403);
    expect(await htmx.text()).toMatch(/^<p class="error" role="alert">Your form expired/);
    expect(await latestId()).toBe(before);
  });
});

describe('comment and vote rate limits', () => {
  let t: TestDatabase;
  let app: ReturnType<typeof testApp>;
  let storyId: number;
  const count = async () => (await t.db.select({ n: sql<number>`count(*)::int` }).from(comments))[0].n;

  beforeAll(async () => {
    t = await openTestDatabase('pglite');
  });
  afterAll(() => t?.close());
  // Each case starts with empty rate buckets, one story, a new account and an established one.
  beforeEach(async () => {
    await emptyDatabase(t.db);
    app = testApp(t.db, {
      now: () => new Date('2025-10-27T12:00:00Z'),
      rateLimits: {
        login: { perIp: 100 },
        comment: { perNewAccount: 2, perAccount: 4, perIp: 7 },
        vote: { perNewAccount: 2, perAccount: 10, perIp: 100 },
      },
    });
    storyId = await seedStory(t.db, 'Rate limits');
    await Accounts.create(t.db, {
      username: 'newbie',
      password: PASSWORD,
      role: 'commenter',
      createdAt: new Date('2025-10-26T00:00:00Z'),
    });
    await Accounts.create(t.db, {
      username: 'veteran',
      password: PASSWORD,
      role: 'commenter',
      createdAt: new Date('2025-01-01T00:00:00Z'),
    });
  });

  const login = async (username: string, ip: string) => {
    const client = new WebClient(app, { ip });
    await client.post('/login', { username, password: PASSWORD });
    return client;
  };

  it('when a new account comments faster than its allowance, then 429 comes back beside the form with Retry-After and the text kept', async () => {
    const newbie = await login('newbie', '192.0.2.10');
    for (let i = 0; i < 2; i++)
      expect((await newbie.post(`/stories/${storyId}/comments`, { text: `ok ${i}` })).status).toBe(303);
    const plain = await newbie.post(`/stories/${storyId}/comments`, { text: 'one too many' });
    expect(plain.status).toBe(429);
    expect(Number(plain.headers.get('retry-after'))).toBeGreaterThan(0);
    const html = await plain.text();
    expect(html).toMatch(
      /You are commenting faster than we allow \(new accounts a little slower\)\. Try again in \d+ (seconds|minutes)\./,
    );
    expect(html).toContain('>one too many</textarea>');
    const htmx = await newbie.post(`/stories/${storyId}/comments`, { text: 'still too many' }, { htmx: true });
    expect(htmx.status).toBe(429);
    expect(await htmx.text()).toMatch(/^<form[\s\S]*faster than we allow[\s\S]*>still too many<\/textarea>/);
    expect(await count()).toBe(2);
  });

  it('when an established account comments, then it gets the higher allowance', async () => {
    const veteran = await login('veteran', '192.0.2.20');
    for (let i = 0; i < 4; i++)
      expect((await veteran.post(`/stories/${storyId}/comments`, { text: `vet ${i}` })).status).toBe(303);
    expect((await veteran.post(`/stories/${storyId}/comments`, { text: 'vet 5' })).status).toBe(429);
  });

  it('when several accounts share one address, then the per-address limit stops them together', async () => {
    await Accounts.create(t.db, {
      username: 'ipuser1',
      password: PASSWORD,
      role: 'commenter',
      createdAt: new Date('2025-01-01T00:00:00Z'),
    });
    await Accounts.create(t.db, {
      username: 'ipuser2',
      password: PASSWORD,
      role: 'commenter',
      createdAt: new Date('2025-01-01T00:00:00Z'),
    });
    const u1 = await login('ipuser1', '203.0.113.5');
    const u2 = await login('ipuser2', '203.0.113.5');
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++)
      statuses.push((await (i % 2 ? u2 : u1).post(`/stories/${storyId}/comments`, { text: `shared ${i}` })).status);
    expect(statuses.filter((s) => s === 303)).toHaveLength(7);
    expect(statuses.at(-1)).toBe(429);
  });

  it('when a new account votes too fast, then htmx gets the button back with the message and 429; a plain form gets the error page', async () => {
    const veteran = await login('veteran', '192.0.2.20');
    for (let i = 0; i < 3; i++)
      expect((await veteran.post(`/stories/${storyId}/comments`, { text: `vote on me ${i}` })).status).toBe(303);
    const targets = (await t.db.select({ id: comments.commentId }).from(comments).orderBy(comments.commentId)).map(
      (r) => r.id,
    );
    const newbie = await login('newbie', '192.0.2.31');
    expect((await newbie.post(`/comments/${targets[0]}/vote`, { dir: 'up' }, { htmx: true })).status).toBe(200);
    expect((await newbie.post(`/comments/${targets[1]}/vote`, { dir: 'up' }, { htmx: true })).status).toBe(200);
    const refused = await newbie.post(`/comments/${targets[2]}/vote`, { dir: 'up' }, { htmx: true });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBeTruthy();
    const html = await refused.text();
    expect(html).toMatch(/^<form class="vote"/);
    expect(html).toContain('You are voting faster than we allow.');
    const plain = await newbie.post(`/comments/${targets[2]}/vote`, { dir: 'up' });
    expect(plain.status).toBe(429);
    expect(plain.headers.get('retry-after')).toBeTruthy();
    expect(await plain.text()).toContain('You are voting faster than we allow.');
  });
});
