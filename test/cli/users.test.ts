import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Accounts from '../../src/accounts/accounts.ts';
import { runUsersCli } from '../../src/accounts/cli.ts';
import type { CliIo } from '../../src/cli-io.ts';
import { UsageError } from '../../src/cli-io.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';

function io(stdinText = '') {
  const out = { stdout: '', stderr: '' };
  const sink = (key: 'stdout' | 'stderr') =>
    new Writable({
      write(chunk, _e, done) {
        out[key] += chunk.toString();
        done();
      },
    });
  const streams: CliIo = {
    stdin: Readable.from(stdinText ? [stdinText] : []),
    stdout: sink('stdout'),
    stderr: sink('stderr'),
    env: {},
  };
  return { streams, out };
}

describe('crosscheck users', () => {
  let t: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    t = await openTestDatabase('pglite');
    dir = await mkdtemp(join(tmpdir(), 'crosscheck-users-'));
  });
  afterAll(async () => {
    await t?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('when a moderator is added with a password file, then the account exists with that role and the file’s trailing newline is not part of the password', async () => {
    const file = join(dir, 'pw');
    await writeFile(file, 'moderation is hard work\n');
    const { streams, out } = io();
    expect(await runUsersCli(t.db, ['add', 'Mira', '--role', 'moderator', '--password-file', file], streams)).toBe(0);
    expect(out.stdout).toMatch(/Added moderator Mira/);
    expect((await Accounts.authenticate(t.db, 'mira', 'moderation is hard work'))?.role).toBe('moderator');
  });

  it('when no file is given, then the password is read from stdin after a prompt', async () => {
    const { streams, out } = io('typed on stdin 123\n');
    expect(await runUsersCli(t.db, ['add', 'Ada', '--role', 'admin'], streams)).toBe(0);
    expect(out.stderr).toContain('Password: ');
    expect((await Accounts.authenticate(t.db, 'Ada', 'typed on stdin 123'))?.role).toBe('admin');
  });

  it('when the password is weak or the role unknown, then nothing is created', async () => {
    const weak = io('short\n');
    expect(await runUsersCli(t.db, ['add', 'Weakling'], weak.streams)).toBe(1);
    expect(weak.out.stderr).toMatch(/at least 10/);
    await expect(
      runUsersCli(t.db, ['add', 'Boss', '--role', 'king'], io('long enough password\n').streams),
    ).rejects.toBeInstanceOf(UsageError);
    expect(await Accounts.byUsername(t.db, 'Weakling')).toBeUndefined();
    expect(await Accounts.byUsername(t.db, 'Boss')).toBeUndefined();
  });

  it('when a role is changed, then it is stored, and list --json shows every account', async () => {
    expect(await runUsersCli(t.db, ['role', 'ada', 'commenter'], io().streams)).toBe(0);
    const { streams, out } = io();
    expect(await runUsersCli(t.db, ['list', '--json'], streams)).toBe(0);
    const listed = JSON.parse(out.stdout) as { username: string; role: string; canLogIn: boolean }[];
    expect(listed.map((u) => [u.username, u.role, u.canLogIn])).toEqual([
      ['Mira', 'moderator', true],
      ['Ada', 'commenter', true],
    ]);
  });
});
