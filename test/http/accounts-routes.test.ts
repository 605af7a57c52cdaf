import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as Accounts from '../../src/accounts/accounts.ts';
import { loadConfig } from '../../src/config.ts';
import { testApp } from '../support/app.ts';
import { drivers, emptyDatabase, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { PASSWORD, WebClient, signUp } from '../support/web-client.ts';

const DAY = 86_400_000;

function clock(start = new Date('2025-10-27T12:00:00Z')) {
  let t = start.getTime();
  return { now: () => new Date(t), advance: (ms: number) => void (t += ms) };
}

describe.each(drivers)('account routes on %s', (driver) => {
  let t: TestDatabase;
  let time = clock();
  let app: ReturnType<typeof testApp>;

  beforeAll(async () => {
    t = await openTestDatabase(driver);
  });
  afterAll(() => t?.close());
  // Each case starts from one account, Sable, a fresh clock and app, whatever ran before it.
  beforeEach(async () => {
    await emptyDatabase(t.db);
    time = clock();
    app = testApp(t.db, { now: time.now, rateLimits: { signup: { perIp: 100 }, login: { perIp: 100 } } });
    await Accounts.signUp(t.db, { username: 'Sable', password: PASSWORD });
  });

  it('when the sign-up page is requested, then its form carries the CSRF token and asks for name and password', async () => {
    const client = new WebClient(app);
    const html = await (await client.get('/signup')).text();
    expect(html).toContain(`name="_csrf" value="${client.csrfToken}"`);
    expect(html).toContain('name="username"');
    expect(html).toContain('autocomplete="new-password"');
  });

  it('when someone signs up, then they are logged in with an HttpOnly, SameSite=Lax session cookie and see their name and a log-out form', async () => {
    const client = new WebClient(app);
    const res = await client.post('/signup', { username: 'Rowan', password: PASSWORD, next: '/about' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/about');
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('session='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    const html = await (await client.get('/')).text();
    expect(html).toContain('class="user new-user" href="/users/Rowan"');
    expect(html).toMatch(/<form method="post" action="\/logout" class="logout"><input type="hidden" name="_csrf"/);
  });

  it('when someone logs in or out, then the CSRF token is replaced, and a form carrying the earlier token is refused', async () => {
    const client = new WebClient(app);
    await signUp(client, 'Rotor');
    await client.post('/logout');
    const before = client.csrfToken!;
    const login = await client.post('/login', { username: 'Rotor', password: PASSWORD });
    expect(login.status).toBe(303);
    const after = client.csrfToken!;
    expect(after).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(after).not.toBe(before);
    const stale = await client.post('/logout', { _csrf: before }, { noCsrf: true });
    expect(stale.status).toBe(403);
    expect((await client.post('/logout')).status).toBe(303);
    expect(client.csrfToken).not.toBe(after);
  });

  it('when sign-up fails, then the form comes back with the message and the typed name, never the password', async () => {
    const client = new WebClient(app);
    const res = await client.post('/signup', { username: 'sable', password: 'another password 9' });
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain('That username is taken');
    expect(html).toContain('value="sable"');
    expect(html).not.toContain('another password 9');
    const weak = await client.post('/signup', { username: 'newbie', password: 'short' });
    expect(weak.status).toBe(422);
    expect(await weak.text()).toContain('at least 10 characters');
  });

  it('when a password is wrong, then login answers 401 beside the form with the name kept', async () => {
    const client = new WebClient(app);
    const res = await client.post('/login', { username: 'Sable', password: 'wrong password here' });
    expect(res.status).toBe(401);
    const html = await res.text();
    expect(html).toContain('Wrong username or password.');
    expect(html).toContain('value="Sable"');
    expect(client.cookies.has('session')).toBe(false);
  });

  it('when someone logs in, then the session token is rotated and the old one no longer works', async () => {
    const client = new WebClient(app);
    await client.post('/login', { username: 'sable', password: PASSWORD });
    const first = client.cookies.get('session')!;
    const res = await client.post('/login', { username: 'Sable', password: PASSWORD, next: '/stories/1' });
    expect(res.headers.get('location')).toBe('/stories/1');
    const second = client.cookies.get('session')!;
    expect(second).not.toBe(first);
    const stale = new WebClient(app);
    stale.cookies.set('session', first);
    expect(await (await stale.get('/')).text()).not.toContain('href="/users/Sable"');
    expect(stale.cookies.has('session')).toBe(false); // cleared
  });

  it('when "next" points off-site, then login goes home instead', async () => {
    const client = new WebClient(app);
    for (const next of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', 'javascript:alert(1)']) {
      const res = await client.post('/login', { username: 'Sable', password: PASSWORD, next });
      expect(res.headers.get('location')).toBe('/');
    }
  });

  it('when someone logs out, then the session ends on the server and the cookie is cleared', async () => {
    const client = new WebClient(app);
    await client.post('/login', { username: 'Sable', password: PASSWORD });
    const token = client.cookies.get('session')!;
    const res = await client.post('/logout');
    expect(res.status).toBe(303);
    expect(client.cookies.has('session')).toBe(false);
    const replay = new WebClient(app);
    replay.cookies.set('session', token);
    expect(await (await replay.get('/')).text()).toContain('href="/login');
    expect((await client.get('/logout')).status).toBe(404); // GET never logs out
  });

  it('when a session is older than SESSION_DAYS, then the visitor is anonymous again', async () => {
    const client = new WebClient(app);
    await client.post('/login', { username: 'Sable', password: PASSWORD });
    time.advance(29 * DAY);
    expect(await (await client.get('/')).text()).toContain('href="/users/Sable"');
    time.advance(2 * DAY);
    expect(await (await client.get('/')).text()).not.toContain('href="/users/Sable"');
  });

  it('when a state-changing form has no CSRF token or comes from another site, then it is refused with 403', async () => {
    const client = new WebClient(app);
    const forged = await client.post('/login', { username: 'Sable', password: PASSWORD }, { noCsrf: true });
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain('Your form expired or came from another site');
    const crossSite = await client.post(
      '/login',
      { username: 'Sable', password: PASSWORD },
      { headers: { origin: 'https://evil.example' } },
    );
    expect(crossSite.status).toBe(403);
    expect(client.cookies.has('session')).toBe(false);
  });

  it('when a profile is requested, then it shows the role and joining date; unknown names are 404', async () => {
    const client = new WebClient(app);
    const html = await (await client.get('/users/sable')).text();
    expect(html).toContain('<h1');
    expect(html).toContain('Sable');
    expect(html).toContain('Commenter');
    expect((await client.get('/users/nobody-here')).status).toBe(404);
  });

  it('when the body is larger than the limit, then the request is refused with 413', async () => {
    const client = new WebClient(app);
    const res = await client.post('/login', { username: 'x', password: 'y'.repeat(300 * 1024) });
    expect(res.status).toBe(413);
  });
});

describe('cookie security and rate limits', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase('pglite');
  });
  afterAll(() => t?.close());
  beforeEach(async () => {
    await emptyDatabase(t.db); // the rate buckets too
    await Accounts.create(t.db, { username: 'nate', password: PASSWORD, role: 'commenter' });
  });

  it('when SECURE_COOKIES is always, then the session cookie is Secure with the __Host- prefix', async () => {
    const app = testApp(t.db, { config: loadConfig({ DEMO_DATA: 'false', SECURE_COOKIES: 'always' }) });
    const client = new WebClient(app);
    const res = await client.post('/login', { username: 'nate', password: PASSWORD });
    expect(res.status).toBe(303);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('__Host-session='))!;
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/Path=\//);
  });

  it('when SECURE_COOKIES is auto and a proxy says HTTPS, then cookies are Secure', async () => {
    const app = testApp(t.db);
    const client = new WebClient(app);
    const res = await client.get('/login', { headers: { 'x-forwarded-proto': 'https' } });
    expect(res.headers.getSetCookie()[0]).toMatch(/^__Host-csrf=.*Secure/);
  });

  it('when one username is tried too often, then login answers 429 with Retry-After and a clear message, other names still work', async () => {
    const app = testApp(t.db, { rateLimits: { login: { perAccount: 3, perIp: 100 } } });
    const client = new WebClient(app);
    for (let i = 0; i < 3; i++)
      expect((await client.post('/login', { username: 'nate', password: 'wrong password!' })).status).toBe(401);
    const res = await client.post('/login', { username: 'NATE', password: PASSWORD });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    const html = await res.text();
    expect(html).toMatch(/Too many login attempts\. Try again in \d+ minutes/);
    expect(html).toContain('value="NATE"');
    expect((await client.post('/login', { username: 'other', password: 'wrong password!' })).status).toBe(401);
  });

  it('when one address signs up too often, then it gets 429 while another address can still sign up', async () => {
    const app = testApp(t.db, { rateLimits: { signup: { perIp: 2 } } });
    await signUp(new WebClient(app, { ip: '198.51.100.7' }), 'first1');
    await signUp(new WebClient(app, { ip: '198.51.100.7' }), 'second2');
    const refused = await new WebClient(app, { ip: '198.51.100.7' }).post('/signup', {
      username: 'third3',
      password: PASSWORD,
    });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBeTruthy();
    expect(await refused.text()).toContain('Too many new accounts from your network.');
    await signUp(new WebClient(app, { ip: '203.0.113.9' }), 'third3');
  });

  it('when TRUST_PROXY is on behind a proxy, then X-Forwarded-For tells visitors apart; when off, the proxy is one visitor', async () => {
    const proxied = (app: ReturnType<typeof testApp>, visitor: string, name: string) =>
      new WebClient(app, { ip: '10.0.0.2' }).post(
        '/signup',
        { username: name, password: PASSWORD },
        { headers: { 'X-Forwarded-For': visitor } },
      );
    const trusting = testApp(t.db, {
      config: { ...loadConfig({ DEMO_DATA: 'false', TRUST_PROXY: 'true' }) },
      rateLimits: { signup: { perIp: 1 } },
    });
    expect((await proxied(trusting, '198.51.100.20', 'proxyone')).status).toBe(303);
    expect((await proxied(trusting, '198.51.100.21', 'proxytwo')).status).toBe(303);
    const naive = testApp(t.db, { rateLimits: { signup: { perIp: 1 } } });
    expect((await proxied(naive, '198.51.100.22', 'proxythree')).status).toBe(303);
    expect((await proxied(naive, '198.51.100.23', 'proxyfour')).status).toBe(429);
  });
});
