import type { CurrentUser } from '../accounts/accounts.ts';
import * as Articles from '../articles/articles.ts';
import type { Db } from '../db/client.ts';
import { inTransaction } from '../db/sql.ts';
import { AppError, errorMessage } from '../errors.ts';
import * as Feeds from '../feeds/feeds.ts';
import { fetchStatus, type FetchStatus } from '../feeds/fetch-status.ts';
import { pollingRefusal } from '../feeds/polling-refusal.ts';
import { publicFeed, withoutCredentials } from '../feeds/public-feed.ts';
import { readOpml } from '../ingest/opml.ts';
import { invalidInput } from '../input-error.ts';
import * as Log from '../moderation/log.ts';

/**
 * Feed administration (/admin/feeds): the use cases behind the admin's forms. Every change is one
 * transaction with its line in the public moderation log, which therefore never shows a feed URL's
 * credentials: admins see feeds as the public does (src/feeds/public-feed.ts), plus a marker.
 */

const MAX_REASON = 500;

/** A feed as the admin page lists it: public URLs, fetch status, item count, whether its URL carries credentials. */
export type AdminFeed = { feed: Feeds.Feed; status: FetchStatus; items: number; hasCredentials: boolean };

export function adminFeed(feed: Feeds.Feed, now: Date, items: number): AdminFeed {
  const shown = publicFeed(feed);
  return { feed: shown, status: fetchStatus(feed, now), items, hasCredentials: shown.url !== feed.url };
}

export async function list(db: Db, now: Date): Promise<AdminFeed[]> {
  const [feeds, counts] = await Promise.all([Feeds.list(db), Articles.itemCountsByFeed(db)]);
  return feeds.map((f) => adminFeed(f, now, counts.get(f.feedId) ?? 0));
}

export async function one(db: Db, feedId: number, now: Date): Promise<AdminFeed> {
  const feed = await Feeds.byId(db, feedId);
  if (!feed) throw new AppError('not_found', `No feed #${feedId}`, { status: 404, userMessage: 'No such feed.' });
  return adminFeed(feed, now, (await Articles.feedCoverage(db, feedId)).items);
}

/** What `crosscheck feeds add` prints, with the URL as the public sees it. */
export function addedMessage(feed: Feeds.Feed, created: boolean): string {
  const url = withoutCredentials(feed.url);
  return created ? `Added feed #${feed.feedId}: ${url}` : `Feed #${feed.feedId} already exists: ${url}`;
}

/** The CLI's warning about a private address, credentials removed. */
export function refusalWarning(feed: Feeds.Feed, allowedPrivateHosts: string): string | null {
  const warning = pollingRefusal(feed.url, allowedPrivateHosts);
  return warning && withoutCredentials(warning);
}

export type AddResult = { feed: Feeds.Feed; created: boolean };

export async function add(
  db: Db,
  admin: CurrentUser,
  input: { url: string; title?: string },
  now: Date,
): Promise<AddResult> {
  if (!input.url.trim()) throw invalidInput('Give the feed’s URL.');
  const title = input.title?.trim() || undefined;
  try {
    Feeds.normalizeFeedUrl(input.url);
  } catch (err) {
    throw invalidInput(err instanceof AppError ? err.userMessage : errorMessage(err));
  }
  return inTransaction(db, async (tx) => {
    const result = await Feeds.subscribe(tx, { url: input.url, title });
    if (result.created) await logFeed(tx, admin, 'add_feed', result.feed, '', now);
    return result;
  });
}

export type ImportResult = { added: Feeds.Feed[]; existing: number; refused: { url: string; error: string }[] };

/** Subscribes to every feed of an OPML document, each on its own (one refused URL does not undo the rest). */
export async function importOpml(db: Db, admin: CurrentUser, xml: string, now: Date): Promise<ImportResult> {
  let opml: ReturnType<typeof readOpml>;
  try {
    opml = readOpml(xml);
  } catch (err) {
    throw invalidInput(err instanceof AppError ? err.userMessage : 'That file is not OPML.');
  }
  const result: ImportResult = {
    added: [],
    existing: 0,
    refused: opml.skipped.map((url) => ({ url: withoutCredentials(url), error: 'not an http(s) URL' })),
  };
  for (const o of opml.feeds) {
    try {
      const { feed, created } = await inTransaction(db, async (tx) => {
        const r = await Feeds.subscribe(tx, { url: o.url, title: o.title || undefined });
        if (r.created) await logFeed(tx, admin, 'add_feed', r.feed, 'OPML import', now);
        return r;
      });
      if (created) result.added.push(feed);
      else result.existing += 1;
    } catch (err) {
      result.refused.push({
        url: withoutCredentials(o.url),
        error: withoutCredentials(err instanceof AppError ? err.userMessage : errorMessage(err)),
      });
    }
  }
  return result;
}

export async function setEnabled(
  db: Db,
  admin: CurrentUser,
  feedId: number,
  enabled: boolean,
  rawReason: string,
  now: Date,
): Promise<Feeds.Feed> {
  const reason = checkedReason(rawReason, { required: !enabled, what: 'disabling' });
  return inTransaction(db, async (tx) => {
    const feed = await Feeds.setEnabled(tx, feedId, enabled, reason);
    await logFeed(tx, admin, enabled ? 'enable_feed' : 'disable_feed', feed, reason, now);
    return feed;
  });
}

/** Deletes the subscription; its articles stay (see Feeds.remove). Returns what the log says. */
export async function remove(
  db: Db,
  admin: CurrentUser,
  feedId: number,
  rawReason: string,
  now: Date,
): Promise<{ feed: Feeds.Feed; items: number; onlyHere: number }> {
  const reason = checkedReason(rawReason, { required: true, what: 'deleting' });
  return inTransaction(db, async (tx) => {
    const coverage = await Articles.feedCoverage(tx, feedId);
    const feed = await Feeds.remove(tx, feedId);
    const detail = `${coverage.items} articles kept, ${coverage.onlyHere} of them now without a source`;
    await logFeed(tx, admin, 'delete_feed', feed, reason, now, { path: null, detail });
    return { feed, ...coverage };
  });
}

function checkedReason(raw: string, options: { required: boolean; what: string }): string {
  const reason = raw.trim();
  if (options.required && !reason)
    throw invalidInput(`Give a reason for ${options.what} the feed: it is shown in the public moderation log.`);
  if (reason.length > MAX_REASON) throw invalidInput(`Keep the reason under ${MAX_REASON} characters.`);
  return reason;
}

function feedLabel(feed: Feeds.Feed): string {
  const url = withoutCredentials(feed.url);
  return feed.title ? `${withoutCredentials(feed.title)} (${url})` : url;
}

async function logFeed(
  tx: Db,
  admin: CurrentUser,
  action: string,
  feed: Feeds.Feed,
  reason: string,
  now: Date,
  extra: { path?: string | null; detail?: string } = {},
) {
  const path = extra.path === undefined ? `/feeds/${feed.feedId}` : extra.path;
  return Log.record(tx, {
    moderatorId: admin.userId,
    action,
    targetKind: 'feed',
    targetId: feed.feedId,
    targetLabel: feedLabel(feed),
    targetPath: path,
    reason,
    detail: extra.detail ?? null,
    createdAt: now,
  });
}
