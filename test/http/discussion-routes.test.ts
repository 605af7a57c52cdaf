import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as Accounts from '../../src/accounts/accounts.ts';
import { comments } from '../../src/discussion/comments.sql.ts';
import { stories } from '../../src/stories/stories.sql.ts';
import { testApp } from '../support/app.ts';
import { drivers, emptyDatabase, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { PASSWORD, WebClient, seedStory, signUp, unescapeHtml } from '../support/web-client.ts';

const MINUTE = 60_000;

describe.each(drivers)('discussion routes on %s', (driver) => {
  let t: TestDatabase;
  let app: ReturnType<typeof testApp>;
  let storyId: number;
  let time = new Date('2025-10-27T12:00:00Z').getTime();
  const advance = (ms: number) => void (time += ms);
  let zara: WebClient, sable: WebClient, mod: WebClient, anon: WebClient;

  const latestId = async () =>
    (await t.db.select({ id: comments.commentId }).from(comments).orderBy(desc(comments.commentId)).limit(1))[0]?.id ??
    0;
  const login = async (username: string) => {
    const client = new WebClient(app);
    expect((await client.post('/login', { username, password: PASSWORD })).status).toBe(303);
    return client;
  };
  const comment = async (client: WebClient, text: string, parent?: number) => {
    const res = await client.post(`/stories/${storyId}/comments`, parent ? { text, parent: String(parent) } : { text });
    expect(res.status).toBe(303);
    return latestId();
  };

  beforeAll(async () => {
    t = await openTestDatabase(driver);
  });
  afterAll(() => t?.close());
  // Each case starts from one story, Zara and Sable signed up, Mira the moderator, and a fresh clock.
  beforeEach(async () => {
    await emptyDatabase(t.db);
    time = new Date('2025-10-27T12:00:00Z').getTime();
    app = testApp(t.db, {
      now: () => new Date(time),
      rateLimits: {
        signup: { perIp: 100 },
        login: { perIp: 100 },
        comment: { perIp: 1000, perAccount: 1000, perNewAccount: 1000 },
        vote: { perIp: 1000 },
      },
    });
    storyId = await seedStory(t.db, 'Capex is up 50% while inference got 10x cheaper');
    zara = new WebClient(app);
    await signUp(zara, 'Zara');
    sable = new WebClient(app);
    await signUp(sable, 'Sable');
    await Accounts.create(t.db, { username: 'Mira', password: PASSWORD, role: 'moderator' });
    mod = await login('Mira');
    anon = new WebClient(app);
  });

  it('when a reader opens a story, then the discussion shows with a log-in prompt and no forms', async () => {
    const html = await (await anon.get(`/stories/${storyId}`)).text();
    expect(html).toContain('<section class="discussion" id="discussion"');
    expect(html).toContain(`href="/login?next=%2Fstories%2F${storyId}%23discussion"`);
    expect(html).not.toContain('class="comment-form"');
  });

  it('when a commenter posts with a plain form, then they are redirected to the new comment (PRG) and it is on the page', async () => {
    const res = await zara.post(`/stories/${storyId}/comments`, {
      text: 'Capex up **50%** but cost per token fell 10x?',
    });
    expect(res.status).toBe(303);
    const id = await latestId();
    expect(res.headers.get('location')).toBe(`/stories/${storyId}?sort=new#c${id}`);
    const html = await (await anon.get(`/stories/${storyId}`)).text();
    expect(html).toContain(`<li class="comment" id="c${id}">`);
    expect(html).toContain('Capex up <strong>50%</strong>');
    expect(html).toContain('(1 comment)');
  });

  it('when htmx posts a comment, then the fresh form comes back and the comment is inserted out of band at the top', async () => {
    const res = await sable.post(`/stories/${storyId}/comments`, { text: 'Top-level via htmx' }, { htmx: true });
    expect(res.status).toBe(201);
    const html = await res.text();
    const id = await latestId();
    expect(html).not.toContain('<html');
    expect(html).toMatch(/^<form method="post" action="\/stories\/\d+\/comments" class="comment-form"/);
    expect(html).toContain('<div hx-swap-oob="afterbegin:#comments"><li class="comment" id="c' + id + '">');
  });

  it('when htmx posts or deletes a comment, then the heading’s comment count comes back out of band, and permalinks show the same count', async () => {
    const countIn = (html: string) =>
      Number(/<span class="count" id="comment-count"[^>]*>\((\d+) comments?\)<\/span>/.exec(html)![1]);
    const before = countIn(await (await anon.get(`/stories/${storyId}`)).text());
    const top = await sable.post(`/stories/${storyId}/comments`, { text: 'Counted at the top' }, { htmx: true });
    const topHtml = await top.text();
    expect(topHtml).toContain('<span class="count" id="comment-count" hx-swap-oob="true">');
    expect(countIn(topHtml)).toBe(before + 1);
    const parent = await latestId();
    const reply = await zara.post(
      `/stories/${storyId}/comments`,
      { text: 'Counted as a reply', parent: String(parent) },
      { htmx: true },
    );
    expect(countIn(await reply.text())).toBe(before + 2);
    // The permalink page, where replies and deletes also happen with htmx, has the count for them to update.
    expect(countIn(await (await anon.get(`/comments/${parent}`)).text())).toBe(before + 2);
    const deleted = await zara.post(`/comments/${await latestId()}/delete`, {}, { htmx: true });
    expect(countIn(await deleted.text())).toBe(before + 1);
    expect(countIn(await (await anon.get(`/stories/${storyId}`)).text())).toBe(before + 1);
  });

  it('when someone replies, then htmx gets the reply inserted into the parent’s list and a plain form redirects to the parent’s permalink', async () => {
    const parent = await comment(zara, 'Where is the cost-per-token data?');
    const form = await sable.get(`/comments/${parent}/reply`, { htmx: true });
    expect(await form.text()).toMatch(
      new RegExp(`^<form method="post" action="/stories/${storyId}/comments"[^>]*hx-target="#reply-slot-${parent}"`),
    );
    const page = await (await sable.get(`/comments/${parent}/reply`)).text();
    expect(page).toContain('<h1>Reply</h1>');
    expect(page).toContain(`name="parent" value="${parent}"`);

    const viaHtmx = await sable.post(
      `/stories/${storyId}/comments`,
      { text: 'Nobody publishes it.', parent: String(parent) },
      { htmx: true },
    );
    expect(await viaHtmx.text()).toMatch(
      new RegExp(`^<div hx-swap-oob="afterbegin:#replies-${parent}"><li class="comment"`),
    );
    const plain = await sable.post(`/stories/${storyId}/comments`, {
      text: 'And a second reply.',
      parent: String(parent),
    });
    expect(plain.headers.get('location')).toBe(`/comments/${parent}#c${await latestId()}`);
    expect(await (await anon.get(`/comments/${parent}`)).text()).toContain('Nobody publishes it.');
  });

  it('when a reader asks to reply, then they are sent to log in and come back', async () => {
    const id = await comment(zara, 'Reply to me');
    const res = await anon.get(`/comments/${id}/reply`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/login?next=${encodeURIComponent(`/comments/${id}/reply`)}`);
  });

  it('when the author edits, then htmx gets the new body and an "edited" head out of band; a plain form redirects', async () => {
    const id = await comment(zara, 'Capex up 40%');
    const form = await (await zara.get(`/comments/${id}/edit`, { htmx: true })).text();
    expect(form).toMatch(new RegExp(`^<div class="comment-main editing" id="main-${id}"><form`));
    expect(form).toContain('>Capex up 40%</textarea>');
    expect(await (await zara.get(`/comments/${id}/edit`)).text()).toContain('<h1>Edit your comment</h1>');
    const res = await zara.post(`/comments/${id}/edit`, { text: 'Capex up 50%' }, { htmx: true });
    const html = await res.text();
    expect(html).toContain(`<div class="comment-main" id="main-${id}"><div class="comment-body"><p>Capex up 50%</p>`);
    expect(html).toMatch(new RegExp(`<summary class="comment-head" id="head-${id}" hx-swap-oob="true">.*· edited`));
    const plain = await zara.post(`/comments/${id}/edit`, { text: 'Capex up 50% (source: 10-K)' });
    expect(plain.status).toBe(303);
    expect(plain.headers.get('location')).toBe(`/comments/${id}#c${id}`);
    const cancel = await (await zara.get(`/comments/${id}/main`, { htmx: true })).text();
    expect(cancel).toContain('Capex up 50% (source: 10-K)');
  });

  it('when a comment is deleted, then a tombstone replaces it (htmx) or the permalink shows it (plain), and replies stay', async () => {
    const id = await comment(zara, 'I will regret this');
    await comment(sable, 'A reply that survives', id);
    expect(await (await zara.get(`/comments/${id}/delete`)).text()).toContain('Delete your comment?');
    const res = await zara.post(`/comments/${id}/delete`, {}, { htmx: true });
    const html = await res.text();
    expect(html).toContain('[deleted by its author]');
    expect(html).toContain('<span class="deleted-author">[deleted]</span>');
    const page = await (await anon.get(`/comments/${id}`)).text();
    expect(page).toContain('A reply that survives');
    expect(page).not.toContain('I will regret this');

    const other = await comment(sable, 'Off-topic rant');
    expect((await mod.post(`/comments/${other}/delete`)).status).toBe(403);
    expect(await (await mod.get(`/comments/${other}/delete`)).text()).toContain('Remove this comment?');
    const removed = await mod.post('/moderation/actions', {
      item: `comment-${other}`,
      action: 'remove_comment',
      reason: 'Off-topic',
    });
    expect(removed.status).toBe(303);
    expect(await (await anon.get(`/comments/${other}`)).text()).toContain('[removed by a moderator]');
  });

  it('when someone votes with htmx, then the button comes back pressed; a plain form goes back to the page at the comment', async () => {
    const id = await comment(zara, 'Vote for me');
    const res = await sable.post(`/comments/${id}/vote`, { dir: 'up' }, { htmx: true });
    const html = await res.text();
    expect(html).toMatch(/^<form class="vote"/);
    expect(html).toContain('aria-pressed="true"');
    expect(html).toContain('name="dir" value="un"');
    const plain = await sable.post(
      `/comments/${id}/vote`,
      { dir: 'un' },
      { headers: { referer: `http://localhost/stories/${storyId}?sort=old` } },
    );
    expect(plain.status).toBe(303);
    expect(plain.headers.get('location')).toBe(`/stories/${storyId}?sort=old#c${id}`);
    const offsite = await sable.post(
      `/comments/${id}/vote`,
      { dir: 'up' },
      { headers: { referer: 'https://evil.example/x' } },
    );
    expect(offsite.headers.get('location')).toBe(`/comments/${id}#c${id}`);
  });

  it('when a story is upvoted, then its points show to everyone; htmx gets the button with the new count', async () => {
    const res = await zara.post(`/stories/${storyId}/vote`, { dir: 'up' }, { htmx: true });
    const html = await res.text();
    expect(html).toContain('aria-pressed="true"');
    expect(html).toContain('<span class="points">1 point</span>');
    const plain = await sable.post(`/stories/${storyId}/vote`, { dir: 'up' });
    expect(plain.headers.get('location')).toBe(`/stories/${storyId}#s${storyId}`);
    expect(await (await anon.get(`/stories/${storyId}`)).text()).toContain('<span class="points">2 points</span>');
  });

  it('when comment scores are shown, then only the author and moderators see them', async () => {
    const id = await comment(zara, 'Count my points');
    await sable.post(`/comments/${id}/vote`, { dir: 'up' });
    const scoreOf = async (client: WebClient) =>
      (await (await client.get(`/comments/${id}`)).text()).match(/class="score"[^>]*> · (\d+) points?/)?.[1];
    expect(await scoreOf(zara)).toBe('1');
    expect(await scoreOf(mod)).toBe('1');
    expect(await scoreOf(sable)).toBeUndefined();
    expect(await scoreOf(anon)).toBeUndefined();
  });

  it('when the sort changes, then htmx gets the #thread fragment and a plain request the whole page in that order', async () => {
    await comment(zara, 'The older comment');
    advance(60_000);
    await comment(sable, 'The newer comment');
    const fragment = await (await anon.get(`/stories/${storyId}/comments?sort=old`, { htmx: true })).text();
    expect(fragment).toMatch(/^<div class="thread" id="thread">/);
    expect(fragment).toMatch(/aria-current="page">Oldest</);
    const full = await (await anon.get(`/stories/${storyId}/comments?sort=old`)).text();
    expect(full.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(full).toContain('<section class="discussion"');
    const ids = (html: string) =>
      [...html.matchAll(/<ol class="comments" id="comments">|<li class="comment" id="c(\d+)">/g)]
        .map((m) => m[1])
        .filter(Boolean);
    const newest = ids(await (await anon.get(`/stories/${storyId}?sort=new`)).text());
    expect(newest[0]).toBe(String(await latestId()));
  });

  it('when a preview is asked for, then htmx gets rendered markdown and the plain Preview button keeps the text in the form', async () => {
    const fragment = await (await zara.post('/comments/preview', { text: 'a *b* `c`' }, { htmx: true })).text();
    expect(fragment).toContain('<p>a <em>b</em> <code>c</code></p>');
    const bad = await (await zara.post('/comments/preview', { text: '' }, { htmx: true })).text();
    expect(bad).toContain('Write something before posting.');
    const before = await latestId();
    const res = await zara.post(`/stories/${storyId}/comments`, { text: 'Draft with **bold**', intent: 'preview' });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('>Draft with **bold**</textarea>');
    expect(html).toContain('<p>Draft with <strong>bold</strong></p>');
    expect(await latestId()).toBe(before);
  });

  it.each([
    ['empty', '   ', 'Write something before posting.'],
    ['too long', 'x'.repeat(10_001), 'Comments can be at most 10,000 characters; yours has 10,001.'],
    ['control characters', 'tab\tok but bell \u0007 not', 'Your comment contains invisible control characters.'],
    [
      'markup breakout with a control character',
      '</textarea><script>alert(1)</script>\u0000',
      'Your comment contains invisible control characters.',
    ],
  ])(
    'when the text is %s, then the form comes back with the message and the typed text (plain and htmx)',
    async (_name, text, message) => {
      const before = await latestId();
      for (const htmx of [false, true]) {
        const res = await zara.post(`/stories/${storyId}/comments`, { text }, { htmx });
        expect(res.status).toBe(422);
        const html = await res.text();
        expect(html).toContain(message);
        const typed = html.match(/<textarea[^>]*>([^<]*)<\/textarea>/)?.[1];
        expect(unescapeHtml(typed ?? '')).toBe(text);
        expect(html).not.toContain('<script>alert(1)</script>');
        if (htmx) expect(html).toMatch(/^<form/);
        else expect(html).toContain('<section class="discussion"');
      }
      expect(await latestId()).toBe(before);
    },
  );

  it('when a valid comment contains markup, then it is stored and shown as text', async () => {
    await zara.post(`/stories/${storyId}/comments`, {
      text: '</textarea><script>alert(1)</script> <img src=x onerror=alert(1)>',
    });
    const html = await (await anon.get(`/comments/${await latestId()}`)).text();
    expect(html).toContain('&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/<img src=x/);
  });

  it('when a comment, an edit or a preview contains bidi controls, then they are stripped as feed text strips them', async () => {
    const BIDI = /[\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
    const stored = async (id: number) =>
      (
        await t.db
          .select({ body: comments.body, html: comments.bodyHtml })
          .from(comments)
          .where(eq(comments.commentId, id))
      )[0];
    const id = await comment(
      zara,
      'Capex \u202Efell\u202C 10x, \u2066really\u2069 \u200Eyes\u200F \u202A\u202B\u202D\u2067\u2068',
    );
    expect((await stored(id)).body).toBe('Capex fell 10x, really yes');
    expect((await stored(id)).html).not.toMatch(BIDI);
    expect((await zara.post(`/comments/${id}/edit`, { text: 'see invoice\u202Etxt.exe' })).status).toBe(303);
    expect(await stored(id)).toMatchObject({ body: 'see invoicetxt.exe' });
    const preview = await (await zara.post('/comments/preview', { text: 'a \u202E*b*' }, { htmx: true })).text();
    expect(preview).toContain('<p>a <em>b</em></p>');
    expect(preview).not.toMatch(BIDI);
  });

  it('when a comment is nothing but bidi controls, then it is refused as empty', async () => {
    const count = async () => (await t.db.select({ id: comments.commentId }).from(comments)).length;
    const before = await count();
    const res = await zara.post(`/stories/${storyId}/comments`, { text: '\u202E \u200F\u2066' });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Write something before posting.');
    expect(await count()).toBe(before);
  });

  it('when a reply fails validation, then the reply form comes back in its slot (htmx) or on the reply page (plain)', async () => {
    const parent = await comment(sable, 'Reply badly to me');
    const fragment = await (
      await zara.post(`/stories/${storyId}/comments`, { text: '', parent: String(parent) }, { htmx: true })
    ).text();
    expect(fragment).toMatch(new RegExp(`^<form[^>]*hx-target="#reply-slot-${parent}"`));
    expect(fragment).toContain('Write something before posting.');
    const page = await (
      await zara.post(`/stories/${storyId}/comments`, { text: '\u0001', parent: String(parent) })
    ).text();
    expect(page).toContain('<h1>Reply</h1>');
    expect(page).toContain('invisible control characters');
  });

  it('when someone replies to you, then your inbox lists it, the nav shows the unread count, and opening the inbox reads it', async () => {
    const mine = await comment(zara, 'Ask me anything about capex');
    await comment(sable, 'What about depreciation schedules?', mine);
    const front = await (await zara.get('/')).text();
    expect(front).toMatch(/<a href="\/inbox" class="inbox unread">Inbox \(\d+\)<\/a>/);
    const inbox = await (await zara.get('/inbox')).text();
    expect(inbox).toContain('replied to your comment');
    expect(inbox).toContain('What about depreciation schedules?');
    expect(await (await zara.get('/')).text()).toContain('<a href="/inbox" class="inbox">Inbox</a>');
    expect((await anon.get('/inbox')).headers.get('location')).toBe('/login?next=%2Finbox');
  });

  it('when a signed-in reader comes back, then comments posted since by others are marked new, and only once', async () => {
    await sable.get(`/stories/${storyId}`);
    advance(MINUTE);
    const id = await comment(zara, 'Posted while Sable was away');
    advance(MINUTE);
    const html = await (await sable.get(`/stories/${storyId}?sort=new`)).text();
    const item = html.slice(html.indexOf(`id="c${id}"`), html.indexOf(`id="main-${id}"`));
    expect(item).toContain('<span class="new-marker">new</span>');
    const again = await (await sable.get(`/stories/${storyId}?sort=new`)).text();
    expect(again.slice(again.indexOf(`id="c${id}"`), again.indexOf(`id="main-${id}"`))).not.toContain('new-marker');
  });

  it('when a thread is deeper than six levels, then the story page offers "continue this thread" to the permalink', async () => {
    let parent: number | undefined;
    const ids: number[] = [];
    for (let i = 0; i < 9; i++) {
      parent = await comment(i % 2 ? sable : zara, `depth ${i}`, parent);
      ids.push(parent);
    }
    const html = await (await anon.get(`/stories/${storyId}?sort=new`)).text();
    expect(html).toContain(`<a href="/comments/${ids[6]}">Continue this thread (2 more replies) →</a>`);
    expect(html).not.toContain('depth 7');
    expect(await (await anon.get(`/comments/${ids[6]}`)).text()).toContain('depth 8');
  });

  it('when a story has more threads than a page, then htmx "load more" appends the next ones out of band and the plain link pages', async () => {
    const other = await seedStory(t.db, 'A busy story');
    for (let i = 0; i < 32; i++) await sable.post(`/stories/${other}/comments`, { text: `thread ${i}` });
    const first = await (await anon.get(`/stories/${other}?sort=old`)).text();
    expect((first.match(/<li class="comment"/g) ?? []).length).toBe(30);
    const more = unescapeHtml(first.match(/hx-get="(\/stories\/\d+\/comments\?sort=old&amp;offset=30)"/)![1]);
    const fragment = await (await anon.get(more, { htmx: true })).text();
    expect(fragment).toMatch(/^<div hx-swap-oob="beforeend:#comments">/);
    expect((fragment.match(/<li class="comment"/g) ?? []).length).toBe(2);
    expect(fragment).toContain('<div class="load-more"></div>');
    const plain = await (await anon.get(`/stories/${other}?sort=old&offset=30`)).text();
    expect(plain).toContain('thread 31');
    expect(plain).not.toContain('thread 0<');
  });

  it('when a story was merged, then commenting on it is refused with a message', async () => {
    const merged = await seedStory(t.db, 'Merged away');
    const { eq } = await import('drizzle-orm');
    await t.db.update(stories).set({ mergedInto: storyId }).where(eq(stories.storyId, merged));
    const res = await zara.post(`/stories/${merged}/comments`, { text: 'hello' }, { htmx: true });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('merged into another');
  });
});
