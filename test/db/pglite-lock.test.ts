import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';

describe('the embedded database folder lock', () => {
  it('when a second process opens a DATA_DIR in use, then it fails with a clear message and the first is unharmed', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cc-lock-'));
    const first = await openDatabase({ dataDir });
    try {
      const second = spawnSync(process.execPath, ['src/bin/crosscheck.mjs', 'feeds', 'list'], {
        env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
        encoding: 'utf8',
      });
      expect(second.status).toBe(1);
      expect(second.stderr).toMatch(/Another Crosscheck process \(pid \d+\) is using the embedded database/);
      // It says exactly how to go on: stop the site and run the command again, or use PostgreSQL.
      expect(second.stderr).toContain(
        `stop it first (Ctrl-C in its terminal, or \`kill ${process.pid}\`), run this command, then start the site again`,
      );
      expect(second.stderr).toContain(
        'or set DATABASE_URL to a PostgreSQL server, which the site and the CLI can use at the same time.',
      );
      await first.migrate();
    } finally {
      await first.close();
    }
    expect(existsSync(join(dataDir, 'pg', 'crosscheck.lock'))).toBe(false);
  }, 120_000); // a second process starts the whole CLI (tsx) while the machine runs other tests

  it('when the lock was left by a process that died, then it is taken over', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cc-lock-'));
    const first = await openDatabase({ dataDir });
    await first.close();
    writeFileSync(join(dataDir, 'pg', 'crosscheck.lock'), '999999');
    const again = await openDatabase({ dataDir });
    await again.close();
  });
});
