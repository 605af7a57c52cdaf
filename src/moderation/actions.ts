import { parseTags, setTags } from '../stories/tags.ts';
import { and, eq } from 'drizzle-orm';
import { isStaff, type CurrentUser } from '../accounts/accounts.ts';
import { articles } from '../articles/articles.sql.ts';
import * as FigureStatus from '../crosscheck/figure-status.ts';
import type { Db } from '../db/client.ts';
import { inTransaction } from '../db/sql.ts';
import * as Comments from '../discussion/comments.ts';
import { AppError } from '../errors.ts';
import { invalidInput } from '../input-error.ts';
import { merge, split } from '../stories/merge.ts';
import * as Flags from './flags.ts';
import * as Locks from './locks.ts';
import * as Log from './log.ts';
import { commentRemovals, type ModerationAction } from './moderation.sql.ts';
import * as Sanctions from './sanctions.ts';
import { describe, type Item, type ItemKind, type Target } from './targets.ts';

/** Which actions apply to which queue item. */
export const ACTIONS: Record<ItemKind, readonly string[]> = {
  figure: ['set_status'],
  claim: ['set_status', 'dismiss_flags'],
  comment: [
    'remove_comment',
    'restore_comment',
    'lock_thread',
    'unlock_thread',
    'warn_user',
    'suspend_user',
    'dismiss_flags',
  ],
  story: ['merge_story', 'split_story', 'edit_tags', 'lock_thread', 'unlock_thread', 'dismiss_flags'],
};

export type ActInput = Item & {
  action: string;
  reason: string;
  moderator: CurrentUser;
  now: Date;
  /** set_status */
  status?: string;
  sourceUrl?: string | null;
  /** suspend_user */
  days?: number;
  /** merge_story */
  intoStoryId?: number;
  /** split_story */
  articleId?: number;
  /** edit_tags: comma- or space-separated */
  tags?: string;
};

export const MAX_REASON = FigureStatus.MAX_REASON;

/**
 * One moderator action: staff only, a reason always, never on the moderator's own content;
 * the item's open flags are resolved with it and the public log gets a line — all in one
 * transaction, so a refused or failed action leaves no trace.
 */
export async function act(db: Db, input: ActInput): Promise<ModerationAction> {
  if (!isStaff(input.moderator)) throw forbidden('Only moderators and admins can do that.');
  if (!ACTIONS[input.kind].includes(input.action)) throw invalidInput(`That action does not apply to a ${input.kind}.`);
  const reason = input.reason.trim();
  if (!reason) throw invalidInput('Give a reason: it is shown in the public moderation log.');
  if (reason.length > MAX_REASON) throw invalidInput(`Keep the reason under ${MAX_REASON} characters.`);
  const target = await describe(db, input);
  if (target.ownerIds.includes(input.moderator.userId))
    throw forbidden('You cannot moderate your own content: leave it to another moderator.');
  return inTransaction(db, async (tx) => {
    const detail = await perform(tx, input, target, reason);
    const resolution = input.action === 'dismiss_flags' ? 'dismissed' : 'actioned';
    const resolved =
      input.kind === 'figure'
        ? 0
        : await Flags.resolve(
            tx,
            { kind: input.kind, id: input.id },
            { by: input.moderator.userId, resolution, now: input.now },
          );
    if (input.action === 'dismiss_flags' && resolved === 0)
      throw invalidInput('There are no open flags on this to dismiss.', { status: 409 });
    return Log.record(tx, {
      moderatorId: input.moderator.userId,
      action: input.action,
      targetKind: input.kind,
      targetId: input.id,
      targetLabel: target.label,
      targetPath: target.path,
      reason,
      detail,
      createdAt: input.now,
    });
  });
}

/** Does the action; returns the log line's detail. */
async function perform(tx: Db, input: ActInput, target: Target, reason: string): Promise<string | null> {
  const by = input.moderator.userId;
  switch (input.action) {
    case 'set_status': {
      if (target.figureId === null) throw invalidInput('This figure names no subject, so it has no status to set.');
      const change = await FigureStatus.setStatus(tx, {
        figureId: target.figureId,
        to: input.status ?? '',
        reason,
        sourceUrl: input.sourceUrl?.trim() || null,
        moderator: input.moderator,
        now: input.now,
      });
      return `${change.fromStatus} → ${change.toStatus}${change.sourceUrl ? ` (source: ${change.sourceUrl})` : ''}`;
    }
    case 'remove_comment': {
      if (target.deleted) throw invalidInput('That comment is already removed.', { status: 409 });
      const current = (await Comments.byId(tx, input.id))!;
      await tx
        .insert(commentRemovals)
        .values({
          commentId: input.id,
          body: current.body,
          bodyHtml: current.bodyHtml,
          removedBy: by,
          removedAt: input.now,
        })
        .onConflictDoUpdate({
          target: commentRemovals.commentId,
          set: { body: current.body, bodyHtml: current.bodyHtml, removedBy: by, removedAt: input.now },
        });
      await Comments.tombstone(tx, { commentId: input.id, by, now: input.now });
      return null;
    }
    case 'restore_comment': {
      const [kept] = await tx.select().from(commentRemovals).where(eq(commentRemovals.commentId, input.id));
      if (!target.deleted || !kept)
        throw invalidInput('Only a comment a moderator removed can be restored.', { status: 409 });
      await Comments.restore(tx, { commentId: input.id, body: kept.body, bodyHtml: kept.bodyHtml });
      await tx.delete(commentRemovals).where(eq(commentRemovals.commentId, input.id));
      return null;
    }
    case 'lock_thread':
    case 'unlock_thread': {
      const where = { storyId: target.storyId!, commentId: input.kind === 'comment' ? input.id : null };
      const changed =
        input.action === 'lock_thread'
          ? await Locks.lock(tx, { ...where, by, now: input.now })
          : await Locks.unlock(tx, where);
      if (!changed)
        throw invalidInput(
          input.action === 'lock_thread' ? 'That thread is already locked.' : 'That thread is not locked.',
          { status: 409 },
        );
      return input.kind === 'story' ? 'the whole discussion' : 'this comment and its replies';
    }
    case 'edit_tags': {
      const tags = await setTags(tx, input.id, parseTags(input.tags ?? ''), input.now);
      return tags.length ? `tags: ${tags.join(', ')}` : 'tags cleared';
    }
    case 'merge_story': {
      if (!input.intoStoryId) throw invalidInput('Name the story to merge this one into.');
      await merge(tx, input.id, input.intoStoryId);
      return `into story #${input.intoStoryId}`;
    }
    case 'split_story': {
      const [article] = input.articleId
        ? await tx
            .select({ id: articles.articleId })
            .from(articles)
            .where(and(eq(articles.articleId, input.articleId), eq(articles.storyId, input.id)))
        : [];
      if (!article) throw invalidInput('Choose an article of this story to split off.');
      return `article #${article.id} into story #${await split(tx, article.id)}`;
    }
    case 'warn_user':
    case 'suspend_user': {
      const author = target.author!;
      if (isStaff({ role: author.role as CurrentUser['role'] }) && input.moderator.role !== 'admin')
        throw forbidden('Only an admin can warn or suspend a moderator.');
      const days = input.action === 'suspend_user' ? input.days : null;
      if (
        days !== null &&
        (days === undefined || !Number.isInteger(days) || days < 1 || days > Sanctions.MAX_SUSPENSION_DAYS)
      )
        throw invalidInput(`Suspend for 1 to ${Sanctions.MAX_SUSPENSION_DAYS} days.`);
      const s = await Sanctions.record(tx, {
        userId: author.userId,
        kind: days === null ? 'warning' : 'suspension',
        reason,
        days: days ?? null,
        moderatorId: by,
        now: input.now,
      });
      return `${author.username}${s.until ? ` until ${s.until.toISOString().slice(0, 10)}` : ''}`;
    }
    default:
      return null; // dismiss_flags: resolving them is the action
  }
}

const forbidden = (message: string) => new AppError('forbidden', message, { status: 403, userMessage: message });
