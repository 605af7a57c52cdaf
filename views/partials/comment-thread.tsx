import { raw } from 'hono/html';
import type { CommentView } from '../../src/discussion/comments.ts';
import { canDelete, canEdit, canRemoveAsStaff, canReply, canSeeScore, canVote } from '../../src/discussion/policy.ts';
import type { ThreadNode } from '../../src/discussion/thread.ts';
import { countDescendants } from '../../src/discussion/tree.ts';
import { isNewAccount } from '../../src/accounts/accounts.ts';
import { usePage } from '../page-context.ts';
import { TimeAgo } from './time-ago.tsx';
import { UserName } from './user-name.tsx';
import { VoteButton } from './vote-button.tsx';
import type { CommentFigure } from '../../src/crosscheck/discussion-figures.ts';
import { CommentFigures } from './comment-figures.tsx';
import type { CommentStance } from '../../src/crosscheck/stances.ts';
import { CommentStances } from './comment-stance.tsx';
import { FlagLink } from './flag-link.tsx';

/** Per-page facts the comments need besides the viewer (who comes from the page context). */
export type ThreadContext = {
  now: Date;
  /** Comments the viewer has upvoted. */
  voted: Set<number>;
  /** The viewer's previous visit: later comments by others are marked "new". */
  since: Date | null;
  /** The figures each comment states, with their checks and review status (src/crosscheck). */
  figures?: Map<number, CommentFigure[]>;
  /** The stances replies were posted with (supports / disputes / adds context, with evidence). */
  stances?: Map<number, CommentStance[]>;
};

/** Comments as nested lists; each is a <details> so a thread collapses without JavaScript. */
export function CommentItems(props: { nodes: ThreadNode[]; t: ThreadContext }) {
  return (
    <>
      {props.nodes.map((node) => (
        <CommentItem node={node} t={props.t} />
      ))}
    </>
  );
}

export function CommentItem(props: { node: ThreadNode; t: ThreadContext }) {
  const { node, t } = props;
  const c = node.row;
  const below = countDescendants(node) + node.hiddenReplies;
  return (
    <li class="comment" id={`c${c.commentId}`}>
      <details class="fold" open data-fold={String(c.commentId)}>
        <summary class="comment-head" id={`head-${c.commentId}`}>
          <CommentHead c={c} t={t} below={below} />
        </summary>
        <CommentMain c={c} t={t} />
        <div class="reply-slot" id={`reply-slot-${c.commentId}`}></div>
        <ol class="replies" id={`replies-${c.commentId}`}>
          <CommentItems nodes={node.children} t={t} />
        </ol>
        {node.hiddenReplies ? (
          <p class="continue">
            <a href={`/comments/${c.commentId}`}>
              Continue this thread ({node.hiddenReplies} more {node.hiddenReplies === 1 ? 'reply' : 'replies'}) →
            </a>
          </p>
        ) : null}
      </details>
    </li>
  );
}

/** Author, age, markers. `below` is shown only while the thread is collapsed. */
export function CommentHead(props: { c: CommentView; t: ThreadContext; below: number }) {
  const { c, t } = props;
  const viewer = usePage().user;
  const isNew = !!viewer && !!t.since && c.createdAt > t.since && c.authorId !== viewer.userId;
  return (
    <>
      <span class="fold-toggle" aria-hidden="true"></span>
      {c.deletedAt ? (
        <span class="deleted-author">[deleted]</span>
      ) : (
        <UserName username={c.authorName} isNew={isNewAccount(c.authorCreatedAt, t.now)} />
      )}
      <span class="sep"> · </span>
      <a class="age" href={`/comments/${c.commentId}`} title="Permalink">
        <TimeAgo date={c.createdAt} now={t.now} />
      </a>
      {c.editedAt && !c.deletedAt ? (
        <span class="edited" title={`Edited ${c.editedAt.toUTCString()}`}>
          {' '}
          · edited
        </span>
      ) : null}
      {canSeeScore(viewer, c) && !c.deletedAt ? (
        <span class="score" title="Only you (and moderators) see this">
          {' '}
          · {c.upvotes} {c.upvotes === 1 ? 'point' : 'points'}
        </span>
      ) : null}
      {isNew ? <span class="new-marker">new</span> : null}
      {props.below ? (
        <span class="fold-count">
          {' '}
          ({props.below} {props.below === 1 ? 'reply' : 'replies'} hidden)
        </span>
      ) : null}
    </>
  );
}

/** Body and actions: what an edit or a delete swaps (htmx target `#main-<id>`). */
export function CommentMain(props: { c: CommentView; t: ThreadContext }) {
  const { c, t } = props;
  const viewer = usePage().user;
  const id = c.commentId;
  return (
    <div class="comment-main" id={`main-${id}`}>
      {c.deletedAt ? (
        <p class="tombstone">{c.removedByStaff ? '[removed by a moderator]' : '[deleted by its author]'}</p>
      ) : (
        <>
          <CommentStances stances={t.stances?.get(id) ?? []} />
          <div class="comment-body">{raw(c.bodyHtml)}</div>
        </>
      )}
      {c.deletedAt ? null : <CommentFigures figures={t.figures?.get(id) ?? []} />}
      <div class="actions">
        {canVote(viewer, c) ? (
          <VoteButton action={`/comments/${id}/vote`} voted={t.voted.has(id)} what={`${c.authorName}'s comment`} />
        ) : null}
        {!c.deletedAt && (canReply(viewer, c) || !viewer) ? (
          <a
            href={`/comments/${id}/reply`}
            hx-get={viewer ? `/comments/${id}/reply` : undefined}
            hx-target={`#reply-slot-${id}`}
            hx-swap="innerHTML"
          >
            Reply
          </a>
        ) : null}
        {canEdit(viewer, c, t.now) ? (
          <a
            href={`/comments/${id}/edit`}
            hx-get={`/comments/${id}/edit`}
            hx-target={`#main-${id}`}
            hx-swap="outerHTML"
          >
            Edit
          </a>
        ) : null}
        {canDelete(viewer, c) ? (
          <a
            href={`/comments/${id}/delete`}
            hx-post={`/comments/${id}/delete`}
            hx-target={`#main-${id}`}
            hx-swap="outerHTML"
            hx-confirm="Delete your comment? Replies to it stay."
          >
            Delete
          </a>
        ) : null}
        {canRemoveAsStaff(viewer, c) ? <a href={`/comments/${id}/delete`}>Remove</a> : null}
        <a href={`/comments/${id}`}>Link</a>
        {viewer && viewer.userId !== c.authorId && !c.deletedAt ? <FlagLink kind="comment" id={id} /> : null}
        {c.parentId ? <a href={`/comments/${c.parentId}`}>Parent</a> : null}
      </div>
    </div>
  );
}
