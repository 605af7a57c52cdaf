/**
 * Writing a comment, a use case over several domains: the discussion stores it, moderation may have
 * locked the thread, and cross-checking files its figures in the ledger. Preview and post share one
 * text normalisation (Comments.commentBody), so a preview shows exactly what posting would store.
 */
import type { CurrentUser } from '../accounts/accounts.ts';
import { checkText, type FigureCheck } from '../crosscheck/check.ts';
import { recordAfterPosting, threadSubjectsOf } from '../crosscheck/comment-figures.ts';
import type { Db } from '../db/client.ts';
import * as Comments from '../discussion/comments.ts';
import type { Logger } from '../log.ts';
import * as Locks from '../moderation/locks.ts';

type Deps = { db: Db; log: Logger };

export type CommentPreview = { body: string; html: string; checks: FigureCheck[]; problem: null } | { problem: string };

/** The comment as it would be stored, rendered, with its figures checked against the ledger; or why it cannot be posted. */
export async function previewComment(
  deps: Deps,
  input: { text: string; storyId: number | null; parentId: number | null; now: Date },
): Promise<CommentPreview> {
  const { body, problem } = Comments.commentBody(input.text);
  if (problem !== null) return { problem };
  const threadSubjects = input.storyId ? await threadSubjectsOf(deps.db, input.parentId, input.storyId) : [];
  const { html } = await Comments.render(deps.db, body);
  return { body, html, checks: await checkText(deps.db, body, { threadSubjects, now: input.now }), problem: null };
}

/**
 * Posts a comment or reply: refused (409) in a locked thread, then `admit` (the caller's rate limit,
 * charged only for a comment that may be posted), then stored and its figures checked. A failed
 * figure check is logged and never loses the comment.
 */
export async function postComment(
  deps: Deps,
  input: { storyId: number; parentId: number | null; author: CurrentUser; text: string; now: Date },
  options: { admit?: () => Promise<void> } = {},
): Promise<Comments.Comment> {
  await Locks.assertOpen(deps.db, input.storyId, input.parentId);
  await options.admit?.();
  const posted = await Comments.post(deps.db, input);
  await recordAfterPosting(deps, posted, { now: input.now });
  return posted;
}

/** Edits a comment (its author, within the edit window) and checks its figures again. */
export async function editComment(
  deps: Deps,
  input: { commentId: number; actor: CurrentUser; text: string; now: Date },
): Promise<Comments.Comment> {
  const edited = await Comments.edit(deps.db, input);
  await recordAfterPosting(deps, edited, { now: input.now });
  return edited;
}
