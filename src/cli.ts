import { parse, println, UsageError, type CliIo } from './cli-io.ts';
import { adminSocketPath, forwardable, forwardToSite, startAdminSocket } from './cli-socket.ts';
import { configMarkdownTable, loadConfig, type Config } from './config.ts';
import type { Database } from './db/client.ts';
import { AppError, errorMessage } from './errors.ts';
import { FEEDS_USAGE, runFeedsCli } from './feeds/cli.ts';
import { INGEST_USAGE, runIngestCli } from './ingest/cli.ts';
import { USERS_USAGE, runUsersCli } from './accounts/cli.ts';
import { createLogger, type Logger } from './log.ts';
import { openConfiguredDatabase, startServer, startWorker, VERSION, type ServerOptions } from './main.ts';
import { runModelsCli } from './ml/models-pull.ts';
import { runClaimsCli } from './claims/cli.ts';

/**
 * Each command's usage: one entry a line starting with "crosscheck", continued on indented lines.
 * The overview lists them all; `crosscheck COMMAND [SUB] --help` prints the command's (or the
 * subcommand's) own entries and its notes.
 */
const COMMANDS: Record<string, { usage: string; notes?: string }> = {
  serve: {
    usage: 'crosscheck serve                         run the web site, scheduler and enrichment (PORT, default 3000)',
  },
  worker: {
    usage: 'crosscheck worker                        run enrichment only (shares the job queue with other processes)',
    notes:
      'Needs DATABASE_URL when another process (serve, another worker) uses the database: the embedded one serves one process.',
  },
  migrate: { usage: 'crosscheck migrate                       apply database migrations' },
  feeds: { usage: FEEDS_USAGE },
  ingest: {
    usage: INGEST_USAGE,
    notes: 'ingest --once exits 0 when the run completed, even if some feeds failed (they are listed).',
  },
  users: { usage: USERS_USAGE },
  models: {
    usage: 'crosscheck models pull [ID] [--hub URL]  download an embedding model into MODEL_DIR for offline use',
    notes: 'ID defaults to EMBEDDING_MODEL; --hub names another Hugging Face compatible host.',
  },
  claims: {
    usage: `crosscheck claims extract [FILE|-] [--json] [--jsonl] [--kind K]
                                         print the figures in a text (stdin with -)`,
    notes: `--json      print one JSON object {"claims":[…]}
--jsonl     read JSON lines {"id","text"[,"kind"]} and print one {"id","claims"} line per input line
--kind      how to read the text: prose (default), comment or table_row`,
  },
  config: {
    usage:
      'crosscheck config [--markdown]           print the settings read from the environment (--markdown: the README table)',
  },
};

const FOOTER = 'Exit codes: 0 success, 1 failure, 2 usage error. Settings: see README (environment variables).';

const USAGE = `Crosscheck ${VERSION}: follow AI-industry news and cross-check its numbers.

Usage:
${Object.values(COMMANDS)
  .map((c) => c.usage)
  .join('\n')}

${FOOTER}`;

/** `--help` or `-h` among a command's words (before a `--` that ends the options). */
function asksForHelp(rest: string[]): boolean {
  const end = rest.indexOf('--');
  return (end === -1 ? rest : rest.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

/** The usage of one command, narrowed to its subcommand's entries when it names one that exists. */
export function commandUsage(command: string, sub?: string): string | undefined {
  if (!Object.hasOwn(COMMANDS, command)) return undefined;
  const spec = COMMANDS[command];
  const entries = spec.usage.split(/\n(?=crosscheck )/);
  const own = entries.filter((e) => e.split(/\s+/)[2] === sub);
  return `Usage:\n${(own.length ? own : entries).join('\n')}\n${spec.notes ? `\n${spec.notes}\n` : ''}\n${FOOTER}`;
}

/** Runs one CLI invocation and returns its exit code; never calls process.exit (tests call it in-process). */
export async function runCli(args: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = args;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    const usage = command === 'help' && rest[0] ? commandUsage(rest[0], rest[1]) : USAGE;
    if (usage === undefined) return usageError(io, `Unknown command: ${rest[0]}`);
    println(command ? io.stdout : io.stderr, usage);
    return command ? 0 : 2;
  }
  // Before the settings are read and anything starts: `crosscheck worker --help` must not run a worker.
  const commandHelp = asksForHelp(rest) ? commandUsage(command, rest[0]) : undefined;
  if (commandHelp !== undefined) {
    println(io.stdout, commandHelp);
    return 0;
  }
  let config: Config;
  try {
    config = loadConfig(io.env);
  } catch (err) {
    println(io.stderr, errorMessage(err));
    return 2;
  }
  const log = createLogger(config.LOG_LEVEL, (line) => io.stderr.write(line));
  try {
    return await dispatch(command, rest, config, log, io);
  } catch (err) {
    if (err instanceof UsageError) return usageError(io, err.message);
    println(io.stderr, `crosscheck: ${err instanceof AppError ? err.message : errorMessage(err)}`);
    return 1;
  }
}

function usageError(io: CliIo, message: string): number {
  println(io.stderr, `crosscheck: ${message}\n\n${USAGE}`);
  return 2;
}

async function dispatch(command: string, rest: string[], config: Config, log: Logger, io: CliIo): Promise<number> {
  switch (command) {
    case 'serve':
      parse(rest, {});
      return untilSignal(await startServer(config, log, serveOptions(config, log)), log, config.SHUTDOWN_GRACE_SECONDS);
    case 'worker':
      parse(rest, {});
      return untilSignal(await startWorker(config, log), log, config.SHUTDOWN_GRACE_SECONDS);
    case 'claims':
      return runClaimsCli(rest, io);
    case 'models':
      return runModelsCli(rest, io, config);
    case 'config': {
      const { values } = parse(rest, { markdown: { type: 'boolean' } });
      println(io.stdout, values.markdown ? configMarkdownTable() : JSON.stringify(config, null, 2));
      return 0;
    }
    case 'migrate':
      parse(rest, {});
      return withDatabase(config, async () => (println(io.stdout, 'Migrations applied.'), 0));
    case 'feeds':
    case 'users':
    case 'ingest':
      return withDatabase(config, (db) => runDatabaseCommand(db, config, log, [command, ...rest], io), {
        args: [command, ...rest],
        io,
      });
    default:
      throw new UsageError(`Unknown command: ${command}`);
  }
}

/** The commands that need only the database: run here, or by the running site for a CLI (src/cli-socket.ts). */
function runDatabaseCommand(
  database: Database,
  config: Config,
  log: Logger,
  [command, ...rest]: string[],
  io: CliIo,
): Promise<number> {
  switch (command) {
    case 'feeds':
      return runFeedsCli(database.db, rest, io, { allowedPrivateHosts: config.ALLOWED_PRIVATE_HOSTS });
    case 'users':
      return runUsersCli(database.db, rest, io);
    case 'ingest':
      return runIngestCli(database, config, log, rest, io);
    default:
      throw new UsageError(`Unknown command: ${command}`);
  }
}

/**
 * Opens the database for one command. When the embedded one is held by the running site, the
 * common commands are handed to the site over its admin socket; the rest (and a site without the
 * socket) get the lock's message: stop the site first, or use DATABASE_URL.
 */
async function withDatabase(
  config: Config,
  fn: (db: Database) => Promise<number>,
  forward?: { args: string[]; io: CliIo },
): Promise<number> {
  let database: Database;
  try {
    database = await openConfiguredDatabase(config);
  } catch (err) {
    const locked = err instanceof AppError && err.code === 'database_locked' && !config.DATABASE_URL;
    const handed =
      locked && forward && forwardable(forward.args) ? await handToSite(config, forward.args, forward.io) : null;
    if (handed !== null) return handed;
    throw err;
  }
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

/** `users add` reads the password from stdin unless a file is named; the site gets it as text. */
async function handToSite(config: Config, args: string[], io: CliIo): Promise<number | null> {
  const asksPassword =
    args[0] === 'users' &&
    args[1] === 'add' &&
    !args.some((a) => a === '--password-file' || a.startsWith('--password-file='));
  if (asksPassword && (io.stdin as NodeJS.ReadStream).isTTY) {
    println(
      io.stderr,
      'crosscheck: the site is running on the embedded database, so it adds the user: name the password in a file (--password-file FILE), or stop the site first.',
    );
    return 1;
  }
  const stdin = asksPassword ? await readAll(io.stdin) : '';
  return forwardToSite(adminSocketPath(config.DATA_DIR), args, io, stdin);
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += chunk.toString();
  return text;
}

/** What `serve` adds to the site: the CLI's admin socket. */
export function serveOptions(config: Config, log: Logger): ServerOptions {
  return { admin: (database) => adminSocket(database, config, log) };
}

/** The site's end of the socket, for the embedded database only (with DATABASE_URL the CLI opens it itself). */
async function adminSocket(
  database: Database,
  config: Config,
  log: Logger,
): Promise<{ close(): Promise<void> } | null> {
  if (database.driver !== 'pglite') return null;
  const run = (args: string[], io: CliIo) => guarded(io, () => runDatabaseCommand(database, config, log, args, io));
  try {
    return await startAdminSocket(adminSocketPath(config.DATA_DIR), run, log);
  } catch (err) {
    log.warn('no admin socket: CLI commands need the site stopped while it runs', { error: errorMessage(err) });
    return null;
  }
}

/** A command's failure as runCli reports it (usage errors exit 2), for commands run on behalf of a CLI. */
async function guarded(io: CliIo, run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof UsageError) return usageError(io, err.message);
    println(io.stderr, `crosscheck: ${err instanceof AppError ? err.message : errorMessage(err)}`);
    return 1;
  }
}

/**
 * Runs until SIGTERM or SIGINT, then closes within SHUTDOWN_GRACE_SECONDS: past it (or at a second
 * signal) it stops waiting and returns 1; the bin then exits even if something still holds the loop.
 */
async function untilSignal(running: { close(): Promise<void> }, log: Logger, graceSeconds: number): Promise<number> {
  const signal = () =>
    new Promise<string>((resolve) => {
      const on = (name: string) => () => {
        process.off('SIGINT', onInt);
        process.off('SIGTERM', onTerm);
        resolve(name);
      };
      const onInt = on('SIGINT');
      const onTerm = on('SIGTERM');
      process.once('SIGINT', onInt);
      process.once('SIGTERM', onTerm);
    });
  const first = await signal();
  log.info('shutting down', { signal: first, graceSeconds });
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    running.close().then(
      () => 'closed' as const,
      (err: unknown) => (log.error('shutdown failed', { error: errorMessage(err) }), 'failed' as const),
    ),
    new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), graceSeconds * 1000))),
    signal().then(() => 'again' as const),
  ]);
  clearTimeout(timer);
  if (outcome === 'closed') return 0;
  if (outcome === 'late') log.error('shutdown grace period passed: exiting with work unfinished', { graceSeconds });
  if (outcome === 'again') log.warn('second signal: exiting at once');
  return 1;
}
