import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Accounts from '../../src/accounts/accounts.ts';
import { stories } from '../../src/stories/stories.sql.ts';
import { deriveTags, refreshTags } from '../../src/stories/tags.ts';
import { testApp } from '../support/app.ts';
import { drivers, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { PASSWORD, seedStory, signUp, WebClient } from '../support/web-client.ts';

describe('deriving story topics', () => {
  it('when a story has capex and price figures and mentions regulators, then it gets those topics in a fixed order', () => {
    expect(deriveTags({ texts: ['The FTC looks at Nvidia chips deal'], metrics: ['cost_per_token', 'capex'] })).toEqual(
      ['capex', 'pricing', 'chips', 'policy'],
    );
    expect(deriveTags({ texts: ['A quiet day'], metrics: ['other'] })).toEqual([]);
  });
});

describe.each(drivers)('topics on the front page on %s', (driver) => {
  let t: TestDatabase;
  let app: ReturnType<typeof testApp>;
  let capexStory: number;
  let otherStory: number;
  beforeAll(async () => {
    t = await openTestDatabase(driver);
    app = testApp(t.db, { rateLimits: { signup: { perIp: 100 }, login: { perIp: 100 } } });
    capexStory = await seedStory(t.db, 'Hyperscalers lift data center capex again');
    otherStory = await seedStory(t.db, 'A new benchmark for reasoning');
    await refreshTags(t.db, capexStory);
    await refreshTags(t.db, otherStory);
  });
  afterAll(() => t?.close());

  it('when filtering by a topic, then only stories with it are listed, in both tabs; an unknown topic is a clear 422', async () => {
    for (const path of ['/?tag=capex', '/?tab=new&tag=capex']) {
      const html = await (await app.request(path)).text();
      expect(html).toContain('Hyperscalers lift data center capex again');
      expect(html).not.toContain('A new benchmark for reasoning');
      expect(html).toContain('aria-current="page">capex</a>');
    }
    const bad = await app.request('/?tag=astrology');
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('Unknown tag');
  });

  it('when a moderator edits topics with a reason, then they stick, are logged publicly, and a commenter cannot edit them', async () => {
    await Accounts.create(t.db, { username: 'mod_mira', password: PASSWORD, role: 'moderator' });
    const mod = new WebClient(app);
    expect((await mod.post('/login', { username: 'mod_mira', password: PASSWORD })).status).toBe(303);
    expect(await (await mod.get(`/stories/${otherStory}`)).text()).toContain('Edit topics');
    const res = await mod.post('/moderation/actions', {
      item: `story-${otherStory}`,
      action: 'edit_tags',
      tags: 'models, policy',
      reason: 'It is about model evaluation rules',
    });
    expect(res.status).toBe(303);
    const [row] = await t.db.select({ tags: stories.tags }).from(stories).where(eq(stories.storyId, otherStory));
    expect(row.tags).toEqual(['models', 'policy']);
    await refreshTags(t.db, otherStory);
    const [after] = await t.db.select({ tags: stories.tags }).from(stories).where(eq(stories.storyId, otherStory));
    expect(after.tags).toEqual(['models', 'policy']);
    expect(await (await app.request('/moderation/log')).text()).toContain('It is about model evaluation rules');
    const commenter = new WebClient(app);
    await signUp(commenter, 'plain_pat');
    expect(await (await commenter.get(`/stories/${otherStory}`)).text()).not.toContain('Edit topics');
    expect(
      (
        await commenter.post('/moderation/actions', {
          item: `story-${otherStory}`,
          action: 'edit_tags',
          tags: 'capex',
          reason: 'x',
        })
      ).status,
    ).toBe(403);
  });
});
