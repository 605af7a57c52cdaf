import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { errorMessage } from '../errors.ts';
import { claimDue } from '../feeds/feed-state.ts';
import type { Feed } from '../feeds/feeds.ts';
import { createFeedStore } from './feed-store.ts';
import { createHostLimiter } from './host-limiter.ts';
import { refreshFeed, rootMessage, type RefreshDeps, type RefreshResult } from './refresh.ts';

export type PollSummary = {
  feeds: number;
  fetched: number;
  notModified: number;
  newItems: number;
  updatedItems: number;
  errors: { feed: string; error: string }[];
};

export type ScheduleDeps = RefreshDeps & {
  concurrency: { global: number; perHost: number };
  leaseSeconds: number;
  /** Identifies this process's leases (host + pid + random) in the feeds table. */
  owner?: string;
  onProgress?: (done: number, claimed: number) => void;
};

export const processOwner = () => `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

/**
 * Polls every feed that is due now, once: claims them in batches under a lease, refreshes them
 * with per-host and global limits on fetching, writes them through one group-committing store,
 * and sums up. Feeds that fail are counted, not fatal.
 */
export async function pollDueFeeds(deps: ScheduleDeps, signal?: AbortSignal): Promise<PollSummary> {
  const owner = deps.owner ?? processOwner();
  const limiter = createHostLimiter({ perHost: deps.concurrency.perHost, global: deps.concurrency.global });
  const summary: PollSummary = { feeds: 0, fetched: 0, notModified: 0, newItems: 0, updatedItems: 0, errors: [] };
  const batchSize = Math.max(deps.concurrency.global * 4, 32);
  // Only fetching holds a host's slot: parsing and writing do not keep the next request waiting.
  const polling = {
    ...deps,
    store: deps.store ?? createFeedStore(deps),
    fetcher: (feed: Feed, s?: AbortSignal) => limiter.run(feed.url, () => deps.fetcher(feed, s)),
  };
  let claimedTotal = 0;
  while (!signal?.aborted) {
    const batch = await claimDue(deps.db, owner, { limit: batchSize, leaseSeconds: deps.leaseSeconds });
    if (batch.length === 0) break;
    claimedTotal += batch.length;
    const results = await Promise.all(batch.map((feed) => refreshSafely(polling, feed, owner)));
    for (const r of results) {
      add(summary, r);
      deps.onProgress?.(summary.feeds, claimedTotal);
    }
  }
  return summary;
}

// In-flight fetches are not aborted on shutdown (that would record a failure that is not the
// feed's); the signal only stops further claims, and each fetch is bounded by its timeout.
async function refreshSafely(deps: ScheduleDeps, feed: Feed, owner: string): Promise<RefreshResult> {
  try {
    return await refreshFeed(deps, feed, owner);
  } catch (err) {
    // The database itself failed (refreshFeed records every other failure on the feed row): the lease expires and the feed is retried.
    deps.log.error('feed refresh crashed', { feed: feed.url, error: rootMessage(err) });
    return {
      feedId: feed.feedId,
      url: feed.url,
      status: 'error',
      newItems: 0,
      updatedItems: 0,
      error: rootMessage(err),
    };
  }
}

function add(summary: PollSummary, r: RefreshResult): void {
  summary.feeds += 1;
  if (r.status === 'fetched') summary.fetched += 1;
  if (r.status === 'not-modified') summary.notModified += 1;
  if (r.status === 'error') summary.errors.push({ feed: r.url, error: r.error ?? 'unknown error' });
  summary.newItems += r.newItems;
  summary.updatedItems += r.updatedItems;
}

export type Scheduler = { stop(): Promise<void>; tick(): Promise<PollSummary | undefined> };

/** Runs pollDueFeeds every tick; ticks never overlap, and stop() waits for the running one. */
export function startScheduler(deps: ScheduleDeps, tickSeconds: number): Scheduler {
  const controller = new AbortController();
  let running: Promise<PollSummary | undefined> | undefined;
  const tick = () => {
    if (running) return running;
    running = pollDueFeeds(deps, controller.signal)
      .catch((err) => {
        deps.log.error('scheduler tick failed', { error: errorMessage(err) });
        return undefined;
      })
      .finally(() => (running = undefined));
    return running;
  };
  const timer = setInterval(tick, tickSeconds * 1000);
  timer.unref();
  void tick();
  return {
    tick,
    async stop() {
      clearInterval(timer);
      controller.abort();
      await running;
    },
  };
}
