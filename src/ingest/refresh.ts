import { createHash } from 'node:crypto';
import type { Db } from '../db/client.ts';
import { errorMessage } from '../errors.ts';
import { recordOutcome, type FetchOutcome } from '../feeds/feed-state.ts';
import type { Logger } from '../log.ts';
import { normalizeFeedUrl, type Feed } from '../feeds/feeds.ts';
import { withoutCredentials } from '../feeds/public-feed.ts';
import { FetchHttpError, type FetchResult } from './fetch.ts';
import { createFeedStore, type FeedStore, type Stored } from './feed-store.ts';
import { PARSER_VERSION, parseFailureMessage, type ParsedFeed } from './parse.ts';
import { inlineParser, type FeedParser } from './parse-pool.ts';
import { nextPollAt } from './poll-policy.ts';

/** Fetches one feed; a thrown AppError is a failed fetch. Injected so bundled feeds and tests can stand in. */
export type FeedFetcher = (feed: Feed, signal?: AbortSignal) => Promise<FetchResult>;

export type RefreshPolicy = { pollIntervalMinutes: number; maxBackoffMinutes: number; disableAfterFailures: number };
/** `parser` parses off the main thread where the composition root made a pool (parse-pool.ts), inline otherwise. */
/** `store` writes polled feeds (a poll shares one, so its feeds are group-committed); one of its own otherwise. */
export type RefreshDeps = {
  db: Db;
  fetcher: FeedFetcher;
  policy: RefreshPolicy;
  log: Logger;
  now?: () => Date;
  store?: FeedStore;
  parser?: FeedParser;
};

export type RefreshResult = {
  feedId: number;
  url: string;
  status: 'fetched' | 'not-modified' | 'error';
  newItems: number;
  updatedItems: number;
  error?: string;
};

/**
 * The ingestion use case for one claimed feed: fetch → parse → normalise → store, then record
 * the outcome on the feed row. Never throws for a feed's own failure: a broken feed is
 * recorded and reported, and the caller carries on with the others.
 */
export async function refreshFeed(
  deps: RefreshDeps,
  feed: Feed,
  owner: string,
  signal?: AbortSignal,
): Promise<RefreshResult> {
  const now = deps.now?.() ?? new Date();
  const base = { feedId: feed.feedId, url: feed.url, newItems: 0, updatedItems: 0 };
  const poll = (
    kind: 'ok' | 'error' | 'retry-later',
    extra: { maxAgeSeconds?: number | null; ttlMinutes?: number | null; retryAfterSeconds?: number | null } = {},
  ) =>
    nextPollAt({
      now,
      kind,
      defaultIntervalMinutes: deps.policy.pollIntervalMinutes,
      maxBackoffMinutes: deps.policy.maxBackoffMinutes,
      consecutiveErrors: kind === 'ok' ? 0 : feed.consecutiveErrors + 1,
      maxAgeSeconds: extra.maxAgeSeconds ?? undefined,
      ttlMinutes: extra.ttlMinutes ?? undefined,
      retryAfterSeconds: extra.retryAfterSeconds ?? undefined,
    });
  const fail = async (
    message: string,
    parseFailure: boolean,
    nextFetchAt: Date,
    gone = false,
  ): Promise<RefreshResult> => {
    deps.log.warn(gone ? 'feed gone: disabled' : 'feed refresh failed', { feed: feed.url, error: message });
    const outcome: FetchOutcome = {
      kind: 'error',
      message,
      parseFailure,
      nextFetchAt,
      disableAfter: deps.policy.disableAfterFailures,
      gone,
    };
    await recordOutcome(deps.db, feed, owner, outcome);
    return { ...base, status: 'error', error: message };
  };

  let result: FetchResult;
  try {
    result = await deps.fetcher(feed, signal);
  } catch (err) {
    // 410 is the publisher saying the feed will not come back: stop asking at once (Miniflux and
    // FreshRSS keep polling; the error count only grows). Other errors back off and retry.
    return fail(errorMessage(err), false, poll('error'), err instanceof FetchHttpError && err.httpStatus === 410);
  }
  const movedTo = movedFeedUrl(result.permanentRedirectTo);
  if (movedTo) deps.log.info('feed moved permanently', { feed: feed.url, to: movedTo });
  if (result.kind === 'retry-later') {
    const message = `HTTP ${result.status}: the server asked us to retry later${result.retryAfterSeconds ? ` (after ${result.retryAfterSeconds} s)` : ''}`;
    return fail(message, false, poll('retry-later', { retryAfterSeconds: result.retryAfterSeconds }));
  }
  /** Nothing new to store: the validators and the next poll time are all that change. */
  const unchanged = async (etag: string | null, lastModified: string | null): Promise<RefreshResult> => {
    const outcome: FetchOutcome = {
      kind: 'not-modified',
      etag,
      lastModified,
      nextFetchAt: poll('ok', { maxAgeSeconds: result.maxAgeSeconds, ttlMinutes: feed.ttlMinutes }),
    };
    await store(deps).submit({ feed, owner, outcome, items: [], movedTo });
    return { ...base, status: 'not-modified' };
  };
  if (result.kind === 'not-modified')
    return unchanged(result.etag ?? feed.etag, result.lastModified ?? feed.lastModified);

  // Servers that ignore conditional GET resend the same bytes: treat them as a 304 without parsing.
  const bodyHash = feedBodyHash(result.body, result.finalUrl ?? feed.url);
  if (bodyHash === feed.bodyHash) return unchanged(result.etag ?? null, result.lastModified ?? null);
  const writer = store(deps);
  const parsing = writer.parsing();
  let parsed: ParsedFeed;
  try {
    // The base of relative links: without the feed's user:password, or every resolved article link would carry them.
    const feedUrl = withoutCredentials(result.finalUrl ?? feed.url);
    parsed = await (deps.parser ?? inlineParser).parse(result.body, {
      feedUrl,
      contentType: result.contentType ?? undefined,
    });
  } catch (err) {
    parsing();
    return fail(parseFailureMessage(err), true, poll('error'));
  }
  // Items and the new ETag commit together: a crash before COMMIT leaves the old ETag, so the
  // next poll fetches the same items again and the idempotent upsert fills the gap.
  const outcome: FetchOutcome = {
    kind: 'ok',
    etag: result.etag ?? null,
    lastModified: result.lastModified ?? null,
    ttlMinutes: parsed.ttlMinutes,
    title: parsed.title,
    siteUrl: parsed.siteUrl,
    description: parsed.description,
    nextFetchAt: poll('ok', { maxAgeSeconds: result.maxAgeSeconds, ttlMinutes: parsed.ttlMinutes }),
    bodyHash,
  };
  let summary: Stored;
  try {
    const submitted = writer.submit({ feed, owner, outcome, items: parsed.items, movedTo });
    parsing(); // after queueing: a lingering write sees this feed arrive, not leave
    summary = await submitted;
  } catch (err) {
    // A row the database refuses (or a deadlock) fails this feed, not the run: record it so the
    // feed backs off and shows why. If recording fails too, the database itself is down: that
    // throws, and the lease expires so the feed is retried.
    return fail(`Could not store the feed's items: ${rootMessage(err)}`, false, poll('error'));
  }
  deps.log.info('feed refreshed', {
    feed: feed.url,
    items: parsed.items.length,
    new: summary.newItems,
    updated: summary.updatedItems,
  });
  return { ...base, status: 'fetched', newItems: summary.newItems, updatedItems: summary.updatedItems };
}

const store = (deps: RefreshDeps): FeedStore => deps.store ?? createFeedStore(deps);

/** Identifies a body as this parser would read it at this URL (relative links resolve against it). */
function feedBodyHash(body: string, url: string): string {
  return createHash('sha256').update(`${PARSER_VERSION}\n${url}\n`).update(body).digest('base64url');
}

/** The URL a feed moved to, in the form subscriptions are stored in; none when it is not one. */
function movedFeedUrl(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return normalizeFeedUrl(url);
  } catch {
    return null;
  }
}

/** The innermost cause's message: a failed query's own text (SQL and every parameter) is no message for a person. */
export function rootMessage(err: unknown): string {
  let inner = err;
  while (inner instanceof Error && inner.cause instanceof Error) inner = inner.cause;
  return inner instanceof Error ? inner.message : String(inner);
}
