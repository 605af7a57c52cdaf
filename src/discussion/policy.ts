/**
 * Who may do what to a comment. Readers (anonymous) read; commenters post, reply, vote on
 * others' comments and edit their own for a while. Only authors delete their own comments; staff
 * remove someone else's only through the moderation action (a public reason, a log line and a kept
 * copy that "restore" puts back), never through the author's delete.
 */
import { isStaff, type CurrentUser } from '../accounts/accounts.ts';

/** Whoever is looking: enough of CurrentUser to decide (views pass the page context's user). */
export type Viewer = Pick<CurrentUser, 'userId' | 'role'> | null | undefined;

/** Long enough to fix a typo or a wrong figure, short enough that replies cannot be pulled out from under. */
export const EDIT_WINDOW_MS = 2 * 60 * 60_000;

export type CommentFacts = { authorId: number; createdAt: Date; deletedAt: Date | null };

const own = (user: Viewer, c: CommentFacts) => !!user && user.userId === c.authorId;

export const canReply = (user: Viewer, c: CommentFacts) => !!user && !c.deletedAt;
export const canEdit = (user: Viewer, c: CommentFacts, now: Date) =>
  own(user, c) && !c.deletedAt && now.getTime() - c.createdAt.getTime() < EDIT_WINDOW_MS;
export const canDelete = (user: Viewer, c: CommentFacts) => !c.deletedAt && own(user, c);
/** Staff on someone else's comment: the logged moderation path (src/moderation/actions.ts). */
export const canRemoveAsStaff = (user: Viewer, c: CommentFacts) =>
  !!user && !c.deletedAt && !own(user, c) && isStaff(user);
/** No self-votes: they would only inflate. */
export const canVote = (user: Viewer, c: CommentFacts) => !!user && !c.deletedAt && !own(user, c);
/** Comment scores are hidden from everyone but the author and staff (see README: Discussion). */
export const canSeeScore = (user: Viewer, c: CommentFacts) => own(user, c) || isStaff(user);
