import { describe, expect, it } from 'vitest';
import { cli, runBin } from '../support/cli.ts';

const COMMANDS = ['serve', 'worker', 'migrate', 'feeds', 'ingest', 'users', 'models', 'claims', 'config'];

describe('crosscheck COMMAND --help', () => {
  it.each(
    COMMANDS.flatMap((command) => [
      [command, '--help'],
      [command, '-h'],
    ]),
  )('when %s %s runs, then it prints its own usage on stdout and exits 0, starting nothing', async (command, flag) => {
    // A setting that would stop any real run: help must not need valid settings, a database or a port.
    const run = await cli([command, flag], { PORT: 'eighty' });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(new RegExp(`^Usage:\\ncrosscheck ${command}\\b`));
    expect(run.stdout).toContain('Exit codes: 0 success, 1 failure, 2 usage error.');
    const others = COMMANDS.filter((c) => c !== command);
    for (const other of others) expect(run.stdout).not.toContain(`crosscheck ${other} `);
  });

  it('when a subcommand asks for help, then only its own entry is shown; an unknown one shows the whole command', async () => {
    const add = await cli(['feeds', 'add', '--help'], {});
    expect(add.code).toBe(0);
    expect(add.stdout).toMatch(/^Usage:\ncrosscheck feeds add URL \[--title T\] +subscribe to a feed\n\nExit codes/);
    const users = await cli(['users', 'add', 'alice', '-h'], {});
    expect(users.stdout).toContain('crosscheck users add NAME [--role R] [--password-file F]\n');
    expect(users.stdout).toContain('create an account'); // the entry's indented second line comes along
    expect(users.stdout).not.toContain('users role');
    const unknown = await cli(['feeds', 'frobnicate', '--help'], {});
    expect(unknown.code).toBe(0);
    expect(unknown.stdout).toContain('crosscheck feeds add URL');
    expect(unknown.stdout).toContain('crosscheck feeds disable ID|URL');
  });

  it('when claims extract asks for help, then its options are explained', async () => {
    const run = await cli(['claims', 'extract', '--help'], {});
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('crosscheck claims extract [FILE|-] [--json] [--jsonl] [--kind K]');
    expect(run.stdout).toContain('--kind      how to read the text');
  });

  it('when help names a command, then that command’s usage is printed; an unknown one is a usage error', async () => {
    const run = await cli(['help', 'ingest'], {});
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage:\ncrosscheck ingest --once/);
    const unknown = await cli(['help', 'frobnicate'], {});
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^crosscheck: Unknown command: frobnicate\n/);
  });

  it('when "--help" comes after "--", then it is an argument, not a request for help', async () => {
    const run = await cli(['config', '--', '--help'], {});
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^crosscheck: Unexpected argument: --help/);
  });

  it('when the real bin runs worker --help, then the process prints the usage and exits 0 instead of starting a worker', async () => {
    const run = await runBin(['worker', '--help'], { LOG_LEVEL: 'silent' });
    expect(run).toMatchObject({ code: 0, signal: null, stderr: '' });
    expect(run.stdout).toMatch(/^Usage:\ncrosscheck worker /);
    expect(run.stdout).toContain('Needs DATABASE_URL');
  }, 30_000);
});
