import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.ts';
import { testApp } from '../support/app.ts';
import { drivers, openTestDatabase, type TestDatabase } from '../support/db.ts';

describe.each(drivers)('request ids in responses and logs on %s', (driver) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(driver);
  });
  afterAll(() => t?.close());

  /** The real app logging JSON lines into an array, with a clock that fails so pages answer 500. */
  const failingApp = () => {
    const lines: string[] = [];
    const app = testApp(t.db, {
      log: createLogger('info', (l) => lines.push(l)),
      now: () => {
        throw new Error('clock stopped');
      },
    });
    return { app, logged: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
  };

  it('when a request fails, then its error line carries the request id sent back in X-Request-Id', async () => {
    const { app, logged } = failingApp();
    const res = await app.request('/');
    expect(res.status).toBe(500);
    const id = res.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const errors = logged().filter((l) => l.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ msg: 'request failed', requestId: id, path: '/', error: 'clock stopped' });
    expect(errors[0].time).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('when the client sends a well-formed X-Request-Id, then that id is used; a malformed one is replaced', async () => {
    const { app, logged } = failingApp();
    const given = await app.request('/', { headers: { 'X-Request-Id': 'proxy-abc123' } });
    expect(given.headers.get('x-request-id')).toBe('proxy-abc123');
    expect(logged().at(-1)).toMatchObject({ level: 'error', requestId: 'proxy-abc123' });
    const bad = await app.request('/', { headers: { 'X-Request-Id': 'a b"<c>' } });
    expect(bad.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect((await app.request('/healthz')).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
