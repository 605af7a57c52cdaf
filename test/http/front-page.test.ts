import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.ts';
import { drivers, emptyDatabase, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { WebClient, seedStory, signUp } from '../support/web-client.ts';

const HOUR = 3_600_000;
const NOW = new Date('2025-10-27T12:00:00Z');

describe.each(drivers)('front page tabs on %s', (driver) => {
  let t: TestDatabase;
  let app: ReturnType<typeof testApp>;
  let older: number, newer: number;
  let reader: WebClient;

  beforeAll(async () => {
    t = await openTestDatabase(driver);
  });
  afterAll(() => t?.close());
  // Each case starts from two stories, the older one with three votes, and a fresh app.
  beforeEach(async () => {
    await emptyDatabase(t.db);
    app = testApp(t.db, { now: () => NOW, rateLimits: { signup: { perIp: 100 }, vote: { perIp: 1000 } } });
    older = await seedStory(t.db, 'Older story people care about', new Date(NOW.getTime() - 6 * HOUR));
    newer = await seedStory(t.db, 'Newer story nobody voted on', new Date(NOW.getTime() - 1 * HOUR));
    for (const name of ['v1', 'v2', 'v3']) {
      const voter = new WebClient(app);
      await signUp(voter, name);
      expect((await voter.post(`/stories/${older}/vote`, { dir: 'up' })).status).toBe(303);
    }
    reader = new WebClient(app);
  });

  const order = (html: string) =>
    [...html.matchAll(/<li class="article story" id="s(\d+)">/g)].map((m) => Number(m[1]));

  it('when the Top tab is shown, then votes lift an older story above a newer one without votes, and points show', async () => {
    const html = await (await reader.get('/')).text();
    expect(order(html)).toEqual([older, newer]);
    expect(html).toMatch(/<a href="\/" aria-current="page">\s*Top/);
    expect(html).toContain('3 points');
    expect(html).toContain(`href="/stories/${older}#discussion">discuss</a>`);
  });

  it('when the New tab is shown, then stories are newest first', async () => {
    const html = await (await reader.get('/?tab=new')).text();
    expect(order(html)).toEqual([newer, older]);
    expect(html).toMatch(/<a href="\/\?tab=new" aria-current="page">\s*New/);
  });

  it('when a signed-in reader sees the front page, then each story has an upvote button showing their vote', async () => {
    const voter = new WebClient(app);
    await signUp(voter, 'v4');
    await voter.post(`/stories/${newer}/vote`, { dir: 'up' });
    const html = await (await voter.get('/?tab=new')).text();
    const item = html.slice(html.indexOf(`id="s${newer}"`), html.indexOf(`id="s${older}"`));
    expect(item).toContain(`action="/stories/${newer}/vote"`);
    expect(item).toContain('aria-pressed="true"');
  });

  it('when there are more stories than a page, then Top pages by ?p= and htmx gets only the items', async () => {
    for (let i = 0; i < 31; i++) await seedStory(t.db, `Filler ${i}`, new Date(NOW.getTime() - (10 + i) * HOUR));
    const first = await (await reader.get('/')).text();
    expect(order(first)).toHaveLength(30);
    expect(first).toContain('hx-get="/?p=2"');
    const fragment = await (await reader.get('/?p=2', { htmx: true })).text();
    expect(fragment.startsWith('<li class="article story"')).toBe(true);
    expect(order(fragment)).toHaveLength(3);
    expect((await (await reader.get('/?p=2')).text()).startsWith('<!DOCTYPE html>')).toBe(true);
  });
});
