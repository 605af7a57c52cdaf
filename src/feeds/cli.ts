import { readFile } from 'node:fs/promises';
import { parse, println, UsageError, type CliIo } from '../cli-io.ts';
import type { Db } from '../db/client.ts';
import { errorMessage } from '../errors.ts';
import { parseOpml, toOpml } from '../ingest/opml.ts';
import * as Feeds from './feeds.ts';

export const FEEDS_USAGE = `crosscheck feeds add URL [--title T]     subscribe to a feed
crosscheck feeds list [--json]           list feeds with their fetch status
crosscheck feeds import FILE.opml        subscribe to every feed in an OPML file
crosscheck feeds export                  print all feeds as OPML
crosscheck feeds enable ID|URL           re-enable a disabled feed (resets its failure count)
crosscheck feeds disable ID|URL          stop polling a feed`;

export async function runFeedsCli(db: Db, args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'add': {
      const { values, positionals } = parse(rest, { title: { type: 'string' } }, 1);
      if (!positionals[0]) throw new UsageError('feeds add needs a URL');
      const feed = await Feeds.add(db, { url: positionals[0], title: values.title });
      println(io.stdout, `Added feed #${feed.feedId}: ${feed.url}`);
      return 0;
    }
    case 'list': {
      const { values } = parse(rest, { json: { type: 'boolean' } });
      const feeds = await Feeds.list(db);
      if (values.json) println(io.stdout, JSON.stringify(feeds.map(publicFeed)));
      else for (const f of feeds) println(io.stdout, `#${f.feedId}\t${statusOf(f)}\t${f.url}\t${f.title}${f.lastError ? `\t(${f.lastError})` : ''}`);
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
          await Feeds.add(db, { url: o.url, title: o.title });
          added += 1;
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
      const feed = /^\d+$/.test(positionals[0]) ? await Feeds.byId(db, Number(positionals[0])) : await Feeds.byUrl(db, Feeds.normalizeFeedUrl(positionals[0]));
      if (!feed) throw new UsageError(`No feed ${positionals[0]}`);
      await Feeds.setEnabled(db, feed.feedId, sub === 'enable');
      println(io.stdout, `Feed #${feed.feedId} ${sub}d.`);
      return 0;
    }
    default:
      throw new UsageError(sub ? `Unknown feeds command: ${sub}` : 'feeds needs a command');
  }
}

const statusOf = (f: Feeds.Feed) => (f.disabledAt ? 'disabled' : f.consecutiveErrors ? `failing×${f.consecutiveErrors}` : f.lastFetchedAt ? 'ok' : 'new');

function publicFeed(f: Feeds.Feed) {
  const { leaseOwner: _o, leaseUntil: _u, ...rest } = f;
  return { ...rest, status: statusOf(f) };
}
