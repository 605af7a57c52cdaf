import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Accounts from '../../src/accounts/accounts.ts';
import { upsertFeedItems } from '../../src/articles/upsert.ts';
import * as Jobs from '../../src/enrich/jobs.ts';
import * as Feeds from '../../src/feeds/feeds.ts';
import { testApp } from '../support/app.ts';
import { drivers, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { item } from '../support/items.ts';
import { PASSWORD, signUp, WebClient } from '../support/web-client.ts';

describe.each(drivers)('the admin page on %s', (driver) => {
  let t: TestDatabase;
  let app: ReturnType<typeof testApp>;
  let admin: WebClient;
  let feedId: number;
  let jobId: number;

  beforeAll(async () => {
    t = await openTestDatabase(driver);
    app = testApp(t.db, { rateLimits: { signup: { perIp: 100 }, login: { perIp: 100 } } });
    await Accounts.create(t.db, { username: 'root_admin', password: PASSWORD, role: 'admin' });
    admin = new WebClient(app);
    expect((await admin.post('/login', { username: 'root_admin', password: PASSWORD })).status).toBe(303);
    const feed = await Feeds.add(t.db, { url: 'https://broken.example/feed', title: 'Broken Wire' });
    feedId = feed.feedId;
    await Feeds.setEnabled(t.db, feedId, false, 'Disabled after 10 consecutive parse failures: Not a feed');
    await upsertFeedItems(t.db, feedId, [item(1, { title: 'Poison pill article' })]);
    const [job] = await Jobs.claim(t.db, 'w', { kind: 'embed', limit: 1, leaseSeconds: 60 });
    await Jobs.fail(t.db, job, 'w', 'tokenizer exploded', 1);
    jobId = job.jobId;
  });
  afterAll(() => t?.close());

  it('when an anonymous visitor or a commenter asks for /admin, then they are sent to log in or refused', async () => {
    const anonymous = await new WebClient(app).get('/admin');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toMatch(/^\/login/);
    const commenter = new WebClient(app);
    await signUp(commenter, 'plainuser');
    expect((await commenter.get('/admin')).status).toBe(403);
    expect((await commenter.post(`/admin/jobs/${jobId}/retry`)).status).toBe(403);
  });

  it('when an admin opens /admin, then the backlog, the parked job with its error and the disabled feed are shown', async () => {
    const html = await (await admin.get('/admin')).text();
    expect(html).toContain('Poison pill article');
    expect(html).toContain('tokenizer exploded');
    expect(html).toContain('Broken Wire');
    expect(html).toMatch(/<td>claims<\/td><td>1<\/td>/);
  });

  it('when the admin retries the parked job and re-enables the feed, then both are back in service; a forged POST fails', async () => {
    expect((await admin.post(`/admin/jobs/${jobId}/retry`, {}, { noCsrf: true })).status).toBe(403);
    expect((await admin.post(`/admin/jobs/${jobId}/retry`)).status).toBe(303);
    expect(await Jobs.backlog(t.db, 'embed')).toMatchObject({ pending: 1, parked: 0 });
    expect((await admin.post(`/admin/jobs/${jobId}/retry`)).status).toBe(404);
    expect((await admin.post(`/admin/feeds/${feedId}/enable`)).status).toBe(303);
    expect((await Feeds.byId(t.db, feedId))!.disabledAt).toBeNull();
  });
});
