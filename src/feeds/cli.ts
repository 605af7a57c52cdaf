import { readFile } from 'node:fs/promises';
import { isoSeconds, parse, println, UsageError, type CliIo } from '../cli-io.ts';
import type { Db } from '../db/client.ts';
import { errorMessage } from '../errors.ts';
import { parseOpml, toOpml } from '../ingest/opml.ts';
import * as Feeds from './feeds.ts';
import { fetchStatus, leasedUntil, statusLabel } from './fetch-status.ts';
import { pollingRefusal } from './polling-refusal.ts';

export const FEEDS_USAGE = `crosscheck feeds add URL [--title T]     subscribe to a feed
crosscheck feeds list [--json]           list feeds with their fetch status
crosscheck feeds import FILE.opml        subscribe to every feed in an OPML file
crosscheck feeds export                  print all feeds as OPML
crosscheck feeds enable ID|URL           re-enable a disabled feed (resets its failure count)
crosscheck feeds disable ID|URL          stop polling a feed`;

/** `allowedPrivateHosts`: the ALLOWED_PRIVATE_HOSTS setting, to warn at once about feeds the fetcher will refuse. */
export type FeedsCliOptions = { allowedPrivateHosts?: string };

export async function runFeedsCli(db: Db, args: string[], io: CliIo, options: FeedsCliOptions = {}): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'add': {
      const { values, positionals } = parse(rest, { title: { type: 'string' } }, 1);
      if (!positionals[0]) throw new UsageError('feeds add needs a URL');
      // Exit 0 either way: adding is idempotent, and the feed is subscribed to afterwards.
      const { feed, created } = await Feeds.subscribe(db, { url: positionals[0], title: values.title });
      const said = created
        ? `Added feed #${feed.feedId}: ${feed.url}`
        : `Feed #${feed.feedId} already exists: ${feed.url}`;
      println(io.stdout, said);
      warnIfRefused(feed.url, options.allowedPrivateHosts, io);
      return 0;
    }
    case 'list': {
      const { values } = parse(rest, { json: { type: 'boolean' } });
      const feeds = await Feeds.list(db);
      const now = new Date();
      if (values.json) println(io.stdout, JSON.stringify(feeds.map((f) => publicFeed(f, now))));
      else for (const f of feeds) println(io.stdout, listLine(f, now));
      return 0;
    }
    case 'import': {
      const { positionals } = parse(rest, {}, 1);
      if (!positionals[0]) throw new UsageError('feeds import needs an OPML file');
      const outlines = parseOpml(await readFile(positionals[0], 'utf8'));
      let added = 0;
      const failed: string[] = [];
      for (const o of outlines) {
        try {
          const { feed } = await Feeds.subscribe(db, { url: o.url, title: o.title });
          added += 1;
          warnIfRefused(feed.url, options.allowedPrivateHosts, io);
        } catch (err) {
          failed.push(`${o.url}: ${errorMessage(err)}`);
        }
      }
      println(io.stdout, `Imported ${added} of ${outlines.length} feeds.`);
      for (const f of failed) println(io.stderr, `skipped ${f}`);
      return failed.length && !added ? 1 : 0;
    }
    case 'export':
      parse(rest, {});
      io.stdout.write(toOpml(await Feeds.subscriptions(db), { title: 'Crosscheck sources' }));
      return 0;
    case 'enable':
    case 'disable': {
      const { positionals } = parse(rest, {}, 1);
      if (!positionals[0]) throw new UsageError(`feeds ${sub} needs a feed id or URL`);
      const feed = /^\d+$/.test(positionals[0])
        ? await Feeds.byId(db, Number(positionals[0]))
        : await Feeds.byUrl(db, Feeds.normalizeFeedUrl(positionals[0]));
      if (!feed) throw new UsageError(`No feed ${positionals[0]}`);
      await Feeds.setEnabled(db, feed.feedId, sub === 'enable');
      println(io.stdout, `Feed #${feed.feedId} ${sub}d.`);
      return 0;
    }
    default:
      throw new UsageError(sub ? `Unknown feeds command: ${sub}` : 'feeds needs a command');
  }
}

/** The same warning /admin/feeds shows (src/feeds/polling-refusal.ts), on stderr. */
function warnIfRefused(url: string, allowedPrivateHosts: string | undefined, io: CliIo): void {
  const warning = pollingRefusal(url, allowedPrivateHosts);
  if (warning) println(io.stderr, `crosscheck: warning: ${warning}`);
}

function statusOf(f: Feeds.Feed, now: Date): string {
  return statusLabel(fetchStatus(f, now), isoSeconds);
}

function listLine(f: Feeds.Feed, now: Date): string {
  return `#${f.feedId}\t${statusOf(f, now)}\t${f.url}\t${f.title}${f.lastError ? `\t(${f.lastError})` : ''}`;
}

function publicFeed(f: Feeds.Feed, now: Date) {
  const { leaseOwner: _o, leaseUntil: _u, ...rest } = f;
  return { ...rest, status: statusOf(f, now), leasedUntil: leasedUntil(f, now)?.toISOString() ?? null };
}
