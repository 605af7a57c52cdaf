import { parse, println, UsageError, type CliIo } from './cli-io.ts';
import { configMarkdownTable, loadConfig, type Config } from './config.ts';
import type { Database } from './db/client.ts';
import { AppError, errorMessage } from './errors.ts';
import { FEEDS_USAGE, runFeedsCli } from './feeds/cli.ts';
import { INGEST_USAGE, runIngestCli } from './ingest/cli.ts';
import { USERS_USAGE, runUsersCli } from './accounts/cli.ts';
import { createLogger, type Logger } from './log.ts';
import { openConfiguredDatabase, startServer, startWorker, VERSION } from './main.ts';
import { runModelsCli } from './ml/models-pull.ts';
import { runClaimsCli } from './claims/cli.ts';

const USAGE = `Crosscheck ${VERSION}: follow AI-industry news and cross-check its numbers.

Usage:
crosscheck serve                         run the web site, scheduler and enrichment (PORT, default 3000)
crosscheck worker                        run enrichment only (shares the job queue with other processes)
crosscheck migrate                       apply database migrations
${FEEDS_USAGE}
${INGEST_USAGE}
${USERS_USAGE}
crosscheck models pull [ID]              download an embedding model into MODEL_DIR for offline use
crosscheck claims extract [FILE|-] [--json] [--jsonl]
                                         print the figures in a text (stdin with -)
crosscheck config [--markdown]           print the settings read from the environment

Exit codes: 0 success, 1 failure, 2 usage error. Settings: see README (environment variables).`;

/** Runs one CLI invocation and returns its exit code; never calls process.exit (tests call it in-process). */
export async function runCli(args: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = args;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    println(command ? io.stdout : io.stderr, USAGE);
    return command ? 0 : 2;
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
    if (err instanceof UsageError) {
      println(io.stderr, `crosscheck: ${err.message}\n\n${USAGE}`);
      return 2;
    }
    println(io.stderr, `crosscheck: ${err instanceof AppError ? err.message : errorMessage(err)}`);
    return 1;
  }
}

async function dispatch(command: string, rest: string[], config: Config, log: Logger, io: CliIo): Promise<number> {
  switch (command) {
    case 'serve':
      parse(rest, {});
      return untilSignal(await startServer(config, log), log);
    case 'worker':
      parse(rest, {});
      return untilSignal(await startWorker(config, log), log);
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
      return withDatabase(config, (db) => runFeedsCli(db.db, rest, io));
    case 'users':
      return withDatabase(config, (db) => runUsersCli(db.db, rest, io));
    case 'ingest':
      return withDatabase(config, (db) => runIngestCli(db, config, log, rest, io));
    default:
      throw new UsageError(`Unknown command: ${command}`);
  }
}

async function withDatabase(config: Config, fn: (db: Database) => Promise<number>): Promise<number> {
  const database = await openConfiguredDatabase(config);
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

async function untilSignal(running: { close(): Promise<void> }, log: Logger): Promise<number> {
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  log.info('shutting down');
  await running.close();
  return 0;
}
