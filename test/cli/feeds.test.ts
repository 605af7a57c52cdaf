import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, cliDatabases, type CliDatabase, type Env } from '../support/cli.ts';
import { drivers } from '../support/db.ts';

const OPML = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>AI sources</title></head>
  <body>
    <outline text="Labs">
      <outline type="rss" text="Lab notes" title="Lab notes" xmlUrl="https://lab.example/feed.xml" htmlUrl="https://lab.example/"/>
      <outline type="rss" text="Chips &amp; capex" xmlUrl="https://chips.example/rss"/>
    </outline>
    <outline type="rss" text="Inference prices" xmlUrl="https://prices.example/atom.xml"/>
  </body>
</opml>`;

type ListedFeed = { feedId: number; url: string; title: string; status: string; disabledAt: string | null };

describe.each(drivers)('crosscheck feeds on %s', (driver) => {
  let database: CliDatabase;
  let fresh: CliDatabase;
  let env: Env;
  let dir: string;
  beforeAll(async () => {
    [database, fresh] = await cliDatabases(driver, 2);
    env = { ...database.env, LOG_LEVEL: 'warn' };
    dir = await mkdtemp(join(tmpdir(), 'crosscheck-opml-'));
  });
  afterAll(async () => {
    await database?.close();
    await fresh?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const list = async (e = env): Promise<ListedFeed[]> => {
    const run = await cli(['feeds', 'list', '--json'], e);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    return JSON.parse(run.stdout) as ListedFeed[];
  };

  it('when a feed is added with a title, then feeds list --json prints it as valid JSON without lease internals', async () => {
    const added = await cli(['feeds', 'add', 'https://news.example/feed.xml#top', '--title', 'AI News'], env);
    expect(added).toMatchObject({ code: 0, stdout: 'Added feed #1: https://news.example/feed.xml\n' });
    expect((await cli(['feeds', 'add', 'https://news.example/feed.xml'], env)).code).toBe(0);

    const feeds = await list();
    expect(feeds).toHaveLength(1);
    expect(feeds[0]).toMatchObject({
      feedId: 1,
      url: 'https://news.example/feed.xml',
      title: 'AI News',
      status: 'new',
      lastError: null,
    });
    expect(feeds[0]).not.toHaveProperty('leaseOwner');
    expect(feeds[0]).not.toHaveProperty('leaseUntil');

    const text = await cli(['feeds', 'list'], env);
    expect(text.stdout).toBe('#1\tnew\thttps://news.example/feed.xml\tAI News\n');
  });

  it('when a feed is disabled and enabled by id or URL, then its status follows', async () => {
    const disabled = await cli(['feeds', 'disable', 'https://news.example/feed.xml'], env);
    expect(disabled).toMatchObject({ code: 0, stdout: 'Feed #1 disabled.\n' });
    expect((await list())[0]).toMatchObject({ status: 'disabled', disabledReason: 'Disabled by an operator' });
    const enabled = await cli(['feeds', 'enable', '1'], env);
    expect(enabled).toMatchObject({ code: 0, stdout: 'Feed #1 enabled.\n' });
    expect((await list())[0]).toMatchObject({ status: 'new', disabledAt: null });
  });

  it('when an OPML file is imported and exported, then the export imports into a fresh database as the same feeds', async () => {
    const file = join(dir, 'sources.opml');
    await writeFile(file, OPML);
    const imported = await cli(['feeds', 'import', file], env);
    expect(imported).toMatchObject({ code: 0, stdout: 'Imported 3 of 3 feeds.\n', stderr: '' });

    const exported = await cli(['feeds', 'export'], env);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/^<\?xml[^>]*\?>\s*<opml version="2.0">/);
    for (const url of [
      'https://lab.example/feed.xml',
      'https://chips.example/rss',
      'https://prices.example/atom.xml',
      'https://news.example/feed.xml',
    ]) {
      expect(exported.stdout).toContain(`xmlUrl="${url}"`);
    }
    expect(exported.stdout).toContain('Chips &amp; capex');

    const freshEnv = { ...fresh.env, LOG_LEVEL: 'warn' };
    const again = join(dir, 'exported.opml');
    await writeFile(again, exported.stdout);
    expect(await cli(['feeds', 'import', again], freshEnv)).toMatchObject({
      code: 0,
      stdout: 'Imported 4 of 4 feeds.\n',
    });
    const pick = (feeds: ListedFeed[]) =>
      feeds.map(({ url, title }) => ({ url, title })).sort((a, b) => a.url.localeCompare(b.url));
    const original = pick(await list());
    expect(original).toContainEqual({ url: 'https://chips.example/rss', title: 'Chips & capex' });
    expect(pick(await list(freshEnv))).toEqual(original);
    // A second export of the copy is the same document: the round trip is stable.
    expect((await cli(['feeds', 'export'], freshEnv)).stdout).toBe(exported.stdout);
  });

  it('when the file to import is missing or not OPML, then import exits 1 and says why', async () => {
    const notOpml = join(dir, 'feed.xml');
    await writeFile(notOpml, '<rss version="2.0"><channel/></rss>');
    expect(await cli(['feeds', 'import', notOpml], env)).toMatchObject({
      code: 1,
      stdout: '',
      stderr: 'crosscheck: Not an OPML file: the document has no <opml> root\n',
    });
    const missing = await cli(['feeds', 'import', join(dir, 'missing.opml')], env);
    expect(missing).toMatchObject({ code: 1, stdout: '' });
    expect(missing.stderr).toMatch(/^crosscheck: ENOENT: no such file or directory/);
  });

  it('when a feed id or URL is unknown, then enable and disable exit 2 naming it', async () => {
    for (const args of [
      ['feeds', 'enable', '999'],
      ['feeds', 'disable', 'https://unknown.example/feed'],
    ]) {
      const run = await cli(args, env);
      expect(run.code).toBe(2);
      expect(run.stderr.split('\n')[0]).toBe(`crosscheck: No feed ${args[2]}`);
      expect(run.stdout).toBe('');
    }
  });

  it('when a feeds command is used wrongly, then it exits 2 with the reason and the usage', async () => {
    const cases: [string[], string][] = [
      [['feeds'], 'feeds needs a command'],
      [['feeds', 'frobnicate'], 'Unknown feeds command: frobnicate'],
      [['feeds', 'add'], 'feeds add needs a URL'],
      [['feeds', 'add', 'https://a.example/', 'https://b.example/'], 'Unexpected argument: https://b.example/'],
      [['feeds', 'list', '--yaml'], "Unknown option '--yaml'"],
      [['feeds', 'import'], 'feeds import needs an OPML file'],
      [['feeds', 'enable'], 'feeds enable needs a feed id or URL'],
    ];
    for (const [args, reason] of cases) {
      const run = await cli(args, env);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr.split('\n')[0], args.join(' ')).toContain(`crosscheck: ${reason}`);
      expect(run.stderr).toContain('Usage:');
    }
  });

  it('when a URL already subscribed to is added again, then it says the feed exists and exits 0 without a second row', async () => {
    const first = await cli(['feeds', 'add', 'https://again.example/feed.xml'], env);
    const [, id] =
      /^Added feed #(\d+): https:\/\/again\.example\/feed\.xml\n$/.exec(first.stdout) ?? expect.fail(first.stdout);
    const again = await cli(['feeds', 'add', 'https://again.example/feed.xml#latest', '--title', 'Other'], env);
    expect(again).toMatchObject({
      code: 0,
      stdout: `Feed #${id} already exists: https://again.example/feed.xml\n`,
      stderr: '',
    });
    expect((await list()).filter((f) => f.url === 'https://again.example/feed.xml')).toHaveLength(1);
  });

  it('when a loopback or private address is added without ALLOWED_PRIVATE_HOSTS, then a warning names the variable at once', async () => {
    const cases: [string, string][] = [
      [
        'http://127.0.0.1:8080/feed.xml',
        '127.0.0.1 is a loopback address; set ALLOWED_PRIVATE_HOSTS=127.0.0.1 to allow it.',
      ],
      ['http://10.1.2.3/rss', '10.1.2.3 is a private address; set ALLOWED_PRIVATE_HOSTS=10.1.2.3 to allow it.'],
      ['http://[::1]/atom.xml', '::1 is a loopback address; set ALLOWED_PRIVATE_HOSTS=::1 to allow it.'],
      ['http://localhost:3000/feed', 'localhost is a loopback name; set ALLOWED_PRIVATE_HOSTS=localhost to allow it.'],
    ];
    for (const [url, why] of cases) {
      const run = await cli(['feeds', 'add', url], env);
      expect(run.code, url).toBe(0);
      expect(run.stdout, url).toMatch(/^Added feed #\d+: /);
      expect(run.stderr, url).toBe(`crosscheck: warning: polling ${new URL(url).href} will be refused: ${why}\n`);
    }
    expect((await cli(['feeds', 'add', 'https://public.example/feed.xml'], env)).stderr).toBe('');
  });

  it('when ALLOWED_PRIVATE_HOSTS covers the address, then adding it warns of nothing', async () => {
    for (const [url, allowed] of [
      ['http://127.0.0.1:8081/feed.xml', '127.0.0.1'],
      ['http://10.9.8.7/rss', '10.0.0.0/8'],
      ['http://localhost:3001/feed', '127.0.0.1'],
    ]) {
      expect(await cli(['feeds', 'add', url], { ...env, ALLOWED_PRIVATE_HOSTS: allowed })).toMatchObject({
        code: 0,
        stderr: '',
      });
    }
  });

  it('when a feed URL is not a URL, then add fails with exit 1 and says why', async () => {
    const run = await cli(['feeds', 'add', 'not a url'], env);
    expect(run).toMatchObject({ code: 1, stdout: '', stderr: 'crosscheck: Not a URL: "not a url"\n' });
  });
});
