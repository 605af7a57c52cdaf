import { SORTS, type Sort, type ThreadPage } from '../../src/discussion/thread.ts';
import { usePage } from '../page-context.ts';
import { CommentForm } from './comment-form.tsx';
import { CommentItems, type ThreadContext } from './comment-thread.tsx';
import { VoteButton } from './vote-button.tsx';
import type { FigureCheckView } from './figure-check.tsx';

export type ThreadProps = { storyId: number; page: ThreadPage; sort: Sort; offset: number; t: ThreadContext };
export type TopFormState = {
  text?: string;
  error?: string | null;
  previewHtml?: string | null;
  previewChecks?: FigureCheckView[] | null;
};
export type DiscussionProps = ThreadProps & { votes: number; storyVoted: boolean; form?: TopFormState };

const SORT_LABEL: Record<Sort, string> = { best: 'Best', new: 'Newest', old: 'Oldest' };

/** The story page's discussion: story upvote, the comment box, then the threads. */
export function Discussion(props: DiscussionProps) {
  const viewer = usePage().user;
  const n = props.page.commentCount;
  const back = encodeURIComponent(`/stories/${props.storyId}#discussion`);
  return (
    <section class="discussion" id="discussion" aria-labelledby="discussion-title">
      <div class="discussion-head">
        <h2 id="discussion-title">
          Discussion <CommentCount n={n} />
        </h2>
        {viewer ? (
          <VoteButton
            action={`/stories/${props.storyId}/vote`}
            voted={props.storyVoted}
            what="this story"
            points={props.votes}
          />
        ) : (
          <span class="points">
            {props.votes} {props.votes === 1 ? 'point' : 'points'}
          </span>
        )}
      </div>
      <div class="reply-slot top" id="reply-slot-top">
        {viewer ? (
          <TopCommentForm storyId={props.storyId} {...props.form} />
        ) : (
          <p class="login-prompt">
            <a href={`/login?next=${back}`}>Log in</a> or <a href={`/signup?next=${back}`}>sign up</a> to comment and
            vote.
          </p>
        )}
      </div>
      <Thread {...props} />
    </section>
  );
}

/** "(N comments)" beside the heading; an htmx post or delete sends it again out of band, so it never goes stale. */
export function CommentCount(props: { n: number; oob?: boolean }) {
  return (
    <span class="count" id="comment-count" hx-swap-oob={props.oob ? 'true' : undefined}>
      ({props.n} {props.n === 1 ? 'comment' : 'comments'})
    </span>
  );
}

export function TopCommentForm(props: { storyId: number } & TopFormState) {
  return (
    <CommentForm
      action={`/stories/${props.storyId}/comments`}
      target="#reply-slot-top"
      formKey="top"
      submitLabel="Post comment"
      text={props.text}
      error={props.error}
      previewHtml={props.previewHtml}
      previewChecks={props.previewChecks}
      storyId={props.storyId}
    />
  );
}

/** Sort tabs, the first page of threads and "load more": what a sort change swaps (`#thread`). */
export function Thread(props: ThreadProps) {
  return (
    <div class="thread" id="thread">
      <nav class="sort" aria-label="Sort comments">
        <span class="meta">Sort by</span>
        {SORTS.map((s) => (
          <a
            href={`/stories/${props.storyId}?sort=${s}#discussion`}
            hx-get={threadUrl(props, s, 0)}
            hx-target="#thread"
            hx-swap="outerHTML"
            hx-push-url={`/stories/${props.storyId}?sort=${s}`}
            aria-current={s === props.sort ? 'page' : undefined}
          >
            {SORT_LABEL[s]}
          </a>
        ))}
      </nav>
      {props.offset > 0 ? (
        <p class="meta">
          Showing later threads.{' '}
          <a href={`/stories/${props.storyId}?sort=${props.sort}#discussion`}>Back to the first ones</a>
        </p>
      ) : null}
      <ol class="comments" id="comments">
        <CommentItems nodes={props.page.threads} t={props.t} />
      </ol>
      <p class="empty">No comments yet. Start the discussion.</p>
      <LoadMore {...props} />
    </div>
  );
}

/** htmx answer to "load more": the next threads appended to #comments (out of band) and a new button. */
export function MoreThreads(props: ThreadProps) {
  return (
    <>
      <div hx-swap-oob="beforeend:#comments">
        <CommentItems nodes={props.page.threads} t={props.t} />
      </div>
      <LoadMore {...props} />
    </>
  );
}

function LoadMore(props: ThreadProps) {
  const next = props.page.nextOffset;
  return (
    <div class="load-more">
      {next !== null ? (
        <a
          class="button secondary"
          href={`/stories/${props.storyId}?sort=${props.sort}&offset=${next}#discussion`}
          hx-get={threadUrl(props, props.sort, next)}
          hx-target="closest .load-more"
          hx-swap="outerHTML"
        >
          Load more comments
        </a>
      ) : null}
    </div>
  );
}

function threadUrl(props: ThreadProps, sort: Sort, offset: number): string {
  const params = new URLSearchParams({ sort });
  if (offset) params.set('offset', String(offset));
  if (props.t.since) params.set('since', props.t.since.toISOString());
  return `/stories/${props.storyId}/comments?${params}`;
}
