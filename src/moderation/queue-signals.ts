import { conflictingPairs } from '../claims/compare.ts';
import * as Ledger from '../claims/ledger.ts';
import * as Activity from '../crosscheck/figure-activity.ts';
import * as FigureStatus from '../crosscheck/figure-status.ts';
import * as Stances from '../crosscheck/stances.ts';
import type { Db } from '../db/client.ts';
import * as Reach from '../discussion/reach.ts';
import type { Flag } from './flags.ts';
import { disagreement, priority, type Signals } from './ranking.ts';
import { itemKey, type Item } from './targets.ts';

/** A queue candidate ranked, before its row is described: everything the order and the filter need. */
export type Ranked = {
  item: Item;
  key: string;
  /** The figure it concerns (a figure, or the figure an article's claim files under). */
  figureId: number | null;
  reasons: { reason: string; count: number; weight: number }[];
  flags: Flag[];
  signals: Signals;
  priority: number;
  since: Date;
  status: FigureStatus.CurrentStatus | null;
};

/**
 * Ranks every candidate with a fixed number of set-based queries, whatever the queue's size: each
 * signal (status, last unsourced statement, reach, stances, contradicting sources) is asked of its
 * owning module once for all candidates.
 */
export async function rank(db: Db, items: Item[], open: Flag[], now: Date): Promise<Ranked[]> {
  const ids = (kind: Item['kind']) => items.filter((i) => i.kind === kind).map((i) => i.id);
  const claimFigures = await Activity.figuresOfClaims(db, ids('claim'));
  const figureOf = (i: Item) =>
    i.kind === 'figure' ? i.id : i.kind === 'claim' ? (claimFigures.get(i.id) ?? null) : null;
  const commentFigures = await Activity.figuresStatedIn(db, ids('comment'));
  const figureIds = [...new Set([...items.flatMap((i) => figureOf(i) ?? []), ...[...commentFigures.values()].flat()])];
  const [statuses, unsourced, reach, stances, ledger, threads, counts] = await Promise.all([
    FigureStatus.statusesOf(
      db,
      items.flatMap((i) => figureOf(i) ?? []),
    ),
    Activity.lastUnsourced(db, ids('figure')),
    Activity.reachOfFigures(
      db,
      items.flatMap((i) => figureOf(i) ?? []),
    ),
    Stances.countsOf(db, figureIds),
    Ledger.claimsOfFigures(db, figureIds),
    Reach.repliesBelow(db, ids('comment')),
    Reach.commentCounts(db, ids('story')),
  ]);
  const conflicting = conflictsOf(ledger);
  const storiesOf = (i: Item, figureId: number | null): number[] =>
    i.kind === 'story'
      ? [i.id]
      : i.kind === 'comment'
        ? [threads.get(i.id)!.storyId]
        : figureId !== null
          ? reach.get(figureId)!.storyIds
          : [];
  const readers = await Reach.readersOf(db, new Map(items.map((i) => [itemKey(i), storiesOf(i, figureOf(i))])));
  const byItem = flagsByItem(open);
  return items.map((item) => {
    const key = itemKey(item);
    const figureId = figureOf(item);
    const flags = byItem.get(key) ?? [];
    const status = figureId !== null ? statuses.get(figureId)! : null;
    const replies =
      item.kind === 'story'
        ? counts.get(item.id)!
        : item.kind === 'comment'
          ? threads.get(item.id)!.replies
          : figureId !== null
            ? reach.get(figureId)!.replies
            : 0;
    const figuresConcerned =
      item.kind === 'comment' ? commentFigures.get(item.id)! : figureId !== null ? [figureId] : [];
    const since =
      latest([
        ...flags.map((f) => f.createdAt),
        ...(item.kind === 'figure' ? [unsourced.get(item.id), status?.change?.createdAt] : []),
      ]) ?? now;
    const signals = {
      flagWeight: flags.reduce((s, f) => s + f.weight, 0),
      reach: readers.get(key)! + replies,
      disagreement: figuresConcerned.reduce(
        (s, id) => s + disagreement(stances.get(id) ?? { supports: 0, disputes: 0 }, conflicting.has(id)),
        0,
      ),
      ageHours: Math.max(0, (now.getTime() - since.getTime()) / 3_600_000),
    };
    return {
      item,
      key,
      figureId,
      reasons: reasonsOf(item, status, flags),
      flags,
      signals,
      priority: priority(signals),
      since,
      status,
    };
  });
}

/** Open flags by reason (an unsupported figure shows "unsupported figure"), with their weight. */
function reasonsOf(item: Item, status: FigureStatus.CurrentStatus | null, flags: Flag[]): Ranked['reasons'] {
  const reasons = new Map<string, { reason: string; count: number; weight: number }>();
  if (status?.status === 'unsupported' && item.kind === 'figure')
    reasons.set('unsupported', { reason: 'unsupported', count: 1, weight: 0 });
  for (const f of flags) {
    const r = reasons.get(f.reason) ?? { reason: f.reason, count: 0, weight: 0 };
    reasons.set(f.reason, { ...r, count: r.count + 1, weight: r.weight + f.weight });
  }
  return [...reasons.values()];
}

/** The figures whose article sources contradict each other. */
function conflictsOf(ledger: Ledger.StoredClaim[]): Set<number> {
  const byFigure = new Map<number, Ledger.StoredClaim[]>();
  for (const c of ledger)
    if (c.figureId !== null && c.articleId !== null) byFigure.set(c.figureId, [...(byFigure.get(c.figureId) ?? []), c]);
  return new Set([...byFigure].filter(([, list]) => conflictingPairs(list).length > 0).map(([id]) => id));
}

function flagsByItem(open: Flag[]): Map<string, Flag[]> {
  const out = new Map<string, Flag[]>();
  for (const f of open) {
    const key = itemKey({ kind: f.targetKind, id: f.targetId });
    out.set(key, [...(out.get(key) ?? []), f]);
  }
  return out;
}

const latest = (dates: (Date | null | undefined)[]) =>
  dates.filter((d): d is Date => !!d).sort((a, b) => b.getTime() - a.getTime())[0];
