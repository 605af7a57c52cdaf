import cliProgress from 'cli-progress';
import { isoSeconds, parse, println, UsageError, type CliIo } from '../cli-io.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';
import { leasedElsewhere } from '../feeds/feed-state.ts';
import * as Feeds from '../feeds/feeds.ts';
import type { Logger } from '../log.ts';
import { scheduleDeps } from '../main.ts';
import { pollDueFeeds, startScheduler, type PollSummary } from './schedule.ts';

export const INGEST_USAGE = `crosscheck ingest --once [--json] [--all]   poll every due feed once and print a summary
crosscheck ingest                          keep polling (the scheduler without the web server)`;

/**
 * `ingest --once`: exit 0 when the run completed, even if some feeds failed (they are listed in
 * the summary and on their feed rows); exit 1 only when the run itself could not complete.
 */
export async function runIngestCli(
  database: Database,
  config: Config,
  log: Logger,
  args: string[],
  io: CliIo,
): Promise<number> {
  const { values } = parse(args, { once: { type: 'boolean' }, json: { type: 'boolean' }, all: { type: 'boolean' } });
  // Without --once this would quietly start the endless loop and ignore them.
  if (!values.once && (values.json || values.all))
    throw new UsageError(`ingest ${values.json ? '--json' : '--all'} needs --once`);
  const deps = scheduleDeps(config, database, log);
  try {
    if (!values.once) return await loop(deps, config, log);
    if (values.all) await Feeds.markAllDue(database.db);
    const bar =
      io.stderr.isTTY && !values.json
        ? new cliProgress.SingleBar(
            { format: 'polling [{bar}] {value}/{total} feeds', stream: io.stderr },
            cliProgress.Presets.shades_classic,
          )
        : undefined;
    bar?.start(0, 0);
    const summary = await pollDueFeeds({
      ...deps,
      onProgress: (done, claimed) => (bar?.setTotal(claimed), bar?.update(done)),
    });
    bar?.stop();
    report(summary, await leasedElsewhere(database.db, deps.owner!), values.json, io);
    return 0;
  } finally {
    await deps.parser.close();
  }
}

type Leased = { count: number; until: Date | null };

/**
 * Due feeds that another process holds are not polled: a poll elsewhere, or a killed process
 * whose lease has not expired. The summary says so (in JSON, `leased` and `leasedUntil` are added
 * only then), so "0 feeds" is never mistaken for "nothing to do".
 */
function report(summary: PollSummary, leased: Leased, json: boolean | undefined, io: CliIo): void {
  const held =
    leased.count > 0 && leased.until ? { leased: leased.count, leasedUntil: leased.until.toISOString() } : {};
  if (json) println(io.stdout, JSON.stringify({ ...summary, ...held }));
  else printSummary(summary, leased, io);
}

function printSummary(s: PollSummary, leased: Leased, io: CliIo): void {
  println(
    io.stdout,
    `Polled ${s.feeds} feeds: ${s.fetched} fetched, ${s.notModified} not modified, ${s.errors.length} failed.`,
  );
  println(io.stdout, `${s.newItems} new items, ${s.updatedItems} updated.`);
  for (const e of s.errors) println(io.stdout, `  ✗ ${e.feed}: ${e.error}`);
  if (leased.count > 0 && leased.until) {
    const [feeds, they] = leased.count === 1 ? ['1 feed is', 'it was'] : [`${leased.count} feeds are`, 'they were'];
    const until = isoSeconds(leased.until);
    println(
      io.stdout,
      `${feeds} leased by another process until ${until}, so ${they} not polled (a killed process's lease expires then).`,
    );
  }
}

async function loop(deps: ReturnType<typeof scheduleDeps>, config: Config, log: Logger): Promise<number> {
  const scheduler = startScheduler(deps, config.SCHEDULER_TICK_SECONDS);
  log.info('ingest loop running; Ctrl-C to stop', { tickSeconds: config.SCHEDULER_TICK_SECONDS });
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await scheduler.stop();
  return 0;
}
