/**
 * Running the command line in tests: in-process through runCli with captured streams, or as a
 * real child process through the bin, with an environment that names only what the test sets.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { CliIo } from '../../src/cli-io.ts';
import { runCli } from '../../src/cli.ts';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { openTestDatabase, type Driver } from './db.ts';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = 'src/bin/crosscheck.mjs';

export type CliRun = { code: number; stdout: string; stderr: string };
export type Env = Record<string, string | undefined>;

function sink() {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}

/** `runCli(args)` in this process; nothing is read from process.env. */
export async function cli(args: string[], env: Env): Promise<CliRun> {
  const stdout = sink();
  const stderr = sink();
  const io: CliIo = { stdin: Readable.from([]), stdout: stdout.stream, stderr: stderr.stream, env };
  const code = await runCli(args, io);
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/** Only what a child needs to find node and a temp dir, plus the test's settings. */
export function childEnv(env: Env): Env {
  return { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: process.env.TMPDIR, ...env };
}

export type BinProcess = {
  child: ChildProcess;
  done: Promise<CliRun & { signal: NodeJS.Signals | null }>;
  stdout(): string;
};

/** Starts `node src/bin/crosscheck.mjs ARGS` from the repository root. */
export function spawnBin(args: string[], env: Env): BinProcess {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: repoRoot,
    env: childEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<CliRun & { signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code: code ?? -1, signal, stdout, stderr }));
  });
  return { child, done, stdout: () => stdout };
}

export const runBin = (args: string[], env: Env) => spawnBin(args, env).done;

/**
 * A fresh database for CLI runs: a temp DATA_DIR for PGlite, or a fresh PostgreSQL database.
 * Created and migrated here, so no test pays for it in its own time. `open()` gives the test
 * its own handle; with PGlite, close it before the next CLI run, since one data directory
 * serves one process at a time.
 */
export type CliDatabase = { env: Env; open(): Promise<Database>; close(): Promise<void> };

export async function cliDatabase(driver: Driver): Promise<CliDatabase> {
  return (await cliDatabases(driver, 1))[0];
}

/** `count` fresh databases; PGlite's initdb takes seconds, so its later folders are copies of the first. */
export async function cliDatabases(driver: Driver, count: number): Promise<CliDatabase[]> {
  if (driver === 'postgres') {
    return Promise.all(
      Array.from({ length: count }, async () => {
        const t = await openTestDatabase('postgres');
        return {
          env: { DATABASE_URL: t.url },
          open: () => openDatabase({ databaseUrl: t.url, maxConnections: 2 }),
          close: () => t.close(),
        };
      }),
    );
  }
  const dirs = await Promise.all(Array.from({ length: count }, () => mkdtemp(join(tmpdir(), 'crosscheck-cli-'))));
  const open = (dir: string) => async () => {
    const database = await openDatabase({ dataDir: dir });
    await database.migrate();
    return database;
  };
  await (await open(dirs[0])()).close();
  for (const dir of dirs.slice(1)) await cp(dirs[0], dir, { recursive: true });
  return dirs.map((dir) => ({
    env: { DATA_DIR: dir },
    open: open(dir),
    close: () => rm(dir, { recursive: true, force: true }),
  }));
}
