import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { isQueryCanceled, openDatabase, type Database } from '../../src/db/client.ts';
import { queryRows } from '../../src/db/sql.ts';
import { testApp } from '../support/app.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';

// PostgreSQL only: PGlite runs one statement at a time in this process and cannot cancel it.
describe.skipIf(!process.env.TEST_DATABASE_URL)('web statement timeout on postgres', () => {
  let t: TestDatabase;
  let web: Database;
  beforeAll(async () => {
    t = await openTestDatabase('postgres');
    web = await openDatabase({
      databaseUrl: t.url,
      maxConnections: 2,
      session: { statementTimeoutMs: 300, maxParallelWorkersPerGather: 0 },
    });
  });
  afterAll(async () => {
    await web?.close();
    await t?.close();
  });

  it('when the web pool connects, then its sessions carry the timeout and no parallel workers', async () => {
    const [row] = await queryRows<{ timeout: string; workers: string }>(
      web.db,
      sql`select current_setting('statement_timeout') as timeout, current_setting('max_parallel_workers_per_gather') as workers`,
    );
    expect(row).toEqual({ timeout: '300ms', workers: '0' });
    const [other] = await queryRows<{ timeout: string }>(
      t.db,
      sql`select current_setting('statement_timeout') as timeout`,
    );
    expect(other.timeout).toBe('0'); // the background pool (scheduler, enrichment) is not limited
  });

  it('when a web statement runs past the timeout, then the database cancels it with an error that says so', async () => {
    const err = await queryRows(web.db, sql`select pg_sleep(5)`).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isQueryCanceled(err)).toBe(true);
    expect(String((err as Error).cause ?? err)).toMatch(/statement timeout/);
    expect(await queryRows(web.db, sql`select 1 as one`)).toEqual([{ one: 1 }]); // the pool still works
  });

  it('when a page waits past the timeout, then it answers 503 with Retry-After instead of hanging, and 200 again afterwards', async () => {
    const app = testApp(web.db, { config: loadConfig({ DEMO_DATA: 'false', WEB_STATEMENT_TIMEOUT_MS: '300' }) });
    const locker = postgres(t.url!, { max: 1, onnotice: () => {} });
    try {
      await locker.begin(async (tx) => {
        await tx`LOCK TABLE stories IN ACCESS EXCLUSIVE MODE`; // every front-page query now waits
        const res = await app.request('/');
        expect(res.status).toBe(503);
        expect(res.headers.get('retry-after')).toBe('5');
        expect(await res.text()).toContain('The site is busy');
      });
    } finally {
      await locker.end();
    }
    expect((await app.request('/')).status).toBe(200);
  });
});
