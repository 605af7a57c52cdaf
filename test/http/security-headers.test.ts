import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { securityHeaders } from '../../src/web/http/security-headers.ts';

function makeApp(options?: Parameters<typeof securityHeaders>[0]) {
  const app = new Hono();
  app.use('*', securityHeaders(options));
  app.get('/', (c) => c.html('<p>hi</p>'));
  app.get('/boom', () => {
    throw new Error('boom');
  });
  app.get('/own', (c) => {
    c.header('Content-Security-Policy', "default-src 'none'");
    return c.text('custom');
  });
  app.onError((_err, c) => c.text('error', 500));
  return app;
}

describe('securityHeaders', () => {
  it('when a page is served, then the CSP allows only our own scripts and styles', async () => {
    const res = await makeApp().request('/');
    const csp = res.headers.get('content-security-policy') ?? '';
    for (const directive of [
      "default-src 'self'",
      "img-src 'self' https: data:",
      "style-src 'self'",
      "script-src 'self'",
      "frame-ancestors 'none'",
      "form-action 'self'",
      "base-uri 'none'",
    ])
      expect(csp).toContain(directive);
    expect(csp).not.toMatch(/unsafe-(inline|eval)/);
  });

  it('when a page is served, then the other hardening headers are present', async () => {
    const res = await makeApp().request('/');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('permissions-policy')).toContain('camera=()');
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });

  it('when a handler throws or nothing matches, then the error responses carry the headers too', async () => {
    const app = makeApp();
    for (const path of ['/boom', '/missing']) {
      expect((await app.request(path)).headers.get('x-frame-options')).toBe('DENY');
    }
  });

  it('when a route sets its own CSP, then it is kept', async () => {
    const res = await makeApp().request('/own');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'");
  });

  it('when HSTS is enabled, then Strict-Transport-Security is sent', async () => {
    const res = await makeApp({ hsts: true }).request('/');
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=31536000/);
  });
});
