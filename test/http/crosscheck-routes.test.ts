import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Accounts from '../../src/accounts/accounts.ts';
import { claims } from '../../src/claims/claims.sql.ts';
import { figureStances } from '../../src/crosscheck/crosscheck.sql.ts';
import { comments } from '../../src/discussion/comments.sql.ts';
import { flags } from '../../src/moderation/moderation.sql.ts';
import { testApp } from '../support/app.ts';
import { seedDemoLedger } from '../support/crosscheck.ts';
import { drivers, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { PASSWORD, WebClient, seedStory, signUp, unescapeHtml } from '../support/web-client.ts';

const OLD = new Date('2025-01-01T00:00:00Z');

describe.each(drivers)('cross-checking routes on %s', (driver) => {
  let t: TestDatabase;
  let app: ReturnType<typeof testApp>;
  let storyId: number;
  let time = new Date('2025-10-27T12:00:00Z').getTime();
  let ada: WebClient, bo: WebClient, mod: WebClient, anon: WebClient, newbie: WebClient;

  const latestComment = async () =>
    (await t.db.select({ id: comments.commentId }).from(comments).orderBy(desc(comments.commentId)).limit(1))[0].id;
  const figureOf = async (commentId: number) =>
    (await t.db.select({ f: claims.figureId }).from(claims).where(eq(claims.commentId, commentId)))[0].f!;
  const login = async (username: string, role: Accounts.Role = 'commenter') => {
    await Accounts.create(t.db, { username, password: PASSWORD, role, createdAt: OLD });
    const client = new WebClient(app);
    expect((await client.post('/login', { username, password: PASSWORD })).status).toBe(303);
    return client;
  };

  beforeAll(async () => {
    t = await openTestDatabase(driver);
    await seedDemoLedger(t.db);
    app = testApp(t.db, {
      now: () => new Date(time),
      rateLimits: {
        signup: { perIp: 100 },
        login: { perIp: 100 },
        comment: { perIp: 1000, perAccount: 1000, perNewAccount: 1000 },
        vote: { perIp: 1000, perAccount: 1000, perNewAccount: 1000 },
      },
    });
    storyId = await seedStory(t.db, 'The AI capex boom');
    [ada, bo, mod] = [await login('ada'), await login('bo'), await login('mo', 'moderator')];
    newbie = new WebClient(app);
    await signUp(newbie, 'newbie');
    anon = new WebClient(app);
  });
  afterAll(() => t?.close());

  it('when a commenter posts a figure nobody sources (htmx), then the new comment shows it unsupported, with no source found', async () => {
    const res = await ada.post(
      `/stories/${storyId}/comments`,
      { text: 'Hyperscaler capex is up 50% and nobody asks what it buys.' },
      { htmx: true },
    );
    expect(res.status).toBe(201);
    const html = unescapeHtml(await res.text());
    expect(html).toContain('class="comment-figures"');
    expect(html).toMatch(/Hyperscaler · growth · <strong>↑ 50%<\/strong>/);
    expect(html).toContain('no source found');
    expect(html).toMatch(/class="status-badge status-unsupported"[^>]*>unsupported</);
  });

  it('when a commenter previews text with figures, then each figure’s check is shown: supported with its source and quote, or unsupported', async () => {
    const res = await ada.post(
      '/comments/preview',
      { text: 'Cloud AI infrastructure spend grew 65% in 2023, and Neocloud capex is up 80%.', story: String(storyId) },
      { htmx: true },
    );
    const html = unescapeHtml(await res.text());
    expect(html).toContain('Figures in your comment, checked against the ledger');
    expect(html).toMatch(
      /<span class="badge agree">supported<\/span> by <a href="\/articles\/\d+#claim-\d+"[^>]*>[^<]+, <q>65%<\/q>/,
    );
    expect(html).toContain('no source found — add a link');
  });

  it('when a reply names nobody, then the preview reads it in its thread: a figure of the parent’s subject', async () => {
    await ada.post(`/stories/${storyId}/comments`, { text: 'Neocloud capex is up 80% this year.' });
    const parent = await latestComment();
    const html = unescapeHtml(
      await (
        await bo.post(
          '/comments/preview',
          { text: 'Sure, capex is up 80%.', story: String(storyId), parent: String(parent) },
          { htmx: true },
        )
      ).text(),
    );
    expect(html).toContain('Neocloud · capex');
  });

  it('when a comment links its source, then the figure shows the citation and is not unsupported', async () => {
    await ada.post(`/stories/${storyId}/comments`, {
      text: 'Sovereign cloud capex is up 30% ([filing](https://sec.example/10k)).',
    });
    const id = await latestComment();
    const html = unescapeHtml(await (await anon.get(`/comments/${id}`)).text());
    expect(html).toContain('cites a source');
    expect(html).toContain('href="https://sec.example/10k"');
    expect(html).not.toContain('status-unsupported');
  });

  it('when a reader takes a stance with evidence (htmx and plain form), then the figure page counts it apart from votes and lists the evidence', async () => {
    await ada.post(`/stories/${storyId}/comments`, { text: 'Edge AI capex is up 25%.' });
    const figureId = await figureOf(await latestComment());
    const htmx = await bo.post(
      `/figures/${figureId}/stances`,
      {
        stance: 'disputes',
        text: 'Filings say 12%.',
        evidence_url: 'https://sec.example/edge',
        evidence_quote: 'edge capital expenditure rose 12%',
      },
      { htmx: true },
    );
    expect(htmx.status).toBe(201);
    expect(unescapeHtml(await htmx.text())).toContain('<span class="badge conflict">1 dispute</span>');
    const plain = await mod.post(`/figures/${figureId}/stances`, {
      stance: 'supports',
      text: '',
      evidence_url: 'https://ir.example/edge',
    });
    expect(plain.status).toBe(303);
    expect(plain.headers.get('location')).toMatch(new RegExp(`^/figures/${figureId}#stance-\\d+$`));
    const page = unescapeHtml(await (await anon.get(`/figures/${figureId}`)).text());
    expect(page).toContain('1 support');
    expect(page).toContain('1 dispute');
    expect(page).toContain('Votes on the replies rate their quality and are counted apart.');
    expect(page).toContain('<blockquote>edge capital expenditure rose 12%</blockquote>');
    expect(page).toContain('Log in</a> to take a stance');
    expect((await t.db.select().from(figureStances).where(eq(figureStances.figureId, figureId))).length).toBe(2);
  });

  it('when a reader follows "respond" under a comment’s figure, then the stance form replies under that comment', async () => {
    await ada.post(`/stories/${storyId}/comments`, { text: 'Inference chip capex is up 90%.' });
    const commentId = await latestComment();
    const figureId = await figureOf(commentId);
    const thread = unescapeHtml(await (await bo.get(`/comments/${commentId}`)).text());
    expect(thread).toContain(`href="/figures/${figureId}?reply_to=${commentId}#stances"`);
    const page = unescapeHtml(await (await bo.get(`/figures/${figureId}?reply_to=${commentId}`)).text());
    expect(page).toContain(`<input type="hidden" name="parent" value="${commentId}"/>`);
    expect(
      (
        await bo.post(`/figures/${figureId}/stances`, {
          stance: 'context',
          text: 'Includes leases.',
          parent: String(commentId),
        })
      ).status,
    ).toBe(303);
    const [reply] = await t.db.select().from(comments).where(eq(comments.parentId, commentId));
    expect(reply.body).toBe('Includes leases.');
  });

  it('when a reply was posted as a stance, then the thread shows its stance, its figure and its evidence link, not just a plain comment', async () => {
    await ada.post(`/stories/${storyId}/comments`, { text: 'Datacenter GPU capex is up 70%.' });
    const commentId = await latestComment();
    const figureId = await figureOf(commentId);
    const evidence = {
      evidence_url: 'https://sec.example/gpu-10q',
      evidence_quote: 'GPU capital expenditure rose 45%',
    };
    expect(
      (
        await bo.post(`/figures/${figureId}/stances`, {
          stance: 'disputes',
          text: 'The 10-Q says 45%.',
          parent: String(commentId),
          ...evidence,
        })
      ).status,
    ).toBe(303);
    const [reply] = await t.db.select().from(comments).where(eq(comments.parentId, commentId));
    const stanceLine = (html: string) =>
      new RegExp(
        `id="main-${reply.commentId}"[\\s\\S]*?<p class="comment-stance stance-disputes" data-stance="disputes">([\\s\\S]*?)</p>`,
      ).exec(html)?.[1];
    for (const path of [`/stories/${storyId}?sort=new`, `/comments/${commentId}`, `/comments/${reply.commentId}`]) {
      const line = stanceLine(unescapeHtml(await (await anon.get(path)).text()));
      expect(line, path).toBeDefined();
      expect(line).toContain('<span class="stance-label">Disputes</span>');
      expect(line).toContain(`href="/figures/${figureId}#stances">Datacenter GPU · growth`);
      expect(line).toContain(
        '<a class="evidence" href="https://sec.example/gpu-10q" rel="noopener nofollow ugc" title="GPU capital expenditure rose 45%">sec.example</a>',
      );
    }
    // The comment it answers is a plain comment: no stance line.
    const parentMain = new RegExp(`id="main-${commentId}"[\\s\\S]*?class="actions"`).exec(
      unescapeHtml(await (await anon.get(`/comments/${commentId}`)).text()),
    )![0];
    expect(parentMain).not.toContain('comment-stance');
  });

  it('when a stance is invalid, then the form comes back with the message and what was typed; anonymous readers must log in', async () => {
    await ada.post(`/stories/${storyId}/comments`, { text: 'Robotics capex is up 40%.' });
    const figureId = await figureOf(await latestComment());
    const bad = await bo.post(
      `/figures/${figureId}/stances`,
      { stance: 'supports', text: 'see', evidence_url: 'ftp://nope' },
      { htmx: true },
    );
    expect(bad.status).toBe(422);
    const html = unescapeHtml(await bad.text());
    expect(html).toContain('Evidence must be an http(s) link.');
    expect(html).toContain('value="ftp://nope"');
    expect((await anon.post(`/figures/${figureId}/stances`, { stance: 'supports', text: 'x' })).status).toBe(401);
  });

  it('when a moderator changes a watched figure’s status, then the figure page shows the history and watchers and commenters find it in their inbox', async () => {
    await ada.post(`/stories/${storyId}/comments`, { text: 'Datacenter REIT capex is up 70%.' });
    const commentId = await latestComment();
    const figureId = await figureOf(commentId);
    const watch = await bo.post(`/figures/${figureId}/watch`, { watch: 'on' }, { htmx: true });
    expect(await watch.text()).toContain('aria-pressed="true"');
    time += 60_000;
    expect(
      (
        await mod.post('/moderation/actions', {
          item: `figure-${figureId}`,
          action: 'set_status',
          status: 'disputed',
          reason: 'REIT filings show 35%.',
        })
      ).status,
    ).toBe(303);
    const page = unescapeHtml(await (await anon.get(`/figures/${figureId}`)).text());
    expect(page).toMatch(/<h2 id="status-title">Review status <span class="status-badge status-disputed"/);
    expect(page).toContain('by moderator mo: REIT filings show 35%.');
    expect(page).toContain('by the automatic check: No source found for “70%”');
    for (const who of [ada, bo]) {
      const inbox = unescapeHtml(await (await who.get('/inbox')).text());
      expect(inbox).toContain('Figure status changes');
      expect(inbox).toContain('REIT filings show 35%.');
    }
    // The badge follows the figure into the story page: the discussion's figures and the comment itself.
    const story = unescapeHtml(await (await anon.get(`/stories/${storyId}`)).text());
    expect(story).toContain('Figures in the discussion');
    expect(story).toMatch(new RegExp(`<li class="comment" id="c${commentId}">[\\s\\S]*?status-disputed`));
  });

  it('when any signed-in reader flags a comment, an article’s figure or a story, then one flag per person is kept, new accounts weigh half', async () => {
    await ada.post(`/stories/${storyId}/comments`, { text: 'Off-topic rant' });
    const id = String(await latestComment());
    expect(
      (await bo.post('/flags', { kind: 'comment', id, reason: 'off_topic', detail: 'not about capex' })).status,
    ).toBe(303);
    const again = await bo.post('/flags', { kind: 'comment', id, reason: 'spam' }, { htmx: true });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('already flagged');
    expect((await newbie.post('/flags', { kind: 'comment', id, reason: 'unkind' }, { htmx: true })).status).toBe(201);
    expect((await ada.post('/flags', { kind: 'comment', id, reason: 'spam' })).status).toBe(403);
    expect((await anon.post('/flags', { kind: 'comment', id, reason: 'spam' })).status).toBe(401);
    const weights = (
      await t.db
        .select()
        .from(flags)
        .where(eq(flags.targetId, Number(id)))
    )
      .map((f) => f.weight)
      .sort();
    expect(weights).toEqual([0.5, 1]);
    // Open flags count against the comment in the "best" order.
    expect(
      (
        await t.db
          .select({ flags: comments.flags })
          .from(comments)
          .where(eq(comments.commentId, Number(id)))
      )[0].flags,
    ).toBe(2);
    const [articleClaim] = await t.db.select().from(claims).where(eq(claims.quote, '65%'));
    expect(
      (await bo.post('/flags', { kind: 'claim', id: String(articleClaim.claimId), reason: 'misread_unit_period' }))
        .status,
    ).toBe(303);
    expect((await bo.post('/flags', { kind: 'claim', id: String(articleClaim.claimId), reason: 'spam' })).status).toBe(
      422,
    );
    expect((await bo.post('/flags', { kind: 'story', id: String(storyId), reason: 'broken_link' })).status).toBe(303);
  });

  it('when a flag form is asked for, then readers are sent to log in, and signed-in readers get the reasons for that kind of item', async () => {
    expect((await anon.get(`/flags/new?kind=story&id=${storyId}`)).status).toBe(303);
    const html = unescapeHtml(await (await bo.get(`/flags/new?kind=story&id=${storyId}`)).text());
    expect(html).toContain('value="duplicate"');
    expect(html).toContain('name="merge_into"');
    expect(html).not.toContain('value="spam"');
    expect((await bo.get('/flags/new?kind=user&id=1')).status).toBe(404);
  });
});
