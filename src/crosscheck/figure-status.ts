import { asc, desc, eq, inArray } from 'drizzle-orm';
import type { CurrentUser } from '../accounts/accounts.ts';
import { users } from '../accounts/accounts.sql.ts';
import { figures } from '../claims/claims.sql.ts';
import type { Db } from '../db/client.ts';
import { inTransaction } from '../db/sql.ts';
import { AppError } from '../errors.ts';
import { invalidInput } from '../input-error.ts';
import * as Notices from './notices.ts';
import { FIGURE_STATUSES, figureStatusChanges, type FigureStatus, type FigureStatusChange } from './crosscheck.sql.ts';

export { FIGURE_STATUSES, type FigureStatus, type FigureStatusChange };

/**
 * A figure's review status: unreviewed → supported | disputed | unsupported | verified | incorrect.
 * - Automatic changes come from comment checks (check.ts): an unsourced figure becomes
 *   "unsupported"; an automatically unsupported figure that a later check finds a source for
 *   becomes "supported". They never override a moderator's decision.
 * - Moderators set any other status with a reason; "verified" and "incorrect" also need a source
 *   link (what the figure was checked against). Setting the current status again is refused.
 * Every change is a row (who, when, why); the latest row is the current status.
 */
export type CurrentStatus = { status: FigureStatus; change: FigureStatusChange | null };
export type StatusChangeView = FigureStatusChange & { moderatorName: string | null };

export const MAX_REASON = 1000;
const NEEDS_SOURCE = new Set<FigureStatus>(['verified', 'incorrect']);

export async function statusesOf(db: Db, figureIds: number[]): Promise<Map<number, CurrentStatus>> {
  const ids = [...new Set(figureIds)];
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectDistinctOn([figureStatusChanges.figureId])
    .from(figureStatusChanges)
    .where(inArray(figureStatusChanges.figureId, ids))
    .orderBy(figureStatusChanges.figureId, desc(figureStatusChanges.changeId));
  const out = new Map<number, CurrentStatus>(ids.map((id) => [id, { status: 'unreviewed', change: null }]));
  for (const r of rows) out.set(r.figureId, { status: r.toStatus, change: r });
  return out;
}

export async function statusOf(db: Db, figureId: number): Promise<CurrentStatus> {
  return (await statusesOf(db, [figureId])).get(figureId)!;
}

const columns = {
  changeId: figureStatusChanges.changeId,
  figureId: figureStatusChanges.figureId,
  fromStatus: figureStatusChanges.fromStatus,
  toStatus: figureStatusChanges.toStatus,
  reason: figureStatusChanges.reason,
  sourceUrl: figureStatusChanges.sourceUrl,
  moderatorId: figureStatusChanges.moderatorId,
  createdAt: figureStatusChanges.createdAt,
};

export async function history(db: Db, figureId: number): Promise<StatusChangeView[]> {
  return db
    .select({ ...columns, moderatorName: users.username })
    .from(figureStatusChanges)
    .leftJoin(users, eq(users.userId, figureStatusChanges.moderatorId))
    .where(eq(figureStatusChanges.figureId, figureId))
    .orderBy(asc(figureStatusChanges.changeId));
}

/** Why a moderator's change is refused, or null. Pure. */
export function refusal(
  from: FigureStatus,
  to: string,
  input: { reason: string; sourceUrl: string | null },
): string | null {
  if (!(FIGURE_STATUSES as readonly string[]).includes(to) || to === 'unreviewed')
    return `Choose one of: ${FIGURE_STATUSES.filter((s) => s !== 'unreviewed').join(', ')}.`;
  if (to === from) return `The figure is already ${to}.`;
  if (!input.reason.trim()) return 'Give a reason: it is shown in the public moderation log.';
  if (input.reason.length > MAX_REASON) return `Keep the reason under ${MAX_REASON} characters.`;
  if (NEEDS_SOURCE.has(to as FigureStatus) && !isHttpUrl(input.sourceUrl))
    return `Marking a figure ${to} needs the link of the source it was checked against.`;
  if (input.sourceUrl && !isHttpUrl(input.sourceUrl)) return 'The source must be an http(s) link.';
  return null;
}

export const isHttpUrl = (s: string | null | undefined): s is string =>
  !!s && /^https?:\/\/[^\s/]+\.[^\s]+$/i.test(s) && s.length <= 2000;

/**
 * A moderator's change (the caller has checked the role and that the figure is not their own).
 * The figure row is locked so two moderators cannot both move it from the same status.
 */
export async function setStatus(
  db: Db,
  input: { figureId: number; to: string; reason: string; sourceUrl: string | null; moderator: CurrentUser; now: Date },
): Promise<FigureStatusChange> {
  return inTransaction(db, async (tx) => {
    await lockFigure(tx, input.figureId);
    const { status } = await statusOf(tx, input.figureId);
    const problem = refusal(status, input.to, input);
    if (problem) throw invalidInput(problem);
    const [change] = await tx
      .insert(figureStatusChanges)
      .values({
        figureId: input.figureId,
        fromStatus: status,
        toStatus: input.to as FigureStatus,
        reason: input.reason.trim(),
        sourceUrl: input.sourceUrl || null,
        moderatorId: input.moderator.userId,
        createdAt: input.now,
      })
      .returning();
    await Notices.notifyStatusChange(tx, change, { exceptUserId: input.moderator.userId });
    return change;
  });
}

/** An automatic change after a comment's check; null when a moderator has decided or nothing changes. */
export async function markAutomatically(
  tx: Db,
  input: { figureId: number; to: 'supported' | 'unsupported'; reason: string; actorId: number | null; now: Date },
): Promise<FigureStatusChange | null> {
  await lockFigure(tx, input.figureId);
  const { status, change } = await statusOf(tx, input.figureId);
  if (change?.moderatorId) return null;
  const allowed = input.to === 'unsupported' ? status === 'unreviewed' : status === 'unsupported';
  if (!allowed) return null;
  const [row] = await tx
    .insert(figureStatusChanges)
    .values({
      figureId: input.figureId,
      fromStatus: status,
      toStatus: input.to,
      reason: input.reason,
      moderatorId: null,
      createdAt: input.now,
    })
    .returning();
  await Notices.notifyStatusChange(tx, row, { exceptUserId: input.actorId });
  return row;
}

async function lockFigure(tx: Db, figureId: number): Promise<void> {
  const [row] = await tx
    .select({ id: figures.figureId })
    .from(figures)
    .where(eq(figures.figureId, figureId))
    .for('update');
  if (!row) throw new AppError('not_found', 'No such figure.', { status: 404 });
}

/** Figures whose current status is one of `statuses`, most recently changed first. */
export async function figuresWithStatus(
  db: Db,
  statuses: FigureStatus[],
  limit: number,
): Promise<{ figureId: number; change: FigureStatusChange }[]> {
  const latest = db
    .selectDistinctOn([figureStatusChanges.figureId])
    .from(figureStatusChanges)
    .orderBy(figureStatusChanges.figureId, desc(figureStatusChanges.changeId))
    .as('latest');
  const rows = await db
    .select()
    .from(latest)
    .where(inArray(latest.toStatus, statuses))
    .orderBy(desc(latest.changeId))
    .limit(limit);
  return rows.map((r) => ({ figureId: r.figureId, change: r as FigureStatusChange }));
}
