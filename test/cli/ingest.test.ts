import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, cliDatabase, type CliDatabase, type Env } from '../support/cli.ts';
import { drivers } from '../support/db.ts';
import { conditionalFeed, rssFeed, testItems } from '../support/feed-xml.ts';
import { respond, startTestServer, type TestServer } from '../support/http-server.ts';

const SUMMARY_KEYS = ['errors', 'feeds', 'fetched', 'newItems', 'notModified', 'updatedItems'];

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    '/good.xml': conditionalFeed(() => ({
      etag: '"g1"',
      body: rssFeed({ title: 'Good', items: testItems('good', 4) }),
    })),
    '/broken.xml': respond(500, { 'Content-Type': 'text/plain' }, 'oops'),
  });
});
afterAll(() => server?.close());

describe.each(drivers)('crosscheck ingest on %s', (driver) => {
  let database: CliDatabase;
  let env: Env;
  beforeAll(async () => {
    database = await cliDatabase(driver);
    // LOG_LEVEL=info: the log lines go to stderr and must never mix into the JSON on stdout.
    env = { ...database.env, LOG_LEVEL: 'info', ALLOWED_PRIVATE_HOSTS: '127.0.0.1', FETCH_TIMEOUT_MS: '2000' };
    for (const path of ['/good.xml', '/broken.xml'])
      expect((await cli(['feeds', 'add', `${server.url}${path}`], env)).code).toBe(0);
  });
  afterAll(() => database?.close());

  const ingestJson = async (...extra: string[]) => {
    const run = await cli(['ingest', '--once', '--json', ...extra], env);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe('');
    const summary = JSON.parse(lines[0]);
    expect(Object.keys(summary).sort()).toEqual(SUMMARY_KEYS);
    return { summary, stderr: run.stderr };
  };

  it('when ingest --once --json runs, then it prints exactly one JSON summary with the failures listed and exits 0', async () => {
    const { summary, stderr } = await ingestJson();
    expect(summary).toEqual({
      feeds: 2,
      fetched: 1,
      notModified: 0,
      newItems: 4,
      updatedItems: 0,
      errors: [{ feed: `${server.url}/broken.xml`, error: 'HTTP 500 Internal Server Error' }],
    });
    expect(stderr).toContain('feed refresh failed');
  });

  it('when nothing is due, then ingest --once polls nothing, and --all polls every feed again', async () => {
    expect((await ingestJson()).summary).toMatchObject({ feeds: 0, fetched: 0, errors: [] });
    const { summary } = await ingestJson('--all');
    expect(summary).toMatchObject({ feeds: 2, fetched: 0, notModified: 1, newItems: 0 });
    expect(summary.errors).toHaveLength(1);
  });

  it('when ingest --once runs without --json, then it prints a short human summary naming the failures', async () => {
    const run = await cli(['ingest', '--once', '--all'], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      'Polled 2 feeds: 0 fetched, 1 not modified, 1 failed.\n' +
        '0 new items, 0 updated.\n' +
        `  ✗ ${server.url}/broken.xml: HTTP 500 Internal Server Error\n`,
    );
  });

  it('when ingest is given an unknown flag, an argument, or --json/--all without --once, then it exits 2 instead of polling', async () => {
    const cases: [string[], string][] = [
      [['ingest', '--once', '--yes'], "Unknown option '--yes'"],
      [['ingest', '--once', 'now'], 'Unexpected argument: now'],
      [['ingest', '--json'], 'ingest --json needs --once'],
      [['ingest', '--all'], 'ingest --all needs --once'],
    ];
    for (const [args, reason] of cases) {
      const run = await cli(args, env);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.split('\n')[0]).toContain(`crosscheck: ${reason}`);
    }
  });
});

describe.each(drivers)('crosscheck ingest after a crash on %s', (driver) => {
  let database: CliDatabase;
  let env: Env;
  beforeAll(async () => {
    database = await cliDatabase(driver);
    env = { ...database.env, LOG_LEVEL: 'warn', ALLOWED_PRIVATE_HOSTS: '127.0.0.1', FETCH_TIMEOUT_MS: '2000' };
  });
  afterAll(() => database?.close());

  /** What a process killed mid-poll leaves behind: its lease on the feed row. */
  const setLease = async (url: string, until: Date) => {
    const handle = await database.open();
    try {
      await handle.db.execute(
        sql`UPDATE feeds SET lease_owner = 'crashed-host:4242:deadbeef', lease_until = ${until.toISOString()}::timestamptz WHERE url = ${url}`,
      );
    } finally {
      await handle.close(); // PGlite: one process at a time on the data directory
    }
  };

  it("when a killed process's lease blocks a feed, then ingest --once and feeds list say until when, and after it the feed is polled", async () => {
    const url = `${server.url}/good.xml`;
    expect((await cli(['feeds', 'add', url], env)).code).toBe(0);
    const until = new Date(Date.now() + 15 * 60_000);
    until.setUTCMilliseconds(0);
    const shown = until.toISOString().replace('.000Z', 'Z');
    await setLease(url, until);

    const json = await cli(['ingest', '--once', '--json'], env);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({
      feeds: 0,
      fetched: 0,
      notModified: 0,
      newItems: 0,
      updatedItems: 0,
      errors: [],
      leased: 1,
      leasedUntil: until.toISOString(),
    });

    const text = await cli(['ingest', '--once'], env);
    expect(text).toMatchObject({ code: 0, stderr: '' });
    expect(text.stdout.split('\n')).toContain(
      `1 feed is leased by another process until ${shown}, so it was not polled (a killed process's lease expires then).`,
    );

    expect((await cli(['feeds', 'list'], env)).stdout).toBe(`#1\tleased until ${shown}\t${url}\t\n`);
    const [listed] = JSON.parse((await cli(['feeds', 'list', '--json'], env)).stdout);
    expect(listed).toMatchObject({ status: `leased until ${shown}`, leasedUntil: until.toISOString() });
    expect(listed).not.toHaveProperty('leaseOwner');

    await setLease(url, new Date(Date.now() - 1000));
    const after = await cli(['ingest', '--once', '--json'], env);
    const summary = JSON.parse(after.stdout);
    expect(Object.keys(summary).sort()).toEqual(SUMMARY_KEYS);
    expect(summary).toMatchObject({ feeds: 1, fetched: 1, newItems: 4 });
    expect((await cli(['feeds', 'list'], env)).stdout).toBe(`#1\tok\t${url}\tGood\n`);
  });
});
