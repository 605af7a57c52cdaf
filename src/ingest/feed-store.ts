import { storeFeedItems } from '../articles/upsert.ts';
import type { IncomingItem } from '../articles/item.ts';
import type { Db } from '../db/client.ts';
import { inTransaction } from '../db/sql.ts';
import { recordOutcomes, type SuccessRecord } from '../feeds/feed-state.ts';
import type { Logger } from '../log.ts';

/** A polled feed ready to be written: its items (none for a 304) and the outcome that advances its ETag. */
export type ReadyFeed = SuccessRecord & { items: IncomingItem[] };
export type Stored = { newItems: number; updatedItems: number };

/**
 * Writes polled feeds with group commit: a feed that arrives while a write is under way waits for
 * it, and then everything that queued up meanwhile is written in one transaction, with a fixed
 * number of set-based statements (src/articles/upsert.ts). A poll of many feeds thus costs a few
 * commits instead of a dozen statements and a commit per feed, and nothing waits when the
 * database is idle. Each feed's items and its new ETag still commit together.
 *
 * If a group's transaction fails, its feeds are written again one by one, so one feed that the
 * database refuses fails alone (`submit` rejects for it) and the others are stored.
 */
export type FeedStore = { submit(feed: ReadyFeed): Promise<Stored> };

export function createFeedStore(deps: { db: Db; log: Logger; now?: () => Date; maxGroupItems?: number }): FeedStore {
  const maxGroupItems = deps.maxGroupItems ?? 2000;
  type Waiting = { feed: ReadyFeed; resolve(s: Stored): void; reject(e: unknown): void };
  const queue: Waiting[] = [];
  let writing = false;

  const write = async (group: ReadyFeed[]): Promise<Stored[]> =>
    inTransaction(deps.db, async (tx) => {
      const stored = await storeFeedItems(tx, group.map((f) => ({ feedId: f.feed.feedId, items: f.items })), deps.now?.() ?? new Date());
      await recordOutcomes(tx, group);
      return stored;
    });

  const pump = async () => {
    if (writing || queue.length === 0) return;
    writing = true;
    const group: Waiting[] = [];
    let items = 0;
    while (queue.length && (group.length === 0 || items + queue[0].feed.items.length <= maxGroupItems)) {
      items += queue[0].feed.items.length;
      group.push(queue.shift()!);
    }
    try {
      const started = performance.now();
      const stored = await write(group.map((w) => w.feed));
      deps.log.debug('feeds written', { feeds: group.length, items, ms: Math.round(performance.now() - started) });
      group.forEach((w, i) => w.resolve(stored[i]));
    } catch (err) {
      if (group.length === 1) group[0].reject(err);
      else {
        deps.log.warn('group write failed; writing its feeds one by one', { feeds: group.length, error: err instanceof Error ? err.message : String(err) });
        for (const w of group) await write([w.feed]).then(([s]) => w.resolve(s), w.reject);
      }
    } finally {
      writing = false;
      void pump();
    }
  };

  return {
    submit(feed) {
      return new Promise<Stored>((resolve, reject) => {
        queue.push({ feed, resolve, reject });
        void pump();
      });
    },
  };
}
