import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import * as Accounts from '../accounts/accounts.ts';
import { isStaff, type CurrentUser } from '../accounts/accounts.ts';
import { users } from '../accounts/accounts.sql.ts';
import type { Db } from '../db/client.ts';
import { inTransaction } from '../db/sql.ts';
import { AppError } from '../errors.ts';
import { invalidInput } from '../input-error.ts';
import { stripBidiControls } from '../ingest/sanitize.ts';
import { stories } from '../stories/stories.sql.ts';
import { comments, storyDiscussions, type Comment } from './comments.sql.ts';
import { renderCommentMarkdown, validateCommentText } from './markdown.ts';
import * as Notifications from './notifications.ts';
import { canDelete, canEdit } from './policy.ts';
import { childPath } from './tree.ts';

export type { Comment };

/** Deeper replies are refused: the path (7 bytes a level) and the page both stay bounded. */
export const MAX_THREAD_DEPTH = 100;

/** A comment as pages show it: the author's name and account age, tombstones blanked. */
export type CommentView = Pick<
  Comment,
  | 'commentId'
  | 'storyId'
  | 'parentId'
  | 'path'
  | 'depth'
  | 'authorId'
  | 'body'
  | 'bodyHtml'
  | 'createdAt'
  | 'editedAt'
  | 'deletedAt'
  | 'upvotes'
  | 'score'
> & { authorName: string; authorCreatedAt: Date; removedByStaff: boolean };

export const commentViewColumns = {
  commentId: comments.commentId,
  storyId: comments.storyId,
  parentId: comments.parentId,
  path: comments.path,
  depth: comments.depth,
  authorId: comments.authorId,
  body: comments.body,
  bodyHtml: comments.bodyHtml,
  createdAt: comments.createdAt,
  editedAt: comments.editedAt,
  deletedAt: comments.deletedAt,
  upvotes: comments.upvotes,
  score: comments.score,
  authorName: Accounts.publicName,
  authorCreatedAt: users.createdAt,
  removedByStaff: sql<boolean>`coalesce(${comments.deletedBy} <> ${comments.authorId}, false)`,
};

export async function byId(db: Db, commentId: number): Promise<CommentView | undefined> {
  const [row] = await db
    .select(commentViewColumns)
    .from(comments)
    .innerJoin(users, eq(users.userId, comments.authorId))
    .where(eq(comments.commentId, commentId));
  return row;
}

/**
 * Posts a comment on a story, or a reply when parentId is set. Throws invalid input (shown beside
 * the form) for bad text or a parent that is gone. Notifies the parent's author and @mentioned users.
 */
export async function post(
  db: Db,
  input: { storyId: number; parentId: number | null; author: CurrentUser; text: string; now: Date },
): Promise<Comment> {
  const body = cleanText(input.text);
  const rendered = await render(db, body);
  return inTransaction(db, async (tx) => {
    const place =
      input.parentId === null
        ? await nextTopLevel(tx, input.storyId)
        : await nextReply(tx, input.storyId, input.parentId);
    const [comment] = await tx
      .insert(comments)
      .values({
        storyId: input.storyId,
        parentId: input.parentId,
        path: place.path,
        depth: place.depth,
        authorId: input.author.userId,
        body,
        bodyHtml: rendered.html,
        createdAt: input.now,
      })
      .returning();
    await tx
      .update(storyDiscussions)
      .set({ commentCount: sql`${storyDiscussions.commentCount} + 1`, lastCommentAt: input.now })
      .where(eq(storyDiscussions.storyId, input.storyId));
    await Notifications.forNewComment(tx, {
      comment,
      parentAuthorId: place.parentAuthorId,
      mentioned: rendered.mentionedIds,
    });
    return comment;
  });
}

type Place = { path: string; depth: number; parentAuthorId: number | null };

async function nextTopLevel(tx: Db, storyId: number): Promise<Place> {
  const [story] = await tx.select({ mergedInto: stories.mergedInto }).from(stories).where(eq(stories.storyId, storyId));
  if (!story) throw new AppError('not_found', 'No such story.', { status: 404 });
  if (story.mergedInto) throw invalidInput('This story was merged into another; comment there.', { status: 409 });
  const [d] = await tx
    .insert(storyDiscussions)
    .values({ storyId, topLevelSeq: 1 })
    .onConflictDoUpdate({
      target: storyDiscussions.storyId,
      set: { topLevelSeq: sql`${storyDiscussions.topLevelSeq} + 1` },
    })
    .returning({ seq: storyDiscussions.topLevelSeq });
  return { path: childPath(null, d.seq), depth: 0, parentAuthorId: null };
}

/** Takes the parent's next sequence number; the row lock serialises sibling replies. */
async function nextReply(tx: Db, storyId: number, parentId: number): Promise<Place> {
  const [parent] = await tx
    .update(comments)
    .set({ replySeq: sql`${comments.replySeq} + 1` })
    .where(and(eq(comments.commentId, parentId), eq(comments.storyId, storyId), isNull(comments.deletedAt)))
    .returning({ seq: comments.replySeq, path: comments.path, depth: comments.depth, authorId: comments.authorId });
  if (!parent)
    throw invalidInput('The comment you are replying to was deleted or is not part of this story.', { status: 409 });
  if (parent.depth + 1 > MAX_THREAD_DEPTH)
    throw invalidInput('This thread is too deep to reply to; reply further up.', { status: 409 });
  await tx.insert(storyDiscussions).values({ storyId }).onConflictDoNothing();
  return { path: childPath(parent.path, parent.seq), depth: parent.depth + 1, parentAuthorId: parent.authorId };
}

/** The author changes the text within the edit window; the comment then shows "edited". */
export async function edit(
  db: Db,
  input: { commentId: number; actor: CurrentUser; text: string; now: Date },
): Promise<Comment> {
  const current = await byId(db, input.commentId);
  if (!current) throw notFound();
  if (!canEdit(input.actor, current, input.now))
    throw forbidden(
      current.deletedAt
        ? 'A deleted comment cannot be edited.'
        : 'You can edit only your own comments, within two hours of posting.',
    );
  const body = cleanText(input.text);
  const rendered = await render(db, body);
  const [updated] = await db
    .update(comments)
    .set({ body, bodyHtml: rendered.html, editedAt: input.now })
    .where(eq(comments.commentId, input.commentId))
    .returning();
  return updated;
}

/** An author deletes their own comment: a tombstone keeps the thread's shape and its replies. */
export async function remove(db: Db, input: { commentId: number; actor: CurrentUser; now: Date }): Promise<Comment> {
  const current = await byId(db, input.commentId);
  if (!current) throw notFound();
  if (current.deletedAt) throw forbidden('That comment is already deleted.');
  if (!canDelete(input.actor, current)) {
    throw forbidden(
      isStaff(input.actor)
        ? "Moderators remove other people's comments through the moderation action, with a public reason."
        : 'Only the author can delete a comment.',
    );
  }
  return tombstone(db, { commentId: input.commentId, by: input.actor.userId, now: input.now });
}

/**
 * Blanks a comment and uncounts it. The caller checks who may: `remove` for authors, the moderation
 * action (which keeps a copy and logs the reason) for staff.
 */
export async function tombstone(db: Db, input: { commentId: number; by: number; now: Date }): Promise<Comment> {
  return inTransaction(db, async (tx) => {
    const [updated] = await tx
      .update(comments)
      .set({ body: '', bodyHtml: '', deletedAt: input.now, deletedBy: input.by })
      .where(and(eq(comments.commentId, input.commentId), isNull(comments.deletedAt)))
      .returning();
    if (updated)
      await tx
        .update(storyDiscussions)
        .set({ commentCount: sql`greatest(0, ${storyDiscussions.commentCount} - 1)` })
        .where(eq(storyDiscussions.storyId, updated.storyId));
    return updated ?? (await tx.select().from(comments).where(eq(comments.commentId, input.commentId)))[0];
  });
}

/**
 * Undoes a moderator's removal with the text the moderation module kept (src/moderation). The
 * caller checks who may; this only puts the comment back and counts it again.
 */
export async function restore(
  db: Db,
  input: { commentId: number; body: string; bodyHtml: string },
): Promise<Comment | undefined> {
  return inTransaction(db, async (tx) => {
    const [restored] = await tx
      .update(comments)
      .set({ body: input.body, bodyHtml: input.bodyHtml, deletedAt: null, deletedBy: null })
      .where(and(eq(comments.commentId, input.commentId), sql`${comments.deletedAt} is not null`))
      .returning();
    if (restored)
      await tx
        .update(storyDiscussions)
        .set({ commentCount: sql`${storyDiscussions.commentCount} + 1` })
        .where(eq(storyDiscussions.storyId, restored.storyId));
    return restored;
  });
}

/** The story a comment belongs to, for page titles and links, with its comment count. */
export async function storyRef(
  db: Db,
  storyId: number,
): Promise<{ storyId: number; title: string; mergedInto: number | null; commentCount: number } | undefined> {
  const [story] = await db
    .select({
      storyId: stories.storyId,
      title: stories.title,
      mergedInto: stories.mergedInto,
      commentCount: sql<number>`coalesce(${storyDiscussions.commentCount}, 0)::int`,
    })
    .from(stories)
    .leftJoin(storyDiscussions, eq(storyDiscussions.storyId, stories.storyId))
    .where(eq(stories.storyId, storyId));
  return story;
}

/** The story's comment count as its discussion heading shows it (deleted comments uncounted). */
export async function countOn(db: Db, storyId: number): Promise<number> {
  const [d] = await db
    .select({ n: storyDiscussions.commentCount })
    .from(storyDiscussions)
    .where(eq(storyDiscussions.storyId, storyId));
  return d?.n ?? 0;
}

/** Replies at any depth below a comment (one index range: see thread.ts). */
export async function descendantCount(db: Db, c: { storyId: number; path: string }): Promise<number> {
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
  return n;
}

export type UserComment = { commentId: number; storyId: number; storyTitle: string; bodyHtml: string; createdAt: Date };

/** A user's latest comments for their profile page, tombstones left out. */
export async function byAuthor(db: Db, userId: number, options: { limit: number }): Promise<UserComment[]> {
  return db
    .select({
      commentId: comments.commentId,
      storyId: comments.storyId,
      storyTitle: stories.title,
      bodyHtml: comments.bodyHtml,
      createdAt: comments.createdAt,
    })
    .from(comments)
    .innerJoin(stories, eq(stories.storyId, comments.storyId))
    .where(and(eq(comments.authorId, userId), isNull(comments.deletedAt)))
    .orderBy(desc(comments.createdAt), desc(comments.commentId))
    .limit(options.limit);
}

/**
 * The text as it is stored, or the message for the form: bidi controls stripped as feed text strips
 * them (they make the shown text read differently from what was written), validated, newlines as LF
 * (browsers send CRLF) and surrounding blank lines dropped.
 */
export function commentBody(raw: string): { body: string; problem: null } | { body: null; problem: string } {
  const text = stripBidiControls(raw); // first, so a comment of nothing but controls counts as empty
  const problem = validateCommentText(text);
  if (problem) return { body: null, problem };
  return { body: text.replace(/\r\n?/g, '\n').replace(/^\s*\n|\s+$/g, ''), problem: null };
}

function cleanText(raw: string): string {
  const { body, problem } = commentBody(raw);
  if (problem !== null) throw invalidInput(problem);
  return body;
}

const MENTION_CANDIDATE = /@([A-Za-z0-9_-]{2,24})/g;

/** Markdown to safe HTML; @name links only for accounts that exist. */
export async function render(db: Db, body: string): Promise<{ html: string; mentionedIds: number[] }> {
  const candidates = [...body.matchAll(MENTION_CANDIDATE)].map((m) => m[1]).slice(0, 50);
  const known = await Accounts.byUsernames(db, candidates);
  const rendered = renderCommentMarkdown(body, { userExists: (name) => known.has(name.toLowerCase()) });
  return { html: rendered.html, mentionedIds: rendered.mentions.map((n) => known.get(n.toLowerCase())!.userId) };
}

const notFound = () => new AppError('not_found', 'No such comment.', { status: 404 });
const forbidden = (message: string) => new AppError('forbidden', message, { status: 403, userMessage: message });
