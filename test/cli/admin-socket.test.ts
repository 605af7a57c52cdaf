import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveOptions } from '../../src/cli.ts';
import { adminSocketPath } from '../../src/cli-socket.ts';
import { loadConfig } from '../../src/config.ts';
import { silentLogger } from '../../src/log.ts';
import { startServer, type Running } from '../../src/main.ts';
import { BIN, childEnv, repoRoot, runBin } from '../support/cli.ts';
import { rssFeed, testItems } from '../support/feed-xml.ts';
import { startTestServer, type TestServer } from '../support/http-server.ts';

const PASSWORD = 'battery staple horse 42';

/**
 * `npm start` holds the embedded database; the CLI, in another process, hands the common commands
 * to it over the admin socket in DATA_DIR. The site runs in this process, the CLI as real children
 * (started without waiting on them, since the site answers from this process's event loop).
 */
describe('the CLI while the site runs on the embedded database', () => {
  let site: Running;
  let feeds: TestServer;
  let dataDir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'crosscheck-admin-'));
    feeds = await startTestServer({
      '/feed.xml': (_req, res) => void res.end(rssFeed({ title: 'Local desk', items: testItems('local', 3) })),
    });
    env = { DATA_DIR: dataDir, ALLOWED_PRIVATE_HOSTS: '127.0.0.1', LOG_LEVEL: 'silent' };
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DEMO_DATA: 'false',
      POOL_SIZE: '0',
      SCHEDULER_TICK_SECONDS: '3600',
      ...env,
    });
    site = await startServer(config, silentLogger, serveOptions(config, silentLogger));
    site.url = site.url.replace('localhost', '127.0.0.1');
  }, 120_000);
  /** The status of a log-in form post on the site (303 when it worked). */
  const logIn = async (username: string, password: string) => {
    const form = await fetch(`${site.url}/login`);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1];
    const cookie = form.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const body = new URLSearchParams({ username, password, _csrf: csrf });
    return (
      await fetch(`${site.url}/login`, {
        method: 'POST',
        body,
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        redirect: 'manual',
      })
    ).status;
  };
  afterAll(async () => {
    await site?.close();
    await feeds?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('when feeds and users are added from another process, then the site runs the commands and serves the results', async () => {
    const socket = adminSocketPath(dataDir);
    expect(statSync(socket).mode & 0o777).toBe(0o600);
    const passwordFile = join(dataDir, 'password.txt');
    await writeFile(passwordFile, `${PASSWORD}\n`);
    const [added, user] = await Promise.all([
      runBin(['feeds', 'add', `${feeds.url}/feed.xml`, '--title', 'Local desk'], env),
      // A file named relative to where the command was typed.
      runBin(['users', 'add', 'Ada', '--role', 'moderator', '--password-file', relative(repoRoot, passwordFile)], env),
    ]);
    expect(added).toMatchObject({ code: 0, stdout: `Added feed #1: ${feeds.url}/feed.xml\n` });
    expect(user).toMatchObject({ code: 0, stdout: 'Added moderator Ada (#1).\n' });

    const [listed, ingested, users] = await Promise.all([
      runBin(['feeds', 'list', '--json'], env),
      runBin(['ingest', '--once', '--json'], env),
      runBin(['users', 'list'], env),
    ]);
    expect(JSON.parse(listed.stdout).map((f: { url: string }) => f.url)).toEqual([`${feeds.url}/feed.xml`]);
    expect(ingested.code).toBe(0);
    expect(JSON.parse(ingested.stdout)).toMatchObject({ feeds: 1, fetched: 1, newItems: 3, errors: [] });
    expect(users.stdout).toContain('Ada');

    // An OPML file named relative to where the command was typed.
    const opml = join(dataDir, 'more.opml');
    await writeFile(
      opml,
      `<?xml version="1.0"?><opml version="2.0"><body><outline type="rss" text="More" xmlUrl="${feeds.url}/more.xml"/></body></opml>`,
    );
    expect(await runBin(['feeds', 'import', relative(repoRoot, opml)], env)).toMatchObject({
      code: 0,
      stdout: 'Imported 1 of 1 feeds.\n',
    });

    // The site shows what the commands did, and the new moderator can log in there.
    const sources = await (await fetch(`${site.url}/feeds`)).text();
    expect(sources).toContain('Local desk');
    expect(sources).toContain('>More</a>');
    expect(await logIn('Ada', PASSWORD)).toBe(303);
  }, 180_000);

  it('when a password is piped to users add, then the site gets it and the account can log in', async () => {
    const child = spawn(process.execPath, [BIN, 'users', 'add', 'Bo'], {
      cwd: repoRoot,
      env: childEnv(env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    child.stdin.end(`${PASSWORD}\n`);
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const code = await new Promise((done) => child.once('close', done));
    expect({ code, stdout }).toEqual({ code: 0, stdout: expect.stringMatching(/^Added commenter Bo \(#\d+\)\.\n$/) });
    expect(await logIn('Bo', PASSWORD)).toBe(303);
    expect(await logIn('Bo', 'not the password at all')).not.toBe(303);
  }, 180_000);

  it('when a command fails in the site, then the CLI prints its message and exit code; other commands say to stop the site or use DATABASE_URL', async () => {
    const [unknownUser, noFeed, migrate] = await Promise.all([
      runBin(['users', 'role', 'nobody', 'admin'], env),
      runBin(['feeds', 'enable', '999'], env),
      runBin(['migrate'], env),
    ]);
    expect(unknownUser).toMatchObject({ code: 1, stderr: 'crosscheck: no user nobody\n' });
    // As when the CLI runs it itself: a usage error, exit 2, with the usage.
    expect(noFeed.code).toBe(2);
    expect(noFeed.stderr).toMatch(/^crosscheck: No feed 999\n\nCrosscheck .*\n\nUsage:\n/);
    expect(migrate.code).toBe(1);
    expect(migrate.stderr).toContain('stop it first (Ctrl-C in its terminal');
    expect(migrate.stderr).toContain('or set DATABASE_URL to a PostgreSQL server');
  }, 180_000);

  it('when the site stops, then its socket is gone and the CLI opens the database itself', async () => {
    await site.close();
    expect(existsSync(adminSocketPath(dataDir))).toBe(false);
    const listed = await runBin(['feeds', 'list'], env);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(`${feeds.url}/feed.xml`);
  }, 180_000);
});
