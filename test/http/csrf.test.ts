import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { csrf, getCsrfToken } from '../../src/web/http/csrf.ts';
import { AppError } from '../../src/errors.ts';

function makeApp(secure = false) {
  const app = new Hono();
  app.use(csrf({ secure: () => secure }));
  app.get('/form', (c) => c.text(getCsrfToken(c)));
  app.post('/comment', async (c) => {
    const body = await c.req.parseBody();
    return c.text(`got ${String(body.text)}`);
  });
  app.onError((err, c) => {
    if (err instanceof AppError) return c.text(`${err.userMessage} token=${getCsrfToken(c)}`, err.status as 403);
    return c.text('boom', 500);
  });
  return app;
}

/** GETs the form page and returns the cookie header and the token the view would embed. */
async function session(app: Hono) {
  const res = await app.request('/form');
  const setCookie = res.headers.get('set-cookie') ?? '';
  return { cookie: setCookie.split(';')[0], token: await res.text(), setCookie };
}

function form(fields: Record<string, string>) {
  return new URLSearchParams(fields).toString();
}

const FORM = 'application/x-www-form-urlencoded';

describe('csrf', () => {
  it('when a page is fetched, then an HttpOnly Lax cookie carries the same token the view gets', async () => {
    const { setCookie, token, cookie } = await session(makeApp());
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cookie).toBe(`csrf=${token}`);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).toMatch(/Path=\//);
    expect(setCookie).not.toMatch(/Secure/);
  });

  it('when secure, then the cookie is Secure with the __Host- prefix', async () => {
    const { setCookie } = await session(makeApp(true));
    expect(setCookie).toMatch(/^__Host-csrf=/);
    expect(setCookie).toMatch(/Secure/);
  });

  it('when the cookie already exists, then it is reused and not set again', async () => {
    const app = makeApp();
    const { cookie, token } = await session(app);
    const res = await app.request('/form', { headers: { cookie } });
    expect(await res.text()).toBe(token);
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('when a form posts the token, then it passes and the handler still reads the form', async () => {
    const app = makeApp();
    const { cookie, token } = await session(app);
    const res = await app.request('/comment', {
      method: 'POST',
      headers: { cookie, 'content-type': FORM },
      body: form({ _csrf: token, text: 'hello' }),
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('got hello');
  });

  it('when a multipart form posts the token, then it passes and the handler reads the fields', async () => {
    const app = makeApp();
    const { cookie, token } = await session(app);
    const body = new FormData();
    body.set('_csrf', token);
    body.set('text', 'multi');
    const res = await app.request('/comment', { method: 'POST', headers: { cookie }, body });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('got multi');
  });

  it('when htmx sends the token in X-CSRF-Token, then it passes', async () => {
    const app = makeApp();
    const { cookie, token } = await session(app);
    const res = await app.request('/comment', {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': token, 'content-type': FORM },
      body: form({ text: 'hx' }),
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('got hx');
  });

  it('when the token is missing, forged or the cookie absent, then the answer is 403 with the user message', async () => {
    const app = makeApp();
    const { cookie, token } = await session(app);
    const forged = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    const attempts: RequestInit[] = [
      { method: 'POST', headers: { cookie, 'content-type': FORM }, body: form({ text: 'x' }) },
      { method: 'POST', headers: { cookie, 'content-type': FORM }, body: form({ _csrf: forged }) },
      { method: 'POST', headers: { cookie, 'x-csrf-token': 'short' } },
      { method: 'POST', headers: { 'content-type': FORM }, body: form({ _csrf: token }) },
      { method: 'DELETE', headers: { cookie } },
    ];
    for (const init of attempts) {
      const res = await app.request('/comment', init);
      expect(res.status).toBe(403);
      expect(await res.text()).toMatch(/Reload the page/);
    }
  });

  it('when the cookie had expired, then the 403 page sets a fresh cookie whose token it can embed', async () => {
    const res = await makeApp().request('/comment', { method: 'POST', headers: { 'x-csrf-token': 'stale' } });
    expect(res.status).toBe(403);
    const cookieToken = res.headers.get('set-cookie')?.match(/^csrf=([^;]+)/)?.[1];
    expect(cookieToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await res.text()).toContain(`token=${cookieToken}`);
  });

  it('when Origin names another site, then the answer is 403 even with a valid token', async () => {
    const app = makeApp();
    const { cookie, token } = await session(app);
    for (const origin of ['https://evil.example', 'null', 'http://localhost:8080']) {
      const res = await app.request('/comment', {
        method: 'POST',
        headers: { cookie, origin, 'x-csrf-token': token },
      });
      expect(res.status).toBe(403);
    }
  });

  it('when Origin matches the Host, then the request passes', async () => {
    const app = makeApp();
    const { cookie, token } = await session(app);
    const res = await app.request('http://crosscheck.test/comment', {
      method: 'POST',
      headers: { cookie, host: 'crosscheck.test', origin: 'https://crosscheck.test', 'x-csrf-token': token },
    });
    expect(res.status).toBe(200);
  });

  it('when a route lacks the middleware, then getCsrfToken throws', async () => {
    const app = new Hono();
    app.get('/', (c) => c.text(getCsrfToken(c)));
    app.onError((err, c) => c.text(err instanceof AppError ? err.code : 'other', 500));
    expect(await (await app.request('/')).text()).toBe('csrf_not_installed');
  });
});
