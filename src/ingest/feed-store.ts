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
export type FeedStore = {
  submit(feed: ReadyFeed): Promise<Stored>;
  /**
   * Announces a feed that is being parsed and will be submitted (or not: call the returned
   * function either way once parsing ends). While such feeds are on their way, a write lingers a
   * little (`lingerMs`) for them to join its group instead of committing without them.
   */
  parsing(): () => void;
};

/** A group ends at `maxGroupItems` items or `maxGroupChars` characters of content, whichever comes first (one feed always fits). */
export type FeedStoreOptions = {
  db: Db;
  log: Logger;
  now?: () => Date;
  maxGroupItems?: number;
  maxGroupChars?: number;
  lingerMs?: number;
};

/** Characters a feed adds to a group's statements: its items' content is most of it. */
const sizeOf = (feed: ReadyFeed) =>
  feed.items.reduce((n, i) => n + i.contentHtml.length + i.contentText.length + (i.summary?.length ?? 0) + 200, 0);

export function createFeedStore(deps: FeedStoreOptions): FeedStore {
  // PGlite has one connection: a group holds it for ~0.2 ms per item, so groups stay short enough (~100 ms) not to stall page requests.
  const maxGroupItems = deps.maxGroupItems ?? 500;
  const maxGroupChars = deps.maxGroupChars ?? 16 * 1024 * 1024;
  const lingerMs = deps.lingerMs ?? 50;
  type Waiting = { feed: ReadyFeed; resolve(s: Stored): void; reject(e: unknown): void };
  const queue: Waiting[] = [];
  let writing = false;
  let inParse = 0;
  let changed: (() => void) | undefined;
  const notify = () => changed?.();
  const queuedItems = () => queue.reduce((n, w) => n + w.feed.items.length, 0);

  /** Waits while feeds are still being parsed, until they arrive, the group is full, or `lingerMs` passed. */
  const linger = async () => {
    const deadline = performance.now() + lingerMs;
    while (inParse > 0 && queuedItems() < maxGroupItems) {
      const left = deadline - performance.now();
      if (left <= 0) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        changed = () => (clearTimeout(timer), resolve());
      });
      changed = undefined;
    }
  };

  const write = async (group: ReadyFeed[]): Promise<Stored[]> =>
    inTransaction(deps.db, async (tx) => {
      const stored = await storeFeedItems(
        tx,
        group.map((f) => ({ feedId: f.feed.feedId, items: f.items })),
        deps.now?.() ?? new Date(),
      );
      await recordOutcomes(tx, group);
      return stored;
    });

  const pump = async () => {
    if (writing || queue.length === 0) return;
    writing = true;
    await linger();
    const group: Waiting[] = [];
    let items = 0;
    let chars = 0;
    while (queue.length) {
      const next = queue[0].feed;
      const size = sizeOf(next);
      if (group.length > 0 && (items + next.items.length > maxGroupItems || chars + size > maxGroupChars)) break;
      items += next.items.length;
      chars += size;
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
        deps.log.warn('group write failed; writing its feeds one by one', {
          feeds: group.length,
          error: err instanceof Error ? err.message : String(err),
        });
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
        notify();
        void pump();
      });
    },
    parsing() {
      inParse += 1;
      let ended = false;
      return () => {
        if (ended) return;
        ended = true;
        inParse -= 1;
        notify();
      };
    },
  };
}
