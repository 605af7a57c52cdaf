import { and, desc, eq } from 'drizzle-orm';
import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Accounts from '../../src/accounts/accounts.ts';
import { articles } from '../../src/articles/articles.sql.ts';
import { claims } from '../../src/claims/claims.sql.ts';
import * as FigureStatus from '../../src/crosscheck/figure-status.ts';
import { comments } from '../../src/discussion/comments.sql.ts';
import { flags, moderationActions } from '../../src/moderation/moderation.sql.ts';
import { stories } from '../../src/stories/stories.sql.ts';
import { testApp } from '../support/app.ts';
import { drivers, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { PASSWORD, WebClient, seedStory, unescapeHtml } from '../support/web-client.ts';

const OLD = new Date('2025-01-01T00:00:00Z');
type Actor = 'reader' | 'commenter' | 'moderator' | 'admin';

describe.each(drivers)('moderation routes on %s', (driver) => {
  let t: TestDatabase;
  let app: ReturnType<typeof testApp>;
  let storyId: number;
  let time = new Date('2025-10-27T12:00:00Z').getTime();
  const advance = (ms: number) => void (time += ms);
  const clients = {} as Record<Actor | 'author', WebClient>;
  let n = 0;

  const latestComment = async () =>
    (await t.db.select({ id: comments.commentId }).from(comments).orderBy(desc(comments.commentId)).limit(1))[0].id;
  const post = async (who: WebClient, text: string, fields: Record<string, string> = {}, story = storyId) => {
    expect((await who.post(`/stories/${story}/comments`, { text, ...fields })).status).toBe(303);
    return latestComment();
  };
  /** A fresh unsupported figure stated by `who`; its queue key. */
  const unsupportedFigure = async (who: WebClient) => {
    const id = await post(who, `Vendor${++n} capex is up 50% this year.`);
    const [c] = await t.db.select({ figureId: claims.figureId }).from(claims).where(eq(claims.commentId, id));
    return `figure-${c.figureId}`;
  };
  const act = (who: WebClient, item: string, action: string, fields: Record<string, string> = {}, options = {}) =>
    who.post('/moderation/actions', { item, action, reason: 'Because the log says why.', ...fields }, options);

  beforeAll(async () => {
    t = await openTestDatabase(driver);
    app = testApp(t.db, {
      now: () => new Date(time),
      rateLimits: {
        login: { perIp: 100 },
        comment: { perIp: 10_000, perAccount: 10_000 },
        vote: { perIp: 1000, perAccount: 1000 },
      },
    });
    storyId = await seedStory(t.db, 'Moderation story');
    for (const [actor, role] of [
      ['commenter', 'commenter'],
      ['author', 'commenter'],
      ['moderator', 'moderator'],
      ['admin', 'admin'],
    ] as const) {
      await Accounts.create(t.db, { username: `the-${actor}`, password: PASSWORD, role, createdAt: OLD });
      clients[actor] = new WebClient(app);
      expect((await clients[actor].post('/login', { username: `the-${actor}`, password: PASSWORD })).status).toBe(303);
    }
    clients.reader = new WebClient(app);
  });
  afterAll(() => t?.close());

  /** Each action on a fresh target made by the author: readers must log in, commenters are refused, staff may. */
  const setups: [string, () => Promise<[string, Record<string, string>]>][] = [
    [
      'set a figure’s status',
      async () => [await unsupportedFigure(clients.author), { action: 'set_status', status: 'disputed' }],
    ],
    [
      'remove a comment',
      async () => [`comment-${await post(clients.author, 'Remove me')}`, { action: 'remove_comment' }],
    ],
    [
      'restore a comment',
      async () => {
        const key = `comment-${await post(clients.author, 'Restore me')}`;
        expect((await act(clients.admin, key, 'remove_comment')).status).toBe(303);
        return [key, { action: 'restore_comment' }];
      },
    ],
    [
      'lock a thread',
      async () => [`comment-${await post(clients.author, 'Lock below me')}`, { action: 'lock_thread' }],
    ],
    [
      'merge a story',
      async () => [
        `story-${await seedStory(t.db, `Dup ${++n}`)}`,
        { action: 'merge_story', into: String(await seedStory(t.db, `Original ${n}`)) },
      ],
    ],
    [
      'split a story',
      async () => {
        const id = await seedStory(t.db, `Two events ${++n}`);
        const [extra] = await t.db
          .insert(articles)
          .values({
            title: `Unrelated ${n}`,
            url: `https://news.example/u${n}`,
            canonicalUrl: `https://news.example/u${n}`,
            contentHash: `u${n}`,
            publishedAt: OLD,
            storyId: id,
          })
          .returning();
        return [`story-${id}`, { action: 'split_story', article: String(extra.articleId) }];
      },
    ],
    ['warn a user', async () => [`comment-${await post(clients.author, 'Warn me')}`, { action: 'warn_user' }]],
    [
      'suspend a user',
      async () => [`comment-${await post(clients.author, 'Suspend me')}`, { action: 'suspend_user', days: '1' }],
    ],
    [
      'dismiss flags',
      async () => {
        const id = await post(clients.author, 'Flag me');
        expect(
          (await clients.commenter.post('/flags', { kind: 'comment', id: String(id), reason: 'spam' })).status,
        ).toBe(303);
        return [`comment-${id}`, { action: 'dismiss_flags' }];
      },
    ],
  ];
  const expected: Record<Actor, number> = { reader: 401, commenter: 403, moderator: 303, admin: 303 };
  const cases = setups.flatMap(([name, setup]) =>
    (Object.keys(expected) as Actor[]).map((actor) => [name, actor, setup] as const),
  );

  it.each(cases)(
    'when the %s action is tried by the %s, then the answer is the expected status',
    async (_name, actor, setup) => {
      const [item, fields] = await setup();
      const before = (await t.db.select().from(moderationActions)).length;
      const res = await act(clients[actor], item, fields.action, fields);
      expect(res.status).toBe(expected[actor]);
      expect((await t.db.select().from(moderationActions)).length).toBe(before + (res.status === 303 ? 1 : 0));
      advance(60_000); // a suspended author's suspension (1 day) must not stop the next setups
      if (fields.action === 'suspend_user') advance(86_400_000);
    },
  );

  /** The same actions on the moderator's own content (their comment, a figure they stated). Stories have no owner. */
  const ownContent: [string, () => Promise<[string, Record<string, string>]>][] = [
    ['set_status', async () => [await unsupportedFigure(clients.moderator), { status: 'disputed' }]],
    ['remove_comment', async () => [`comment-${await post(clients.moderator, `Mine ${++n}`)}`, {}]],
    [
      'restore_comment',
      async () => {
        const key = `comment-${await post(clients.moderator, `Mine ${++n}`)}`;
        expect((await act(clients.admin, key, 'remove_comment')).status).toBe(303);
        return [key, {}];
      },
    ],
    ['lock_thread', async () => [`comment-${await post(clients.moderator, `Mine ${++n}`)}`, {}]],
    ['warn_user', async () => [`comment-${await post(clients.moderator, `Mine ${++n}`)}`, {}]],
    ['suspend_user', async () => [`comment-${await post(clients.moderator, `Mine ${++n}`)}`, { days: '1' }]],
    [
      'dismiss_flags',
      async () => {
        const id = await post(clients.moderator, `Mine ${++n}`);
        await clients.commenter.post('/flags', { kind: 'comment', id: String(id), reason: 'off_topic' });
        return [`comment-${id}`, {}];
      },
    ],
  ];

  it.each(ownContent)(
    'when a moderator tries %s on their own content, then it is refused; an admin may',
    async (action, setup) => {
      const [item, fields] = await setup();
      const res = await act(clients.moderator, item, action, fields);
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('your own content');
      expect((await act(clients.admin, item, action, fields)).status).toBe(303);
      if (action === 'suspend_user') advance(86_400_001);
    },
  );

  it('when a moderator warns or suspends another moderator, then only an admin may', async () => {
    await Accounts.create(t.db, { username: 'other-mod', password: PASSWORD, role: 'moderator', createdAt: OLD });
    const other = new WebClient(app);
    await other.post('/login', { username: 'other-mod', password: PASSWORD });
    const key = `comment-${await post(other, 'A moderator’s comment')}`;
    expect((await act(clients.moderator, key, 'warn_user')).status).toBe(403);
    expect((await act(clients.admin, key, 'warn_user')).status).toBe(303);
  });

  it('when the queue is opened, then anonymous readers are sent to log in and commenters are refused', async () => {
    const res = await clients.reader.get('/moderation');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login?next=%2Fmoderation');
    expect((await clients.commenter.get('/moderation')).status).toBe(403);
    expect((await clients.moderator.get('/moderation')).status).toBe(200);
  });

  it('when a figure was just posted without a source, then it comes before older unsupported figures, with its quote in context and the ledger’s verdict', async () => {
    advance(3_600_000);
    const id = await post(
      clients.author,
      'Everyone ignores it, but Hyperscaler capex is up 50% and nobody has shown the revenue to match.',
    );
    // (Flagged items may rank above it: flags weigh more than freshness.)
    const html = unescapeHtml(await (await clients.moderator.get('/moderation?reason=unsupported')).text());
    const first = html.slice(
      html.indexOf('<ol class="queue"'),
      html.indexOf('</li>', html.indexOf('<ol class="queue"')),
    );
    expect(first).toContain('Unsupported figure');
    expect(first).toContain('Hyperscaler');
    expect(first).toMatch(/Everyone ignores it, but Hyperscaler capex is up <mark>50%<\/mark> and nobody/);
    expect(first).toContain(`href="/comments/${id}"`);
    expect(first).toContain('No article states this figure.');
    expect(first).toContain('unsupported figure');
  });

  it('when the queue is filtered by a reason, then only items with that reason are listed', async () => {
    const id = await post(clients.author, 'Buy cheap watches here');
    await clients.commenter.post('/flags', { kind: 'comment', id: String(id), reason: 'spam', detail: 'link farm' });
    const spam = unescapeHtml(await (await clients.moderator.get('/moderation?reason=spam')).text());
    expect(spam).toContain('Buy cheap watches here');
    expect(spam).toContain('“link farm”');
    expect(spam).not.toContain('Unsupported figure');
    const unsupported = unescapeHtml(await (await clients.moderator.get('/moderation?reason=unsupported')).text());
    expect(unsupported).not.toContain('Buy cheap watches here');
  });

  it('when a moderator acts with htmx, then the row updates in place and the next item not on the page is appended', async () => {
    for (let i = 0; i < 22; i++) await unsupportedFigure(clients.author); // more than one page (20)
    const page = await (await clients.moderator.get('/moderation?reason=unsupported')).text();
    const shown = /name="shown" value="([^"]*)"/.exec(page)![1];
    const first = shown.split(',')[0];
    const res = await act(
      clients.moderator,
      first,
      'set_status',
      { status: 'disputed', shown, filter: 'unsupported' },
      { htmx: true },
    );
    expect(res.status).toBe(200);
    const html = unescapeHtml(await res.text());
    expect(html).toContain(`id="row-${first}"`);
    expect(html).toContain('Done: set figure status (unsupported → disputed)');
    expect(html).toMatch(/class="queue-row resolved"/);
    const appended = /hx-swap-oob="beforeend:#queue"[\s\S]*?id="row-([a-z]+-\d+)"/.exec(html)![1];
    expect(shown.split(',')).not.toContain(appended);
    expect(html).toContain(`value="${shown},${appended}"`);
  });

  it('when a reason is missing or a verified status has no source link, then the action is refused and nothing is logged', async () => {
    const item = await unsupportedFigure(clients.author);
    const before = (await t.db.select().from(moderationActions)).length;
    const noReason = await clients.moderator.post(
      '/moderation/actions',
      { item, action: 'set_status', status: 'disputed', reason: '  ' },
      { htmx: true },
    );
    expect(noReason.status).toBe(422);
    expect(await noReason.text()).toContain('Give a reason');
    const noSource = await act(clients.moderator, item, 'set_status', { status: 'verified' }, { htmx: true });
    expect(noSource.status).toBe(422);
    expect(await noSource.text()).toContain('needs the link of the source');
    expect((await t.db.select().from(moderationActions)).length).toBe(before);
    expect(
      (await act(clients.moderator, item, 'set_status', { status: 'verified', source_url: 'https://sec.example/10q' }))
        .status,
    ).toBe(303);
    expect((await FigureStatus.statusOf(t.db, Number(item.split('-')[1]))).status).toBe('verified');
  });

  it('when an action is refused, then the row comes back with the typed reason and the chosen action and status', async () => {
    const item = await unsupportedFigure(clients.author);
    const reason = 'Checked the 10-Q <page 12>: growth was 38%.';
    const htmx = await act(clients.moderator, item, 'set_status', { status: 'verified', reason }, { htmx: true });
    expect(htmx.status).toBe(422);
    const row = await htmx.text();
    expect(row).toContain('needs the link of the source');
    expect(row).toMatch(
      /<textarea[^>]*name="reason"[^>]*>Checked the 10-Q &lt;page 12&gt;: growth was 38%.<\/textarea>/,
    );
    expect(row).toMatch(/<option value="verified" selected="">/);
    expect(row).toMatch(/<option value="set_status" selected="">/);
    // Without JavaScript the whole queue comes back, the refused row refilled and the others blank.
    const page = await act(clients.moderator, item, 'set_status', { status: 'verified', reason });
    expect(page.status).toBe(422);
    const html = await page.text();
    const refused = new RegExp(`id="row-${item}"[\\s\\S]*?</li>`).exec(html)![0];
    expect(refused).toContain('Checked the 10-Q &lt;page 12&gt;: growth was 38%.</textarea>');
    expect(html.match(/growth was 38%/g)).toHaveLength(1);
  });

  it('when a thread is locked, then nobody can reply below it until it is unlocked; other threads stay open', async () => {
    const root = await post(clients.author, 'Locked thread root');
    const child = await post(clients.commenter, 'A reply', { parent: String(root) });
    expect((await act(clients.moderator, `comment-${root}`, 'lock_thread')).status).toBe(303);
    for (const parent of [root, child]) {
      const res = await clients.commenter.post(`/stories/${storyId}/comments`, {
        text: 'more',
        parent: String(parent),
      });
      expect(res.status).toBe(409);
      expect(await res.text()).toContain('locked by a moderator');
    }
    await post(clients.commenter, 'A new top-level comment still works');
    expect((await act(clients.moderator, `comment-${root}`, 'unlock_thread')).status).toBe(303);
    await post(clients.commenter, 'Open again', { parent: String(child) });
  });

  it('when a comment is removed and restored, then its text comes back and both are logged', async () => {
    const id = await post(clients.author, 'Text worth keeping');
    await act(clients.moderator, `comment-${id}`, 'remove_comment');
    expect(await (await clients.reader.get(`/comments/${id}`)).text()).toContain('[removed by a moderator]');
    await act(clients.moderator, `comment-${id}`, 'restore_comment');
    expect(await (await clients.reader.get(`/comments/${id}`)).text()).toContain('Text worth keeping');
    const restoreAgain = await act(clients.moderator, `comment-${id}`, 'restore_comment');
    expect(restoreAgain.status).toBe(409);
  });

  it('when a user is suspended, then they can read but not post, vote or flag until the suspension ends', async () => {
    await Accounts.create(t.db, { username: 'troll', password: PASSWORD, role: 'commenter', createdAt: OLD });
    const troll = new WebClient(app);
    await troll.post('/login', { username: 'troll', password: PASSWORD });
    const id = await post(troll, 'Inflammatory');
    expect((await act(clients.moderator, `comment-${id}`, 'suspend_user', { days: '2' })).status).toBe(303);
    const refused = await troll.post(`/stories/${storyId}/comments`, { text: 'again' });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('suspended until');
    expect((await troll.post(`/stories/${storyId}/vote`, { dir: 'up' })).status).toBe(403);
    expect(await (await troll.get(`/stories/${storyId}`)).text()).toContain('Inbox (1)');
    expect((await troll.get(`/stories/${storyId}`)).status).toBe(200);
    const inbox = unescapeHtml(await (await troll.get('/inbox')).text());
    expect(inbox).toContain('From the moderators');
    expect(inbox).toContain('Suspended until');
    expect(inbox).toContain('Because the log says why.');
    advance(2 * 86_400_000 + 1);
    await post(troll, 'Back, and calmer');
  });

  it('when a story is merged from the queue, then the old story redirects and the log names both', async () => {
    const from = await seedStory(t.db, 'Merge me');
    const into = await seedStory(t.db, 'Into me');
    await clients.commenter.post('/flags', {
      kind: 'story',
      id: String(from),
      reason: 'duplicate',
      merge_into: String(into),
    });
    const queue = unescapeHtml(await (await clients.moderator.get('/moderation?reason=duplicate')).text());
    expect(queue).toContain(`flagged as a duplicate of <a href="/stories/${into}">story #${into}</a>`);
    expect((await act(clients.moderator, `story-${from}`, 'merge_story', { into: String(into) })).status).toBe(303);
    expect((await t.db.select().from(stories).where(eq(stories.storyId, from)))[0].mergedInto).toBe(into);
    const [flag] = await t.db
      .select()
      .from(flags)
      .where(and(eq(flags.targetKind, 'story'), eq(flags.targetId, from)));
    expect(flag).toMatchObject({ resolution: 'actioned' });
  });

  it('when flags on a comment are dismissed, then they stop counting against it', async () => {
    const id = await post(clients.author, 'Flagged then cleared');
    await clients.commenter.post('/flags', { kind: 'comment', id: String(id), reason: 'unkind' });
    expect((await t.db.select({ f: comments.flags }).from(comments).where(eq(comments.commentId, id)))[0].f).toBe(1);
    expect((await act(clients.moderator, `comment-${id}`, 'dismiss_flags')).status).toBe(303);
    expect((await t.db.select({ f: comments.flags }).from(comments).where(eq(comments.commentId, id)))[0].f).toBe(0);
  });

  it('when dismissing with no open flags, then it is refused', async () => {
    const id = await post(clients.author, 'Nobody flagged me');
    expect((await act(clients.moderator, `comment-${id}`, 'dismiss_flags')).status).toBe(409);
  });

  it('when the public log is read, then every action shows with moderator, target, reason and time, paginated, and as RSS', async () => {
    // Actions of its own, so the test passes alone: enough locks to need a second page, then a figure's status.
    for (let i = 0; i < 30; i++)
      expect(
        (await act(clients.moderator, `comment-${await post(clients.author, `Log me ${++n}`)}`, 'lock_thread')).status,
      ).toBe(303);
    expect(
      (await act(clients.moderator, await unsupportedFigure(clients.author), 'set_status', { status: 'disputed' }))
        .status,
    ).toBe(303);
    const html = unescapeHtml(await (await clients.reader.get('/moderation/log')).text());
    expect(html).toContain('Moderation log');
    expect(html).toContain('the-moderator');
    expect(html).toContain('set figure status');
    expect(html).toContain('Because the log says why.');
    expect(html).toMatch(/<time datetime="2025-/);
    const total = (await t.db.select().from(moderationActions)).length;
    expect(total).toBeGreaterThan(30);
    expect(html).toContain('href="/moderation/log?page=2"');
    const second = unescapeHtml(await (await clients.reader.get('/moderation/log?page=2')).text());
    expect(second).toContain('← Newer');
    const rss = await clients.reader.get('/moderation/log.xml');
    expect(rss.headers.get('content-type')).toContain('application/rss+xml');
    const feed = await new Parser().parseString(await rss.text());
    expect(feed.title).toBe('Crosscheck moderation log');
    expect(feed.items[0].title).toMatch(/^the-(moderator|admin) /);
    expect(feed.items[0].link).toMatch(/\/moderation\/log#action-\d+$/);
  });
});
