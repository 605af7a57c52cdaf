import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { testApp } from '../support/app.ts';
import { drivers, emptyDatabase, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { WebClient, seedStory, signUp, unescapeHtml } from '../support/web-client.ts';

const REFRESH_SECONDS = 2;
const NOW = new Date('2025-10-27T12:00:00Z');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The front-page entry of one story. */
const entry = (html: string, storyId: number) => {
  const start = html.indexOf(`id="s${storyId}"`);
  return html.slice(start, html.indexOf('</li>', start));
};

describe.each(drivers)('the front page kept in memory on %s', (driver) => {
  let t: TestDatabase;
  let app: ReturnType<typeof testApp>;
  let storyId: number;

  beforeAll(async () => {
    t = await openTestDatabase(driver);
  });
  afterAll(() => t?.close());
  // Each case: one story and an app that keeps the front page for REFRESH_SECONDS, as `serve` does.
  beforeEach(async () => {
    await emptyDatabase(t.db);
    app = testApp(t.db, {
      now: () => NOW,
      config: loadConfig({
        DEMO_DATA: 'false',
        COUNTS_CACHE_SECONDS: '0',
        PAGE_REFRESH_SECONDS: String(REFRESH_SECONDS),
      }),
      rateLimits: { signup: { perIp: 100 }, vote: { perIp: 1000 }, comment: { perNewAccount: 1000 } },
    });
    storyId = await seedStory(t.db, 'Capex is up 50% while inference got 10x cheaper');
  });

  it('when a reader votes and comments, then anonymous visitors see the points and the comment within PAGE_REFRESH_SECONDS, and their copy answers 304 until it changes', async () => {
    const anon = new WebClient(app);
    const first = await anon.get('/');
    const etag = first.headers.get('etag')!;
    expect(entry(await first.text(), storyId)).toContain('0 points');
    expect((await anon.get('/', { headers: { 'if-none-match': etag } })).status).toBe(304);

    const ada = new WebClient(app);
    await signUp(ada, 'Ada');
    expect((await ada.post(`/stories/${storyId}/vote`, { dir: 'up' })).status).toBe(303);
    expect((await ada.post(`/stories/${storyId}/comments`, { text: 'Which capex, though?' })).status).toBe(303);
    // The reader who voted sees it at once: points and comment counts are read for signed-in pages.
    const own = entry(await (await ada.get('/')).text(), storyId);
    expect(own).toContain('aria-pressed="true"');
    expect(own).toMatch(/1 comment\b/);

    await sleep(REFRESH_SECONDS * 1000);
    const after = await anon.get('/', { headers: { 'if-none-match': etag } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    const html = entry(await after.text(), storyId);
    expect(html).toContain('1 point ');
    expect(html).toMatch(/1 comment\b/);
  });

  it('when an anonymous and a signed-in visitor open the kept page, then each sees their own parts: token, account menu, vote arrows, inbox', async () => {
    const ada = new WebClient(app);
    await signUp(ada, 'Ada');
    await ada.post(`/stories/${storyId}/vote`, { dir: 'up' });
    const bo = new WebClient(app);
    await signUp(bo, 'Bo');
    const anons = [new WebClient(app), new WebClient(app)];
    for (const anon of anons) {
      await anon.get('/login'); // a CSRF cookie of its own
      const res = await anon.get('/');
      const html = unescapeHtml(await res.text());
      expect(html).toContain(`"X-CSRF-Token":"${anon.csrfToken}"`);
      expect(html).toContain('href="/login"');
      expect(html).not.toContain('/vote"');
      expect(html).not.toContain('href="/inbox"');
      expect(res.headers.get('cache-control')).toBe('private, no-cache');
    }
    // Same list, different tokens: different ETags, so no browser revalidates another visitor's copy.
    const tags = await Promise.all(anons.map(async (a) => (await a.get('/')).headers.get('etag')));
    expect(tags[0]).not.toBe(tags[1]);

    const adaPage = unescapeHtml(await (await ada.get('/')).text());
    expect(adaPage).toContain(`"X-CSRF-Token":"${ada.csrfToken}"`);
    expect(adaPage).toContain('href="/users/Ada"');
    expect(entry(adaPage, storyId)).toContain('aria-pressed="true"');
    expect(adaPage).toContain('<a href="/inbox" class="inbox">Inbox</a>');
    expect((await ada.get('/')).headers.get('etag')).toBeNull();
    const boPage = await (await bo.get('/')).text();
    expect(boPage).toContain('href="/users/Bo"');
    expect(entry(boPage, storyId)).toContain('aria-pressed="false"');
  });
});
