import { eq, sql } from 'drizzle-orm';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Accounts from '../../src/accounts/accounts.ts';
import * as Articles from '../../src/articles/articles.ts';
import { articles } from '../../src/articles/articles.sql.ts';
import { upsertFeedItems } from '../../src/articles/upsert.ts';
import { loadConfig } from '../../src/config.ts';
import * as Feeds from '../../src/feeds/feeds.ts';
import { feeds } from '../../src/feeds/feeds.sql.ts';
import * as Log from '../../src/moderation/log.ts';
import { testApp } from '../support/app.ts';
import { drivers, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { item } from '../support/items.ts';
import { PASSWORD, signUp, unescapeHtml, WebClient } from '../support/web-client.ts';

/** A multipart upload as a browser sends it, with the client's cookies and CSRF token (WebClient sends urlencoded only). */
async function upload(
  app: Hono,
  client: WebClient,
  path: string,
  file: { name: string; text: string } | null,
  options: { htmx?: boolean } = {},
): Promise<Response> {
  const form = new FormData();
  if (!options.htmx) form.set('_csrf', client.csrfToken!);
  if (file) form.set('opml', new File([file.text], file.name, { type: 'text/x-opml' }));
  const headers: Record<string, string> = { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
  if (options.htmx) Object.assign(headers, { 'HX-Request': 'true', 'X-CSRF-Token': client.csrfToken! });
  return app.request(
    path,
    { method: 'POST', headers, body: form },
    { incoming: { socket: { remoteAddress: '192.0.2.1' } } },
  );
}

const opml = (...urls: string[]) =>
  `<?xml version="1.0"?><opml version="2.0"><head><title>t</title></head><body><outline text="Folder">${urls.map((u, n) => `<outline type="rss" text="Feed ${n}" xmlUrl="${u}"/>`).join('')}</outline></body></opml>`;

describe.each(drivers)('feed administration at /admin/feeds on %s', (driver) => {
  let t: TestDatabase;
  let app: Hono;
  let admin: WebClient;
  let moderator: WebClient;
  let commenter: WebClient;

  const login = async (username: string) => {
    const client = new WebClient(app);
    expect((await client.post('/login', { username, password: PASSWORD })).status).toBe(303);
    return client;
  };
  const page = async () => unescapeHtml(await (await admin.get('/admin/feeds')).text());
  const follow = async (res: Response) => {
    expect(res.status).toBe(303);
    return unescapeHtml(await (await admin.get(res.headers.get('location')!)).text());
  };
  const lastLog = async () => (await Log.page(t.db, { page: 1, perPage: 1 })).entries[0];

  beforeAll(async () => {
    t = await openTestDatabase(driver);
    app = testApp(t.db, { rateLimits: { signup: { perIp: 100 }, login: { perIp: 100 } } });
    await Accounts.create(t.db, { username: 'root_admin', password: PASSWORD, role: 'admin' });
    await Accounts.create(t.db, { username: 'mod_mira', password: PASSWORD, role: 'moderator' });
    admin = await login('root_admin');
    moderator = await login('mod_mira');
    commenter = new WebClient(app);
    await signUp(commenter, 'plain_reader');
  });
  afterAll(() => t?.close());

  it('when an anonymous visitor asks for /admin/feeds or posts to it, then they are sent to log in', async () => {
    const anonymous = new WebClient(app);
    for (const res of [
      await anonymous.get('/admin/feeds'),
      await anonymous.post('/admin/feeds', { url: 'https://anon.example/feed' }),
    ]) {
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toMatch(/^\/login\?next=%2Fadmin%2Ffeeds/);
    }
    expect(await Feeds.byUrl(t.db, 'https://anon.example/feed')).toBeUndefined();
  });

  it('when a commenter or a moderator asks for the page or any action, then every request is refused with 403 and nothing changes', async () => {
    const feed = await Feeds.add(t.db, { url: 'https://refused-roles.example/feed', title: 'Roles' });
    for (const client of [commenter, moderator]) {
      expect((await client.get('/admin/feeds')).status).toBe(403);
      expect((await client.get('/admin')).status).toBe(403);
      expect((await client.post('/admin/feeds', { url: 'https://sneaky.example/feed' })).status).toBe(403);
      expect((await client.post(`/admin/feeds/${feed.feedId}/disable`, { reason: 'no' })).status).toBe(403);
      expect((await client.post(`/admin/feeds/${feed.feedId}/enable`)).status).toBe(403);
      expect((await client.get(`/admin/feeds/${feed.feedId}/delete`)).status).toBe(403);
      expect((await client.post(`/admin/feeds/${feed.feedId}/delete`, { reason: 'no' })).status).toBe(403);
      expect(
        (await upload(app, client, '/admin/feeds/import', { name: 'a.opml', text: opml('https://sneaky.example/2') }))
          .status,
      ).toBe(403);
    }
    expect(await Feeds.byUrl(t.db, 'https://sneaky.example/feed')).toBeUndefined();
    expect(await Feeds.byUrl(t.db, 'https://sneaky.example/2')).toBeUndefined();
    expect((await Feeds.byId(t.db, feed.feedId))!.disabledAt).toBeNull();
  });

  it('when the menu is rendered, then only admins get the Admin link, and /admin links to /admin/feeds', async () => {
    expect(await (await admin.get('/')).text()).toContain('<a href="/admin">Admin</a>');
    expect(await (await moderator.get('/')).text()).not.toContain('<a href="/admin">Admin</a>');
    expect(await (await commenter.get('/')).text()).not.toContain('<a href="/admin">Admin</a>');
    expect(await (await admin.get('/admin')).text()).toContain('href="/admin/feeds"');
  });

  it('when an admin opens the page, then every feed shows its status (new, ok, failing×N, disabled, leased until), last error, last fetch and item count', async () => {
    const fresh = await Feeds.add(t.db, { url: 'https://status-new.example/feed', title: 'Status New' });
    const ok = await Feeds.add(t.db, { url: 'https://status-ok.example/feed', title: 'Status Ok' });
    const failing = await Feeds.add(t.db, { url: 'https://status-failing.example/feed', title: 'Status Failing' });
    const off = await Feeds.add(t.db, { url: 'https://status-off.example/feed', title: 'Status Off' });
    const leased = await Feeds.add(t.db, { url: 'https://status-leased.example/feed', title: 'Status Leased' });
    await t.db
      .update(feeds)
      .set({ lastFetchedAt: new Date('2025-10-27T11:00:00Z') })
      .where(eq(feeds.feedId, ok.feedId));
    await t.db
      .update(feeds)
      .set({
        lastFetchedAt: new Date('2025-10-27T11:00:00Z'),
        consecutiveErrors: 3,
        lastError: 'HTTP 503 from status-failing.example',
      })
      .where(eq(feeds.feedId, failing.feedId));
    await Feeds.setEnabled(t.db, off.feedId, false, 'Too noisy');
    await t.db
      .update(feeds)
      .set({ leaseOwner: 'elsewhere', leaseUntil: sql`now() + interval '5 minutes'` })
      .where(eq(feeds.feedId, leased.feedId));
    await upsertFeedItems(t.db, ok.feedId, [item(101), item(102)]);

    const html = await page();
    const row = (id: number) =>
      html.slice(html.indexOf(`id="feed-${id}"`), html.indexOf('</li>', html.indexOf(`id="feed-${id}"`)));
    expect(row(fresh.feedId)).toMatch(/class="status pending">new</);
    expect(row(ok.feedId)).toMatch(/class="status ok">ok</);
    expect(row(ok.feedId)).toContain('2 items');
    expect(row(ok.feedId)).toMatch(/last fetch <time/);
    expect(row(fresh.feedId)).toContain('last fetch never');
    expect(row(failing.feedId)).toContain('failing×3');
    expect(row(failing.feedId)).toContain('Last error: HTTP 503 from status-failing.example');
    expect(row(off.feedId)).toMatch(/class="status disabled">disabled</);
    expect(row(off.feedId)).toContain('Disabled: Too noisy');
    expect(row(off.feedId)).toContain('>Enable</button>');
    expect(row(leased.feedId)).toMatch(/leased until <time/);
    expect(row(fresh.feedId)).toContain('>Disable</button>');
  });

  it('when an admin adds a feed, then it is subscribed and logged; the same URL again says it exists; a bad URL is refused beside the form', async () => {
    const added = await follow(
      await admin.post('/admin/feeds', { url: 'https://add.example/feed.xml', title: 'Add Wire' }),
    );
    const feed = (await Feeds.byUrl(t.db, 'https://add.example/feed.xml'))!;
    expect(feed.title).toBe('Add Wire');
    expect(added).toContain(`Added feed #${feed.feedId}: https://add.example/feed.xml`);
    expect(added).not.toContain('Warning:');
    expect(await lastLog()).toMatchObject({
      action: 'add_feed',
      targetKind: 'feed',
      targetId: feed.feedId,
      moderatorName: 'root_admin',
      targetPath: `/feeds/${feed.feedId}`,
    });

    const again = await follow(
      await admin.post('/admin/feeds', { url: 'https://add.example/feed.xml#top', title: 'Other' }),
    );
    expect(again).toContain(`Feed #${feed.feedId} already exists: https://add.example/feed.xml`);
    expect((await Feeds.byId(t.db, feed.feedId))!.title).toBe('Add Wire');

    const bad = await admin.post('/admin/feeds', { url: 'ftp://add.example/feed', title: 'Kept title' });
    expect(bad.status).toBe(422);
    const html = unescapeHtml(await bad.text());
    expect(html).toContain('Only http and https feeds are supported, not ftp:');
    expect(html).toContain('value="ftp://add.example/feed"');
    expect(html).toContain('value="Kept title"');
  });

  it('when an admin adds a loopback or private address, then it is added with the CLI’s warning naming ALLOWED_PRIVATE_HOSTS, unless that setting allows it', async () => {
    const html = await follow(await admin.post('/admin/feeds', { url: 'http://127.0.0.1:8080/feed.xml' }));
    expect(html).toContain('Added feed #');
    expect(html).toContain('Warning: polling http://127.0.0.1:8080/feed.xml will be refused: 127.0.0.1 is');
    expect(html).toContain('set ALLOWED_PRIVATE_HOSTS=127.0.0.1 to allow it.');

    const allowing = testApp(t.db, {
      config: loadConfig({ DEMO_DATA: 'false', ALLOWED_PRIVATE_HOSTS: '10.0.0.0/8' }),
      rateLimits: { login: { perIp: 100 } },
    });
    const client = new WebClient(allowing);
    expect((await client.post('/login', { username: 'root_admin', password: PASSWORD })).status).toBe(303);
    const res = await client.post('/admin/feeds', { url: 'http://10.1.2.3/feed.xml' });
    const allowed = await (await client.get(res.headers.get('location')!)).text();
    expect(allowed).toContain('Added feed #');
    expect(allowed).not.toContain('Warning:');
  });

  it('when an admin adds a feed with htmx, then the form comes back with the message and the new row is appended out of band', async () => {
    const res = await admin.post('/admin/feeds', { url: 'https://htmx-add.example/feed' }, { htmx: true });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toContain('<html');
    expect(html).toMatch(/<form[^>]*id="add-feed"/);
    expect(html).toContain('Added feed #');
    expect(html).toContain('hx-swap-oob="beforeend:#feed-list"');
    const feed = (await Feeds.byUrl(t.db, 'https://htmx-add.example/feed'))!;
    expect(html).toContain(`id="feed-${feed.feedId}"`);
  });

  it('when a feed URL carries a password, then the admin page, its messages and the public moderation log never show it', async () => {
    const html = await follow(
      await admin.post('/admin/feeds', {
        url: 'https://reader:hunter2secret@private-wire.example/feed.xml',
        title: 'Paywalled Wire',
      }),
    );
    expect(html).toContain('Added feed #');
    expect(html).toContain('https://private-wire.example/feed.xml');
    expect(html).toContain('with credentials');
    expect(html).not.toContain('hunter2secret');
    const feed = (await Feeds.list(t.db)).find((f) => f.title === 'Paywalled Wire')!;
    expect(feed.url).toContain('hunter2secret'); // the fetcher still has them
    await admin.post(`/admin/feeds/${feed.feedId}/disable`, { reason: 'Subscription lapsed' });
    expect(await (await admin.get('/admin/feeds')).text()).not.toContain('hunter2secret');
    expect(await (await admin.get('/admin')).text()).not.toContain('hunter2secret');
    expect(await (await admin.get('/moderation/log')).text()).not.toContain('hunter2secret');
    expect(await (await admin.get('/moderation/log.xml')).text()).not.toContain('hunter2secret');
  });

  it('when an admin disables a feed, then a reason is required, the feed stops and the log has it; enabling brings it back', async () => {
    const feed = await Feeds.add(t.db, { url: 'https://toggle.example/feed', title: 'Toggle Wire' });
    const missing = await admin.post(`/admin/feeds/${feed.feedId}/disable`, { reason: '  ' });
    expect(missing.status).toBe(422);
    expect(unescapeHtml(await missing.text())).toContain('Give a reason for disabling the feed');
    expect((await Feeds.byId(t.db, feed.feedId))!.disabledAt).toBeNull();

    const disabled = await admin.post(`/admin/feeds/${feed.feedId}/disable`, { reason: 'Duplicates the Reuters feed' });
    expect(disabled.headers.get('location')).toBe(`/admin/feeds?feed=${feed.feedId}&did=disabled#feed-${feed.feedId}`);
    expect(await follow(disabled)).toContain(`Feed #${feed.feedId} disabled; logged in the moderation log.`);
    const stopped = (await Feeds.byId(t.db, feed.feedId))!;
    expect(stopped.disabledAt).not.toBeNull();
    expect(stopped.disabledReason).toBe('Duplicates the Reuters feed');
    expect(await lastLog()).toMatchObject({
      action: 'disable_feed',
      targetId: feed.feedId,
      reason: 'Duplicates the Reuters feed',
      targetLabel: 'Toggle Wire (https://toggle.example/feed)',
    });
    expect(await (await admin.get('/moderation/log')).text()).toContain('disabled feed');

    expect(await follow(await admin.post(`/admin/feeds/${feed.feedId}/enable`))).toContain(
      `Feed #${feed.feedId} enabled`,
    );
    expect((await Feeds.byId(t.db, feed.feedId))!.disabledAt).toBeNull();
    expect(await lastLog()).toMatchObject({ action: 'enable_feed', targetId: feed.feedId });
    expect((await admin.post(`/admin/feeds/999999/enable`)).status).toBe(404);
  });

  it('when an admin disables and enables with htmx, then the row is swapped in place with its new state; a forged POST is refused', async () => {
    const feed = await Feeds.add(t.db, { url: 'https://htmx-toggle.example/feed', title: 'Htmx Toggle' });
    expect((await admin.post(`/admin/feeds/${feed.feedId}/disable`, { reason: 'x' }, { noCsrf: true })).status).toBe(
      403,
    );
    const off = await admin.post(
      `/admin/feeds/${feed.feedId}/disable`,
      { reason: 'Paused for a week' },
      { htmx: true },
    );
    expect(off.status).toBe(200);
    const offHtml = await off.text();
    expect(offHtml).toMatch(new RegExp(`^<li class="admin-feed" id="feed-${feed.feedId}"`));
    expect(offHtml).toContain('class="status disabled">disabled<');
    expect(offHtml).toContain('>Enable</button>');
    const refused = await admin.post(`/admin/feeds/${feed.feedId}/enable`, {}, { htmx: true });
    expect(await refused.text()).toContain('class="status pending">new<');
    const empty = await admin.post(`/admin/feeds/${feed.feedId}/disable`, { reason: '' }, { htmx: true });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toMatch(
      new RegExp(`^<li class="admin-feed" id="feed-${feed.feedId}"[\\s\\S]*Give a reason`),
    );
  });

  it('when /admin’s Re-enable button posts, then the feed is enabled and the admin comes back to /admin', async () => {
    const feed = await Feeds.add(t.db, { url: 'https://back.example/feed' });
    await Feeds.setEnabled(t.db, feed.feedId, false, 'Disabled after 10 consecutive parse failures: Not a feed');
    const res = await admin.post(`/admin/feeds/${feed.feedId}/enable`, { back: '/admin' });
    expect(res.headers.get('location')).toBe('/admin');
    expect((await Feeds.byId(t.db, feed.feedId))!.disabledAt).toBeNull();
    expect(
      (await admin.post(`/admin/feeds/${feed.feedId}/enable`, { back: '//evil.example/' })).headers.get('location'),
    ).toMatch(/^\/admin\/feeds\?/);
  });

  it('when an admin deletes a feed after the confirmation page, then its articles stay, shared ones keep their other source, and the log says so', async () => {
    const doomed = await Feeds.add(t.db, { url: 'https://doomed.example/feed', title: 'Doomed Wire' });
    const other = await Feeds.add(t.db, { url: 'https://survivor.example/feed', title: 'Survivor Wire' });
    await upsertFeedItems(t.db, doomed.feedId, [item(201), item(202)]);
    await upsertFeedItems(t.db, other.feedId, [item(201)]);
    const before = await Articles.count(t.db);

    const confirm = unescapeHtml(await (await admin.get(`/admin/feeds/${doomed.feedId}/delete`)).text());
    expect(confirm).toContain('<!DOCTYPE html>');
    expect(confirm).toContain('Its 2 articles stay on the site');
    expect(confirm).toContain('other feeds still carry 1 of them, and the other 1 will name no source');
    expect((await admin.post(`/admin/feeds/${doomed.feedId}/delete`, { reason: '' })).status).toBe(422);
    expect(await Feeds.byId(t.db, doomed.feedId)).toBeDefined();

    const res = await admin.post(`/admin/feeds/${doomed.feedId}/delete`, { reason: 'Site shut down' });
    expect(await follow(res)).toContain(`Feed #${doomed.feedId} deleted; its articles stay.`);
    expect(await Feeds.byId(t.db, doomed.feedId)).toBeUndefined();
    expect(await Articles.count(t.db)).toBe(before);
    expect((await Articles.feedCoverage(t.db, other.feedId)).items).toBe(1);
    expect(await lastLog()).toMatchObject({
      action: 'delete_feed',
      targetId: doomed.feedId,
      targetPath: null,
      reason: 'Site shut down',
      detail: '2 articles kept, 1 of them now without a source',
    });
    expect((await admin.get(`/admin/feeds/${doomed.feedId}/delete`)).status).toBe(404);
    expect((await admin.get(`/feeds/${doomed.feedId}`)).status).toBe(404);
    // The article only the deleted feed carried is still readable, with no source named.
    const [orphan] = await t.db.select().from(articles).where(eq(articles.canonicalUrl, 'https://news.example/202'));
    expect((await admin.get(`/articles/${orphan.articleId}`)).status).toBe(200);
  });

  it('when an admin deletes with htmx, then the confirmation replaces the row, Cancel brings it back, and confirming leaves a notice in its place', async () => {
    const feed = await Feeds.add(t.db, { url: 'https://htmx-delete.example/feed', title: 'Htmx Delete' });
    const confirm = await (await admin.get(`/admin/feeds/${feed.feedId}/delete`, { htmx: true })).text();
    expect(confirm).toMatch(new RegExp(`^<li class="admin-feed confirm-delete" id="feed-${feed.feedId}"`));
    expect(await (await admin.get(`/admin/feeds/${feed.feedId}`, { htmx: true })).text()).toMatch(
      new RegExp(`^<li class="admin-feed" id="feed-${feed.feedId}"`),
    );
    const done = await (
      await admin.post(`/admin/feeds/${feed.feedId}/delete`, { reason: 'Test feed' }, { htmx: true })
    ).text();
    expect(done).toContain(`Feed #${feed.feedId} deleted`);
    expect(await Feeds.byId(t.db, feed.feedId)).toBeUndefined();
  });

  it('when a feed is being polled (leased), then deleting it is refused with 409 beside the form', async () => {
    const feed = await Feeds.add(t.db, { url: 'https://busy.example/feed' });
    await t.db
      .update(feeds)
      .set({ leaseOwner: 'poller', leaseUntil: sql`now() + interval '5 minutes'` })
      .where(eq(feeds.feedId, feed.feedId));
    const res = await admin.post(`/admin/feeds/${feed.feedId}/delete`, { reason: 'Gone' });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('This feed is being polled right now');
    expect(await Feeds.byId(t.db, feed.feedId)).toBeDefined();
  });

  it('when an admin uploads OPML, then every feed is subscribed and the page says how many were added, already there and refused', async () => {
    await Feeds.add(t.db, { url: 'https://opml-known.example/feed' });
    const file = {
      name: 'subs.opml',
      text: opml(
        'https://opml-new.example/a',
        'https://opml-known.example/feed',
        'http://192.168.1.5/feed',
        'ftp://opml.example/nope',
      ),
    };
    const res = await upload(app, admin, '/admin/feeds/import', file);
    expect(res.status).toBe(303);
    const html = await follow(res);
    expect(html).toContain('Imported 2 of 4 feeds: 2 added, 1 already there, 1 refused.');
    expect(html).toContain('Warning: polling 1 of the added feeds will be refused');
    expect(await Feeds.byUrl(t.db, 'https://opml-new.example/a')).toBeDefined();
    expect(await Feeds.byUrl(t.db, 'http://192.168.1.5/feed')).toBeDefined();
    expect(await lastLog()).toMatchObject({ action: 'add_feed', reason: 'OPML import' });
  });

  it('when an admin uploads OPML with htmx, then the form shows the counts with each refusal and warning, and the new rows are appended', async () => {
    const file = {
      name: 'subs.opml',
      text: opml('https://opml-htmx.example/a', 'http://10.9.8.7/feed', 'javascript:alert(1)'),
    };
    const html = unescapeHtml(await (await upload(app, admin, '/admin/feeds/import', file, { htmx: true })).text());
    expect(html).toMatch(/^<form[^>]*id="import-opml"/);
    expect(html).toContain('Imported 2 of 3 feeds: 2 added, 0 already there, 1 refused.');
    expect(html).toContain('refused javascript:alert(1): not an http(s) URL');
    expect(html).toContain('polling http://10.9.8.7/feed will be refused');
    expect(html).toContain('hx-swap-oob="beforeend:#feed-list"');
  });

  it('when the upload is not OPML, is missing or is too large, then it is refused beside the form and nothing is subscribed', async () => {
    const notOpml = await upload(app, admin, '/admin/feeds/import', {
      name: 'x.opml',
      text: '<html><body>hi</body></html>',
    });
    expect(notOpml.status).toBe(422);
    expect(await notOpml.text()).toContain('Not an OPML file: the document has no &lt;opml&gt; root');
    const missing = await upload(app, admin, '/admin/feeds/import', null);
    expect(missing.status).toBe(422);
    expect(await missing.text()).toContain('Choose an OPML file to upload.');
    const huge = await upload(app, admin, '/admin/feeds/import', {
      name: 'big.opml',
      text: opml('https://huge.example/feed') + ' '.repeat(300 * 1024),
    });
    expect(huge.status).toBe(413);
    expect(await Feeds.byUrl(t.db, 'https://huge.example/feed')).toBeUndefined();
  });
});
