import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { articles } from '../articles/articles.sql.ts';
import { claims } from '../claims/claims.sql.ts';
import { conflictingPairs } from '../claims/compare.ts';
import * as Ledger from '../claims/ledger.ts';
import { claimChecks } from '../crosscheck/crosscheck.sql.ts';
import * as FigureStatus from '../crosscheck/figure-status.ts';
import * as Stances from '../crosscheck/stances.ts';
import type { Db } from '../db/client.ts';
import { comments, storyDiscussions, storyVisits } from '../discussion/comments.sql.ts';
import * as Flags from './flags.ts';
import * as Locks from './locks.ts';
import { contextOf, type QueueContext } from './queue-context.ts';
import { disagreement, priority } from './ranking.ts';
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

/**
 * The queue: unsupported figures and every item with open flags, most urgent first (ranking.ts),
 * optionally only those with one reason ("unsupported" for unsupported figures).
 */
export async function queue(
  db: Db,
  options: { reason?: string; limit: number; offset?: number; now: Date },
): Promise<{ items: QueueItem[]; total: number }> {
  const open = await Flags.open(db);
  const unsupported = await FigureStatus.figuresWithStatus(db, ['unsupported'], 500);
  const refs = new Map<string, Item>();
  for (const f of unsupported)
    refs.set(itemKey({ kind: 'figure', id: f.figureId }), { kind: 'figure', id: f.figureId });
  for (const f of open)
    refs.set(itemKey({ kind: f.targetKind, id: f.targetId }), { kind: f.targetKind, id: f.targetId });
  const all = await Promise.all([...refs.values()].map((item) => build(db, item, open, options.now)));
  const wanted = all.filter((q) => !options.reason || q.reasons.some((r) => r.reason === options.reason));
  wanted.sort((a, b) => b.priority - a.priority || b.since.getTime() - a.since.getTime() || a.key.localeCompare(b.key));
  const offset = options.offset ?? 0;
  return {
    items: await Promise.all(wanted.slice(offset, offset + options.limit).map(withContext(db))),
    total: wanted.length,
  };
}

/** One item as its row shows it now (after an action, to update the row in place). */
export async function queueItem(db: Db, item: Item, now: Date): Promise<QueueItem> {
  const open = await Flags.open(db, { kind: item.kind === 'figure' ? undefined : item.kind, ids: [item.id] });
  return withContext(db)(
    await build(
      db,
      item,
      open.filter((f) => f.targetKind === item.kind),
      now,
    ),
  );
}

const withContext =
  (db: Db) =>
  async (q: Omit<QueueItem, 'context'>): Promise<QueueItem> => ({ ...q, context: await contextOf(db, q.target) });

async function build(db: Db, item: Item, open: Flags.Flag[], now: Date): Promise<Omit<QueueItem, 'context'>> {
  const target = await describe(db, item);
  const flags = open.filter((f) => f.targetKind === item.kind && f.targetId === item.id);
  const status = target.figureId ? await FigureStatus.statusOf(db, target.figureId) : null;
  const reasons = new Map<string, { reason: string; count: number; weight: number }>();
  if (status?.status === 'unsupported' && item.kind === 'figure')
    reasons.set('unsupported', { reason: 'unsupported', count: 1, weight: 0 });
  for (const f of flags) {
    const r = reasons.get(f.reason) ?? { reason: f.reason, count: 0, weight: 0 };
    reasons.set(f.reason, { ...r, count: r.count + 1, weight: r.weight + f.weight });
  }
  const since =
    latest([
      ...flags.map((f) => f.createdAt),
      ...(item.kind === 'figure' ? [await lastUnsourced(db, item.id), status?.change?.createdAt] : []),
    ]) ?? now;
  const signals = {
    flagWeight: flags.reduce((s, f) => s + f.weight, 0),
    reach: await reachOf(db, target),
    disagreement: await disagreementOf(db, target),
    ageHours: Math.max(0, (now.getTime() - since.getTime()) / 3_600_000),
  };
  const locked =
    target.storyId !== null && item.kind !== 'claim'
      ? await Locks.isLocked(db, target.storyId, item.kind === 'comment' ? item.id : null)
      : false;
  return {
    item,
    key: itemKey(item),
    target,
    reasons: [...reasons.values()],
    flags,
    signals,
    priority: priority(signals),
    since,
    status,
    locked,
  };
}

const latest = (dates: (Date | null | undefined)[]) =>
  dates.filter((d): d is Date => !!d).sort((a, b) => b.getTime() - a.getTime())[0];

/** When the figure was last stated without a source (a restatement makes it current again). */
async function lastUnsourced(db: Db, figureId: number): Promise<Date | null> {
  const [row] = await db
    .select({ at: claims.statedAt })
    .from(claims)
    .innerJoin(claimChecks, eq(claimChecks.claimId, claims.claimId))
    .where(and(eq(claims.figureId, figureId), eq(claimChecks.outcome, 'unsourced')))
    .orderBy(desc(claims.statedAt))
    .limit(1);
  return row?.at ?? null;
}

/** Distinct readers of the stories it appears in, plus replies to the comments concerned. */
async function reachOf(db: Db, target: Target): Promise<number> {
  const { kind, id } = target.item;
  if (kind === 'story') {
    const [d] = await db
      .select({ n: storyDiscussions.commentCount })
      .from(storyDiscussions)
      .where(eq(storyDiscussions.storyId, id));
    return (await visitors(db, [id])) + (d?.n ?? 0);
  }
  if (kind === 'comment') {
    const [c] = await db
      .select({ storyId: comments.storyId, path: comments.path })
      .from(comments)
      .where(eq(comments.commentId, id));
    const [{ n }] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(comments)
      .where(
        and(
          eq(comments.storyId, c.storyId),
          sql`${comments.path} > ${`${c.path}.`}`,
          sql`${comments.path} < ${`${c.path}/`}`,
        ),
      );
    return (await visitors(db, [c.storyId])) + n;
  }
  if (target.figureId === null) return 0;
  const stated = await db
    .select({ storyId: comments.storyId, replies: comments.replySeq })
    .from(claims)
    .innerJoin(comments, eq(comments.commentId, claims.commentId))
    .where(and(eq(claims.figureId, target.figureId), isNull(comments.deletedAt)));
  const inArticles = await db
    .selectDistinct({ storyId: articles.storyId })
    .from(claims)
    .innerJoin(articles, eq(articles.articleId, claims.articleId))
    .where(eq(claims.figureId, target.figureId));
  const storyIds = [
    ...new Set([...stated.map((s) => s.storyId), ...inArticles.flatMap((s) => (s.storyId ? [s.storyId] : []))]),
  ];
  return (await visitors(db, storyIds)) + stated.reduce((s, c) => s + c.replies, 0);
}

async function visitors(db: Db, storyIds: number[]): Promise<number> {
  if (storyIds.length === 0) return 0;
  const [{ n }] = await db
    .select({ n: sql<number>`count(distinct ${storyVisits.userId})::int` })
    .from(storyVisits)
    .where(inArray(storyVisits.storyId, storyIds));
  return n;
}

/** Stances for and against its figure(s), and whether the ledger's sources contradict each other. */
async function disagreementOf(db: Db, target: Target): Promise<number> {
  const figureIds =
    target.figureId !== null
      ? [target.figureId]
      : target.item.kind === 'comment'
        ? (await db.select({ f: claims.figureId }).from(claims).where(eq(claims.commentId, target.item.id))).flatMap(
            (r) => (r.f ? [r.f] : []),
          )
        : [];
  if (figureIds.length === 0) return 0;
  const counts = await Stances.countsOf(db, figureIds);
  let total = 0;
  for (const id of figureIds) {
    const ledger = (await Ledger.claimsOfFigures(db, [id])).filter((c) => c.articleId !== null);
    total += disagreement(counts.get(id) ?? { supports: 0, disputes: 0 }, conflictingPairs(ledger).length > 0);
  }
  return total;
}
