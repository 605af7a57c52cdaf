import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configMarkdownTable } from '../../src/config.ts';
import { cli, runBin } from '../support/cli.ts';

describe('crosscheck command line', () => {
  it('when config --markdown runs, then it prints the environment table the README embeds', async () => {
    const run = await cli(['config', '--markdown'], {});
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toBe(`${configMarkdownTable()}\n`);
    expect(run.stdout.split('\n')[0]).toBe('| variable | default | meaning |');
    expect(run.stdout).toContain('| `FEED_LEASE_SECONDS` | `300` |');
  });

  it('when config runs without flags, then it prints the parsed settings as JSON', async () => {
    const run = await cli(['config'], { PORT: '8080', DEMO_DATA: 'false' });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ PORT: 8080, DEMO_DATA: false, PER_HOST_CONCURRENCY: 2 });
  });

  it('when a setting is invalid, then any command exits 2 naming the variable', async () => {
    const run = await cli(['config'], { PORT: 'eighty', FETCH_CONCURRENCY: '0' });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^Invalid configuration:\n {2}PORT="eighty": .+\n {2}FETCH_CONCURRENCY="0": /);
  });

  it('when no command or an unknown one is given, then it exits 2 with the usage', async () => {
    const none = await cli([], {});
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^Crosscheck \d+\.\d+\.\d+: /);
    const unknown = await cli(['frobnicate'], {});
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^crosscheck: Unknown command: frobnicate\n\nCrosscheck .*\n\nUsage:/);
    const extra = await cli(['config', '--markdown', 'please'], {});
    expect(extra).toMatchObject({ code: 2, stdout: '' });
    expect(extra.stderr).toMatch(/^crosscheck: Unexpected argument: please/);
  });

  it('when the real bin runs with --help, then it prints the usage on stdout and exits 0', async () => {
    const run = await runBin(['--help'], {});
    expect(run).toMatchObject({ code: 0, signal: null, stderr: '' });
    expect(run.stdout).toMatch(/^Crosscheck \d+\.\d+\.\d+: follow AI-industry news/);
    for (const line of [
      'crosscheck feeds add URL [--title T]',
      'crosscheck ingest --once [--json] [--all]',
      'Exit codes: 0 success, 1 failure, 2 usage error.',
    ]) {
      expect(run.stdout).toContain(line);
    }
  });

  it('when the real bin gets an unknown command, then the process exits 2', async () => {
    const run = await runBin(['frobnicate'], { LOG_LEVEL: 'silent' });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^crosscheck: Unknown command: frobnicate/);
  });

  it('when serve cannot listen (port in use), then the process says so and exits 1 instead of hanging on its threads', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const dir = await mkdtemp(join(tmpdir(), 'crosscheck-port-'));
    try {
      const port = (blocker.address() as AddressInfo).port;
      const run = await runBin(['serve'], {
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dir,
        LOG_LEVEL: 'silent',
        PARSE_THREADS: '1',
        POOL_SIZE: '1',
      });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/EADDRINUSE/);
    } finally {
      blocker.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
