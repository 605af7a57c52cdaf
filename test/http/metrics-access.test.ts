import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { testApp } from '../support/app.ts';
import { drivers, openTestDatabase, type TestDatabase } from '../support/db.ts';

const TOKEN = 'scrape-me-0123456789abcdef';

describe.each(drivers)('/metrics access on %s', (driver) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(driver);
  });
  afterAll(() => t?.close());

  const appWith = (env: Record<string, string> = {}) =>
    testApp(t.db, { config: loadConfig({ DEMO_DATA: 'false', ...env }) });
  /** As @hono/node-server calls the app: the socket's address in the bindings; none at all when ip is undefined. */
  const metrics = (app: ReturnType<typeof testApp>, ip: string | undefined, headers: Record<string, string> = {}) =>
    app.request(
      '/metrics',
      { headers },
      ip === undefined ? undefined : { incoming: { socket: { remoteAddress: ip } } },
    );

  it('when a loopback client asks, then it gets the metrics', async () => {
    const app = appWith();
    for (const ip of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1']) {
      const res = await metrics(app, ip);
      expect(res.status, ip).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/plain');
      expect(await res.text()).toContain('# TYPE crosscheck_feeds gauge');
    }
  });

  it('when any other client asks without a token, then it gets 403 and no metrics', async () => {
    const app = appWith();
    for (const ip of ['192.0.2.1', '10.0.0.5', '2001:db8::1', undefined]) {
      const res = await metrics(app, ip, { authorization: `Bearer ${TOKEN}` }); // no METRICS_TOKEN set: no token opens it
      expect(res.status, String(ip)).toBe(403);
      const html = await res.text();
      expect(html).toContain('Metrics are served only to this machine');
      expect(html).not.toContain('crosscheck_feeds');
    }
  });

  it('when METRICS_TOKEN is set, then a remote client with that bearer token gets the metrics, and a wrong or missing one 403', async () => {
    const app = appWith({ METRICS_TOKEN: TOKEN });
    expect((await metrics(app, '203.0.113.9', { authorization: `Bearer ${TOKEN}` })).status).toBe(200);
    expect((await metrics(app, '203.0.113.9', { authorization: `bearer ${TOKEN}` })).status).toBe(200);
    expect((await metrics(app, '203.0.113.9', { authorization: `Bearer ${TOKEN}x` })).status).toBe(403);
    expect((await metrics(app, '203.0.113.9', { authorization: `Basic ${btoa(`metrics:${TOKEN}`)}` })).status).toBe(
      403,
    );
    expect((await metrics(app, '203.0.113.9')).status).toBe(403);
    expect((await metrics(app, '127.0.0.1')).status).toBe(200); // loopback still needs none
  });

  it('when TRUST_PROXY is on, then the forwarded address decides: a local proxy relaying a remote client gets 403', async () => {
    const app = appWith({ TRUST_PROXY: 'true' });
    expect((await metrics(app, '127.0.0.1', { 'x-forwarded-for': '203.0.113.9' })).status).toBe(403);
    expect((await metrics(app, '127.0.0.1', { 'x-forwarded-for': '203.0.113.9, 127.0.0.1' })).status).toBe(200);
    expect((await metrics(app, '127.0.0.1')).status).toBe(200);
  });
});
