import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as Accounts from '../../src/accounts/accounts.ts';
import { comments } from '../../src/discussion/comments.sql.ts';
import * as Comments from '../../src/discussion/comments.ts';
import * as Notifications from '../../src/discussion/notifications.ts';
import { EDIT_WINDOW_MS } from '../../src/discussion/policy.ts';
import * as Thread from '../../src/discussion/thread.ts';
import * as Votes from '../../src/discussion/votes.ts';
import { queryRows } from '../../src/db/sql.ts';
import { AppError } from '../../src/errors.ts';
import { drivers, emptyDatabase, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { seedStory } from '../support/web-client.ts';

const T0 = new Date('2025-10-27T12:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

describe.each(drivers)('discussion domain on %s', (driver) => {
  let t: TestDatabase;
  let storyId: number;
  let zara: Accounts.CurrentUser, sable: Accounts.CurrentUser, nate: Accounts.CurrentUser, mod: Accounts.CurrentUser;
  const user = async (username: string, role: Accounts.Role = 'commenter') =>
    Accounts.toCurrentUser(
      await Accounts.create(t.db, { username, password: null, role, createdAt: new Date('2025-01-01T00:00:00Z') }),
      T0,
    );

  beforeAll(async () => {
    t = await openTestDatabase(driver);
  });
  afterAll(() => t?.close());
  // Each case starts from one story and four accounts, whatever ran before it.
  beforeEach(async () => {
    await emptyDatabase(t.db);
    storyId = await seedStory(t.db, 'Capex is up 50%');
    [zara, sable, nate, mod] = [
      await user('Zara'),
      await user('Sable'),
      await user('NeuralNate'),
      await user('Mira', 'moderator'),
    ];
  });

  const post = (
    author: Accounts.CurrentUser,
    text: string,
    parentId: number | null = null,
    minutes = 0,
    story = storyId,
  ) => Comments.post(t.db, { storyId: story, parentId, author, text, now: at(minutes) });

  it('when comments and replies are posted, then each gets the next path segment under its parent and the story counts them', async () => {
    const a = await post(zara, 'Top one');
    const b = await post(sable, 'Top two', null, 1);
    const a1 = await post(sable, 'Reply to one', a.commentId, 2);
    const a2 = await post(nate, 'Second reply to one', a.commentId, 3);
    const a11 = await post(nate, 'Reply to the reply', a1.commentId, 4);
    expect([a.path, b.path, a1.path, a2.path, a11.path]).toEqual([
      '000001',
      '000002',
      '000001.000001',
      '000001.000002',
      '000001.000001.000001',
    ]);
    expect([a.depth, a1.depth, a11.depth]).toEqual([0, 1, 2]);
    expect((await Thread.page(t.db, { storyId, sort: 'old' })).commentCount).toBe(5);
  });

  it('when the database sorts paths, then it agrees with JavaScript string order (COLLATE "C")', async () => {
    const top = await post(zara, 'Top');
    for (let i = 0; i < 11; i++) await post(sable, `Reply ${i}`, i % 2 ? top.commentId : null, i);
    const rows = await t.db.select({ path: comments.path }).from(comments).orderBy(asc(comments.path));
    const paths = rows.map((r) => r.path);
    expect(paths).toEqual([...paths].sort());
    const [{ collation }] = await queryRows<{ collation: string }>(
      t.db,
      sql`select collation_name as collation from information_schema.columns where table_name = 'comments' and column_name = 'path'`,
    );
    expect(collation).toBe('C');
  });

  it('when many replies arrive at once, then every one gets a distinct path', async () => {
    const parent = await post(zara, 'Busy parent', null, 10);
    const replies = await Promise.all(
      Array.from({ length: 12 }, (_, i) => post(i % 2 ? sable : nate, `reply ${i}`, parent.commentId, 11)),
    );
    expect(new Set(replies.map((r) => r.path)).size).toBe(12);
  });

  it('when a reply targets a comment of another story or a deleted one, then it is refused with a message', async () => {
    const other = await seedStory(t.db, 'Another story');
    const foreign = await post(zara, 'On the other story', null, 0, other);
    await expect(post(sable, 'sneaky', foreign.commentId)).rejects.toMatchObject({ status: 409 });
    const gone = await post(zara, 'soon gone', null, 20);
    await Comments.remove(t.db, { commentId: gone.commentId, actor: zara, now: at(21) });
    await expect(post(sable, 'too late', gone.commentId, 22)).rejects.toMatchObject({ status: 409 });
  });

  it('when text is empty, too long or has control characters, then posting fails with the reason', async () => {
    await expect(post(zara, '   \n ')).rejects.toMatchObject({
      status: 422,
      userMessage: 'Write something before posting.',
    });
    await expect(post(zara, 'x'.repeat(10_001))).rejects.toMatchObject({
      userMessage: expect.stringMatching(/at most 10,000/),
    });
    await expect(post(zara, 'bell\u0007')).rejects.toMatchObject({
      userMessage: expect.stringMatching(/control characters/),
    });
  });

  it('when text has markup and @mentions, then HTML is escaped and only existing users are linked and notified', async () => {
    const c = await post(sable, '<script>alert(1)</script> **bold** @Zara and @ghost', null, 30);
    expect(c.bodyHtml).toContain('&lt;script&gt;');
    expect(c.bodyHtml).toContain('<strong>bold</strong>');
    expect(c.bodyHtml).toContain('<a href="/users/Zara" class="mention">@Zara</a>');
    expect(c.bodyHtml).not.toContain('/users/ghost');
    const inbox = await Notifications.inbox(t.db, zara.userId, { limit: 10 });
    expect(inbox.find((n) => n.commentId === c.commentId)?.kind).toBe('mention');
  });

  it('when someone replies, then the parent author is notified once, never for their own replies, and reading clears the count', async () => {
    const mine = await post(nate, 'Nate says', null, 40);
    const before = await Notifications.unreadCount(t.db, nate.userId);
    await post(nate, 'talking to myself', mine.commentId, 41);
    await post(zara, 'answering @NeuralNate', mine.commentId, 42); // reply and mention: one notification
    expect(await Notifications.unreadCount(t.db, nate.userId)).toBe(before + 1);
    await Notifications.markAllRead(t.db, nate.userId, at(43));
    expect(await Notifications.unreadCount(t.db, nate.userId)).toBe(0);
  });

  it('when the author edits within the window, then the text changes and edited_at is set; later, or by others, it is refused', async () => {
    const c = await post(zara, 'Capex up 40%', null, 50);
    const edited = await Comments.edit(t.db, {
      commentId: c.commentId,
      actor: zara,
      text: 'Capex up **50%**',
      now: at(60),
    });
    expect(edited.bodyHtml).toContain('<strong>50%</strong>');
    expect(edited.editedAt).toEqual(at(60));
    await expect(
      Comments.edit(t.db, { commentId: c.commentId, actor: sable, text: 'hijack', now: at(61) }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      Comments.edit(t.db, { commentId: c.commentId, actor: mod, text: 'moderated', now: at(61) }),
    ).rejects.toMatchObject({ status: 403 });
    const late = new Date(at(50).getTime() + EDIT_WINDOW_MS);
    await expect(
      Comments.edit(t.db, { commentId: c.commentId, actor: zara, text: 'too late', now: late }),
    ).rejects.toMatchObject({ status: 403 });
  });

  it('when a thread holds more comments than a page renders, then the rest are counted behind "continue this thread", and the permalink shows every direct reply', async () => {
    const story = await seedStory(t.db, 'A very long argument');
    const root = await post(zara, 'Start', null, 200, story);
    const replies = [];
    for (let i = 0; i < 12; i++)
      replies.push(await post(i % 2 ? sable : nate, `reply ${i}`, root.commentId, 201 + i, story));
    await post(zara, 'answer to reply 0', replies[0].commentId, 230, story);
    const [thread] = (await Thread.page(t.db, { storyId: story, sort: 'old', maxComments: 5 })).threads;
    expect(thread.children.map((n) => n.row.body)).toEqual(['reply 0', 'reply 1', 'reply 2']);
    expect(thread.children[0].children.map((n) => n.row.body)).toEqual(['answer to reply 0']);
    expect(thread.hiddenReplies).toBe(9);
    const node = await Thread.subtree(t.db, (await Comments.byId(t.db, root.commentId))!, {
      sort: 'old',
      maxComments: 5,
    });
    expect(node.children).toHaveLength(12);
    expect(node.hiddenReplies).toBe(0);
  });

  it('when a comment is deleted, then a blank tombstone keeps its replies; only its author may delete it (staff go through moderation)', async () => {
    const c = await post(zara, 'to be removed', null, 70);
    const reply = await post(sable, 'a reply that stays', c.commentId, 71);
    await expect(Comments.remove(t.db, { commentId: c.commentId, actor: nate, now: at(72) })).rejects.toMatchObject({
      status: 403,
    });
    await expect(Comments.remove(t.db, { commentId: c.commentId, actor: mod, now: at(72) })).rejects.toMatchObject({
      status: 403,
    });
    const removed = await Comments.tombstone(t.db, { commentId: c.commentId, by: mod.userId, now: at(72) });
    expect([removed.body, removed.bodyHtml, removed.deletedBy]).toEqual(['', '', mod.userId]);
    expect((await Comments.byId(t.db, c.commentId))?.removedByStaff).toBe(true);
    const node = await Thread.subtree(t.db, (await Comments.byId(t.db, c.commentId))!, { sort: 'old' });
    expect(node.children.map((n) => n.row.commentId)).toEqual([reply.commentId]);
  });

  it('when users vote, then one vote per user counts, repeats change nothing, "un" removes it, and self-votes are refused', async () => {
    const c = await post(zara, 'vote on me', null, 80);
    expect(await Votes.voteComment(t.db, { commentId: c.commentId, user: sable, up: true })).toEqual({
      voted: true,
      upvotes: 1,
    });
    expect(await Votes.voteComment(t.db, { commentId: c.commentId, user: sable, up: true })).toEqual({
      voted: true,
      upvotes: 1,
    });
    expect(await Votes.voteComment(t.db, { commentId: c.commentId, user: nate, up: true })).toEqual({
      voted: true,
      upvotes: 2,
    });
    expect(await Votes.voteComment(t.db, { commentId: c.commentId, user: sable, up: false })).toEqual({
      voted: false,
      upvotes: 1,
    });
    const err = await Votes.voteComment(t.db, { commentId: c.commentId, user: zara, up: true }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.userMessage).toBe('You cannot vote on your own comment.');
    const [row] = await t.db
      .select({ score: comments.score })
      .from(comments)
      .where(eq(comments.commentId, c.commentId));
    expect(row.score).toBeGreaterThan(0);
    expect([...(await Votes.commentVotesBy(t.db, nate.userId, [c.commentId]))]).toEqual([c.commentId]);
  });

  it('when stories are upvoted, then the count follows the votes and never goes below zero', async () => {
    expect((await Votes.voteStory(t.db, { storyId, user: zara, up: true })).upvotes).toBe(1);
    expect((await Votes.voteStory(t.db, { storyId, user: zara, up: true })).upvotes).toBe(1);
    expect((await Votes.voteStory(t.db, { storyId, user: sable, up: true })).upvotes).toBe(2);
    expect((await Votes.voteStory(t.db, { storyId, user: nate, up: false })).upvotes).toBe(2);
    expect((await Votes.activityOf(t.db, [storyId])).get(storyId)?.votes).toBe(2);
  });
});

describe.each(drivers)('thread pages on %s', (driver) => {
  let t: TestDatabase;
  let storyId: number;
  let authors: Accounts.CurrentUser[];
  beforeAll(async () => {
    t = await openTestDatabase(driver);
  });
  afterAll(() => t?.close());
  beforeEach(async () => {
    await emptyDatabase(t.db);
    storyId = await seedStory(t.db, 'Thread shapes');
    authors = [];
    for (const name of ['ann', 'bob', 'cat'])
      authors.push(
        Accounts.toCurrentUser(await Accounts.create(t.db, { username: name, password: null, role: 'commenter' }), T0),
      );
  });

  it('when sorted, then best puts voted comments first, new the latest, old the earliest; siblings follow the same order', async () => {
    const [ann, bob, cat] = authors;
    const first = await Comments.post(t.db, { storyId, parentId: null, author: ann, text: 'first', now: at(0) });
    const second = await Comments.post(t.db, { storyId, parentId: null, author: bob, text: 'second', now: at(1) });
    const third = await Comments.post(t.db, { storyId, parentId: null, author: cat, text: 'third', now: at(2) });
    const r1 = await Comments.post(t.db, { storyId, parentId: first.commentId, author: bob, text: 'r1', now: at(3) });
    const r2 = await Comments.post(t.db, { storyId, parentId: first.commentId, author: cat, text: 'r2', now: at(4) });
    await Votes.voteComment(t.db, { commentId: second.commentId, user: ann, up: true });
    await Votes.voteComment(t.db, { commentId: second.commentId, user: cat, up: true });
    await Votes.voteComment(t.db, { commentId: r2.commentId, user: ann, up: true });
    const ids = (p: Thread.ThreadPage) => p.threads.map((n) => n.row.commentId);
    const best = await Thread.page(t.db, { storyId, sort: 'best' });
    expect(ids(best)).toEqual([second.commentId, first.commentId, third.commentId]);
    expect(best.threads[1].children.map((n) => n.row.commentId)).toEqual([r2.commentId, r1.commentId]);
    expect(ids(await Thread.page(t.db, { storyId, sort: 'new' }))).toEqual([
      third.commentId,
      second.commentId,
      first.commentId,
    ]);
    const old = await Thread.page(t.db, { storyId, sort: 'old' });
    expect(ids(old)).toEqual([first.commentId, second.commentId, third.commentId]);
    expect(old.threads[0].children.map((n) => n.row.commentId)).toEqual([r1.commentId, r2.commentId]);
  });

  it('when a page is full, then nextOffset points at the next threads', async () => {
    for (const [i, author] of authors.entries())
      await Comments.post(t.db, { storyId, parentId: null, author, text: `thread ${i}`, now: at(i) });
    const p1 = await Thread.page(t.db, { storyId, sort: 'old', limit: 2 });
    expect(p1.threads).toHaveLength(2);
    expect(p1.nextOffset).toBe(2);
    const p2 = await Thread.page(t.db, { storyId, sort: 'old', limit: 2, offset: 2 });
    expect(p2.threads).toHaveLength(1);
    expect(p2.nextOffset).toBeNull();
  });

  it('when a chain is deeper than the visible depth, then the cut comment counts what is hidden and its permalink continues', async () => {
    let parent: number | null = null;
    const chain: Comments.Comment[] = [];
    for (let i = 0; i < 10; i++) {
      const c: Comments.Comment = await Comments.post(t.db, {
        storyId,
        parentId: parent,
        author: authors[i % 3],
        text: `level ${i}`,
        now: at(100 + i),
      });
      chain.push(c);
      parent = c.commentId;
    }
    const page = await Thread.page(t.db, { storyId, sort: 'new', limit: 1, maxDepth: 3 });
    let node = page.threads[0];
    for (let d = 0; d < 3; d++) node = node.children[0];
    expect(node.row.commentId).toBe(chain[3].commentId);
    expect(node.children).toEqual([]);
    expect(node.hiddenReplies).toBe(6);
    const cont = await Thread.subtree(t.db, (await Comments.byId(t.db, chain[3].commentId))!, {
      sort: 'old',
      maxDepth: 3,
    });
    expect(cont.depth).toBe(0);
    expect(cont.children[0].children[0].children[0].row.commentId).toBe(chain[6].commentId);
    expect(cont.children[0].children[0].children[0].hiddenReplies).toBe(3);
  });
});
