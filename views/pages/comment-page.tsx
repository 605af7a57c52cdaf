import { raw } from 'hono/html';
import type { CommentView } from '../../src/discussion/comments.ts';
import type { ThreadNode } from '../../src/discussion/thread.ts';
import { isNewAccount } from '../../src/accounts/accounts.ts';
import { Layout } from '../layout.tsx';
import { CommentForm, type CommentFormProps } from '../partials/comment-form.tsx';
import { CommentItem, type ThreadContext } from '../partials/comment-thread.tsx';
import { CsrfField } from '../partials/csrf-field.tsx';
import { TimeAgo } from '../partials/time-ago.tsx';
import { UserName } from '../partials/user-name.tsx';
import { FigureChecks, type FigureCheckView } from '../partials/figure-check.tsx';
import { CommentCount } from '../partials/discussion.tsx';

export type StoryRef = { storyId: number; title: string; commentCount?: number };
export type FormState = {
  text?: string;
  error?: string | null;
  previewHtml?: string | null;
  previewChecks?: FigureCheckView[] | null;
};

/** A comment's permalink: the comment and its replies, restarting the depth count ("continue this thread"). */
export function CommentPage(props: { story: StoryRef; node: ThreadNode; t: ThreadContext }) {
  const c = props.node.row;
  return (
    <Layout title={`${c.deletedAt ? 'Deleted comment' : `${c.authorName}'s comment`} on ${props.story.title}`}>
      <StoryCrumb story={props.story} c={c} />
      <ol class="comments single" id="comments">
        <CommentItem node={props.node} t={props.t} />
      </ol>
    </Layout>
  );
}

function StoryCrumb(props: { story: StoryRef; c: CommentView }) {
  return (
    <p class="crumb meta">
      On <a href={`/stories/${props.story.storyId}#c${props.c.commentId}`}>{props.story.title}</a>
      {props.story.commentCount !== undefined ? (
        <>
          {' '}
          <CommentCount n={props.story.commentCount} />
        </>
      ) : null}
      {props.c.parentId ? (
        <>
          {' '}
          · <a href={`/comments/${props.c.parentId}`}>parent comment</a>
        </>
      ) : null}
    </p>
  );
}

/** The comment replied to, edited or deleted, shown above the form on the no-JS pages. */
function CommentQuote(props: { c: CommentView; now: Date }) {
  const c = props.c;
  return (
    <blockquote class="comment-quote">
      <p class="meta">
        {c.deletedAt ? (
          '[deleted]'
        ) : (
          <UserName username={c.authorName} isNew={isNewAccount(c.authorCreatedAt, props.now)} />
        )}{' '}
        · <TimeAgo date={c.createdAt} now={props.now} />
      </p>
      <div class="comment-body">{raw(c.bodyHtml)}</div>
    </blockquote>
  );
}

export function ReplyForm(props: { c: CommentView; autofocus?: boolean } & FormState) {
  const id = props.c.commentId;
  return (
    <CommentForm
      action={`/stories/${props.c.storyId}/comments`}
      target={`#reply-slot-${id}`}
      formKey={String(id)}
      parentId={id}
      submitLabel="Reply"
      cancelHref={`/comments/${id}`}
      autofocus={props.autofocus}
      text={props.text}
      error={props.error}
      previewHtml={props.previewHtml}
      previewChecks={props.previewChecks}
      storyId={props.c.storyId}
    />
  );
}

export function ReplyPage(props: { story: StoryRef; c: CommentView; now: Date } & FormState) {
  return (
    <Layout title={`Reply to ${props.c.authorName}`}>
      <StoryCrumb story={props.story} c={props.c} />
      <h1>Reply</h1>
      <CommentQuote c={props.c} now={props.now} />
      <ReplyForm {...props} autofocus />
    </Layout>
  );
}

/** The edit form in place of the comment's body (htmx target `#main-<id>`). */
export function EditForm(props: { c: CommentView } & FormState) {
  const id = props.c.commentId;
  const form: CommentFormProps = {
    action: `/comments/${id}/edit`,
    target: `#main-${id}`,
    swap: 'outerHTML',
    formKey: `edit-${id}`,
    submitLabel: 'Save',
    text: props.text ?? props.c.body,
    error: props.error,
    previewHtml: props.previewHtml,
    previewChecks: props.previewChecks,
    storyId: props.c.storyId,
    cancelHref: `/comments/${id}`,
    cancelHxGet: `/comments/${id}/main`,
    autofocus: true,
  };
  return (
    <div class="comment-main editing" id={`main-${id}`}>
      <CommentForm {...form} />
    </div>
  );
}

export function EditPage(props: { story: StoryRef; c: CommentView; now: Date } & FormState) {
  return (
    <Layout title="Edit comment">
      <StoryCrumb story={props.story} c={props.c} />
      <h1>Edit your comment</h1>
      <p class="meta">You can edit a comment for two hours after posting; it then shows "edited".</p>
      <EditForm {...props} />
    </Layout>
  );
}

export function DeletePage(props: { story: StoryRef; c: CommentView; now: Date; asModerator: boolean }) {
  const id = props.c.commentId;
  return (
    <Layout title="Delete comment">
      <StoryCrumb story={props.story} c={props.c} />
      <h1>{props.asModerator ? 'Remove this comment?' : 'Delete your comment?'}</h1>
      <CommentQuote c={props.c} now={props.now} />
      <p>Replies to it stay, under a "[deleted]" marker.</p>
      {props.asModerator ? (
        <form method="post" action="/moderation/actions" class="form-row">
          <CsrfField />
          <input type="hidden" name="item" value={`comment-${id}`} />
          <input type="hidden" name="action" value="remove_comment" />
          <label>
            Reason (shown in the public moderation log) <input name="reason" required maxlength={500} />
          </label>
          <button type="submit">Remove</button>
          <a href={`/comments/${id}`}>Cancel</a>
        </form>
      ) : (
        <form method="post" action={`/comments/${id}/delete`} class="form-row">
          <CsrfField />
          <button type="submit">Delete</button>
          <a href={`/comments/${id}`}>Cancel</a>
        </form>
      )}
    </Layout>
  );
}

export function PreviewPage(props: { html: string | null; error: string | null; checks?: FigureCheckView[] | null }) {
  return (
    <Layout title="Preview">
      <h1>Preview</h1>
      {props.error ? <p class="error">{props.error}</p> : <div class="comment-body">{raw(props.html ?? '')}</div>}
      {props.checks ? <FigureChecks checks={props.checks} /> : null}
    </Layout>
  );
}
