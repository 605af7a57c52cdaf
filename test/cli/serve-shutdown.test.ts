import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { cliDatabase, spawnBin, type CliDatabase, type Env } from '../support/cli.ts';
import { drivers } from '../support/db.ts';

const GRACE_SECONDS = 4;
/** The bound for a SIGTERM under load; the process is configured to give up well before it. */
const EXIT_BOUND_MS = 15_000;
/** Starting serve (migrations, demo data) on a busy two-core machine takes far longer than vitest's default. */
const TEST_TIMEOUT_MS = 120_000;

/** Starts the real `serve` on a free port and resolves with its URL once it listens. */
async function startServe(env: Env) {
  const serve = spawnBin(['serve'], {
    HOST: '127.0.0.1',
    PORT: '0',
    POOL_SIZE: '0',
    PARSE_THREADS: '0',
    LOG_LEVEL: 'info',
    SHUTDOWN_GRACE_SECONDS: String(GRACE_SECONDS),
    ...env,
  });
  let stderr = '';
  const url = await new Promise<string>((resolve, reject) => {
    serve.child.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString();
      const m = /^.*crosscheck is serving.*$/m.exec(stderr)?.[0].match(/(http:\/\/localhost:\d+)/); // a JSON log line
      if (m) resolve(m[1].replace('localhost', '127.0.0.1'));
    });
    void serve.done.then((run) => reject(new Error(`serve exited before listening: ${run.stderr}`)));
  });
  return { ...serve, url, stderr: () => stderr };
}

/** Keeps `connections` keep-alive clients requesting pages until stopped; counts the answers. */
function keepBusy(url: string, paths: string[], connections: number) {
  let answered = 0;
  let stopped = false;
  const loops = Array.from({ length: connections }, async (_, i) => {
    for (let n = i; !stopped; n++) {
      try {
        await (await fetch(`${url}${paths[n % paths.length]}`, { signal: AbortSignal.timeout(30_000) })).arrayBuffer();
        answered++;
      } catch {
        if (stopped) return;
        await new Promise((r) => setTimeout(r, 20)); // refused while shutting down: try again until told to stop
      }
    }
  });
  return {
    answered: () => answered,
    async stop() {
      stopped = true;
      await Promise.allSettled(loops);
    },
  };
}

const until = async (ok: () => boolean) => {
  while (!ok()) await new Promise((r) => setTimeout(r, 50));
};

describe.each(drivers)('serve stopping on SIGTERM on %s', (driver) => {
  const databases: CliDatabase[] = [];
  afterAll(async () => {
    for (const d of databases) await d.close();
  });

  it(
    'when SIGTERM arrives while readers keep it busy, then serve stops accepting and exits within the grace period',
    async () => {
      const database = await cliDatabase(driver);
      databases.push(database);
      const serve = await startServe({ ...database.env, DEMO_DATA: 'true' });
      const load = keepBusy(serve.url, ['/', '/search?q=nvidia%20capex', '/figures', '/healthz'], 20);
      try {
        await until(() => load.answered() >= 40);
        const sent = Date.now();
        serve.child.kill('SIGTERM');
        const run = await serve.done;
        const tookMs = Date.now() - sent;
        expect(tookMs).toBeLessThan(EXIT_BOUND_MS);
        expect(run.signal).toBeNull(); // it exited by itself
        expect(run.code).toBe(0); // and everything closed in time
        expect(serve.stderr()).toContain('shutting down');
        await expect(fetch(`${serve.url}/healthz`)).rejects.toThrow(); // nothing listens any more
      } finally {
        await load.stop();
        serve.child.kill('SIGKILL');
      }
    },
    TEST_TIMEOUT_MS,
  );

  it.skipIf(driver !== 'postgres')(
    'when requests wait on the database forever, then serve cuts them off and still exits within the bound, saying so',
    async () => {
      const database = await cliDatabase(driver);
      databases.push(database);
      // No statement timeout, and every story query waits on a lock this test holds: requests never finish.
      const serve = await startServe({ ...database.env, DEMO_DATA: 'false', WEB_STATEMENT_TIMEOUT_MS: '0' });
      const locker = postgres(database.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
      const load = keepBusy(serve.url, ['/'], 10);
      try {
        await locker.begin(async (tx) => {
          await tx`LOCK TABLE stories IN ACCESS EXCLUSIVE MODE`;
          // Until the readers' queries are queued behind the lock (a fixed wait was too short on a busy machine).
          for (let waited = 0; waited < 20_000; waited += 50) {
            const [{ n }] = await tx<{ n: number }[]>`
              SELECT count(*)::int AS n FROM pg_stat_activity
              WHERE wait_event_type = 'Lock' AND datname = current_database() AND pid <> pg_backend_pid()`;
            if (n > 0) break;
            await new Promise((r) => setTimeout(r, 50));
          }
          const sent = Date.now();
          serve.child.kill('SIGTERM');
          const run = await serve.done;
          expect(Date.now() - sent).toBeLessThan(EXIT_BOUND_MS);
          expect(run.signal).toBeNull();
          expect(run.code).toBe(1);
          expect(serve.stderr()).toContain('shutdown grace period passed');
        });
      } finally {
        await load.stop();
        serve.child.kill('SIGKILL');
        await locker.end({ timeout: 1 });
      }
    },
    TEST_TIMEOUT_MS,
  );
});
