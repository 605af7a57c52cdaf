import { serve, type ServerType } from '@hono/node-server';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.ts';
import { drivers, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { WebClient, seedStory } from '../support/web-client.ts';

describe.each(drivers)('hostile requests on %s', (driver) => {
  let t: TestDatabase;
  let app: ReturnType<typeof testApp>;
  let storyId: number;
  beforeAll(async () => {
    t = await openTestDatabase(driver);
    app = testApp(t.db);
    storyId = await seedStory(t.db, 'Capex is up 50%');
  });
  afterAll(() => t?.close());

  it.each([
    '/search?q=%00',
    '/search?q=capex%00',
    '/figures?subject=%00',
    '/users/%00',
    '/users/sable%00',
    '/feeds/1?before=%00',
    '/stories/%00',
    '/%00',
    '/static/app.css%00',
  ])(
    'when %s is requested (a NUL byte in the path or query), then it answers 400 with a message, not 500',
    async (path) => {
      const client = new WebClient(app);
      const res = await client.get(path);
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('This address contains a NUL character (%00)');
      const fragment = await client.get(path, { htmx: true });
      expect(fragment.status).toBe(400);
      expect(await fragment.text()).not.toContain('<html');
    },
  );

  it('when a form is posted to an address with a NUL byte, then it answers 400 too', async () => {
    const res = await new WebClient(app).post(`/stories/${storyId}/comments?x=%00`, { text: 'hello' });
    expect(res.status).toBe(400);
  });

  it('when a login form names a user with a NUL byte, then it is an ordinary failed login, not 500', async () => {
    const client = new WebClient(app);
    const wrong = await client.post('/login', { username: 'nobody', password: 'wrong password here' });
    const nul = await client.post('/login', { username: 'no\u0000body', password: 'wrong password here' });
    expect(nul.status).toBe(wrong.status);
    expect(nul.status).toBeLessThan(500);
  });

  it('when a query holds "%2500" (the text %00) or no NUL at all, then the page answers as usual', async () => {
    const client = new WebClient(app);
    expect((await client.get('/search?q=%2500')).status).toBe(200);
    expect((await client.get('/search?q=capex')).status).toBe(200);
  });

  it('when a body over the limit is posted, then the 413 says Connection: close', async () => {
    const res = await new WebClient(app).post('/login', { username: 'x', password: 'y'.repeat(300 * 1024) });
    expect(res.status).toBe(413);
    expect(res.headers.get('connection')).toBe('close');
    expect(await res.text()).toContain('That was too much text to send at once.');
  });

  describe('over a real socket', () => {
    let server: ServerType;
    let port: number;
    beforeAll(async () => {
      server = await new Promise<ServerType>((resolve) => {
        const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
      });
      port = (server.address() as AddressInfo).port;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('when a keep-alive client sends too large a body, then the server answers 413 with Connection: close and closes the connection', async () => {
      const socket = connect(port, '127.0.0.1');
      let received = '';
      socket.on('data', (d: Buffer) => (received += d.toString('latin1')));
      const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
      socket.on('error', () => {}); // the server may reset once it stops reading; the answer came first
      socket.write(
        'POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n' +
          `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${2 * 1024 * 1024}\r\n\r\n` +
          'username=x&password=',
      );
      await closed;
      expect(received).toMatch(/^HTTP\/1\.1 413 /);
      expect(received.split('\r\n\r\n')[0]).toMatch(/\r\nconnection: close\r\n/i);
    });
  });
});
