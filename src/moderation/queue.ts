import * as FigureStatus from '../crosscheck/figure-status.ts';
import type { Db } from '../db/client.ts';
import * as Flags from './flags.ts';
import * as Locks from './locks.ts';
import { contextOf, type QueueContext } from './queue-context.ts';
import { rank, type Ranked } from './queue-signals.ts';
import { describe, itemKey, type Item, type Target } from './targets.ts';

/** One row of /moderation: what it is, why it is here, how urgent, and what a moderator needs to judge it. */
export type QueueItem = {
  item: Item;
  key: string;
  target: Target;
  /** Open flags by reason (an unsupported figure shows "unsupported figure"), with their weight. */
  reasons: { reason: string; count: number; weight: number }[];
  flags: Flags.Flag[];
  signals: { flagWeight: number; reach: number; disagreement: number; ageHours: number };
  priority: number;
  since: Date;
  status: FigureStatus.CurrentStatus | null;
  locked: boolean;
  context: QueueContext;
};

export const QUEUE_PAGE = 20;

/** Unsupported figures beyond this many (the most recently marked first) wait for the next ones to be handled. */
const UNSUPPORTED_CANDIDATES = 500;

/**
 * The queue: unsupported figures and every item with open flags, most urgent first (ranking.ts),
 * optionally only those with one reason ("unsupported" for unsupported figures). Every candidate is
 * ranked by a fixed number of set-based queries (queue-signals.ts); only the page's rows are described.
 */
export async function queue(
  db: Db,
  options: { reason?: string; limit: number; offset?: number; now: Date },
): Promise<{ items: QueueItem[]; total: number }> {
  const open = await Flags.open(db);
  const unsupported = await FigureStatus.figuresWithStatus(db, ['unsupported'], UNSUPPORTED_CANDIDATES);
  const refs = new Map<string, Item>();
  for (const f of unsupported)
    refs.set(itemKey({ kind: 'figure', id: f.figureId }), { kind: 'figure', id: f.figureId });
  for (const f of open)
    refs.set(itemKey({ kind: f.targetKind, id: f.targetId }), { kind: f.targetKind, id: f.targetId });
  const ranked = await rank(db, [...refs.values()], open, options.now);
  const wanted = ranked.filter((q) => !options.reason || q.reasons.some((r) => r.reason === options.reason));
  wanted.sort((a, b) => b.priority - a.priority || b.since.getTime() - a.since.getTime() || a.key.localeCompare(b.key));
  const offset = options.offset ?? 0;
  return { items: await rows(db, wanted.slice(offset, offset + options.limit)), total: wanted.length };
}

/** One item as its row shows it now (after an action, to update the row in place). */
export async function queueItem(db: Db, item: Item, now: Date): Promise<QueueItem> {
  const open = await Flags.open(db, { kind: item.kind === 'figure' ? undefined : item.kind, ids: [item.id] });
  const [ranked] = await rank(
    db,
    [item],
    open.filter((f) => f.targetKind === item.kind),
    now,
  );
  return (await rows(db, [ranked]))[0];
}

/** The page's rows: each target described with its lock and the context a moderator judges it by. */
async function rows(db: Db, page: Ranked[]): Promise<QueueItem[]> {
  return Promise.all(
    page.map(async (q) => {
      const target = await describe(db, q.item);
      const locked =
        target.storyId !== null && q.item.kind !== 'claim'
          ? await Locks.isLocked(db, target.storyId, q.item.kind === 'comment' ? q.item.id : null)
          : false;
      return { ...q, target, locked, context: await contextOf(db, target) };
    }),
  );
}
