import { Hono, type Context } from 'hono';
import type { WebDeps } from '../deps.ts';
import { requireUser } from '../accounts/middleware.ts';
import { AppError } from '../../errors.ts';
import { chargeAction } from '../http/action-limits.ts';
import { formFields } from '../http/form.ts';
import { idParam, isHtmx, renderFragment, renderPage } from '../http/render.ts';
import { isFormError } from '../../input-error.ts';
import {
  DeletePage,
  EditForm,
  EditPage,
  PreviewPage,
  ReplyForm,
  ReplyPage,
  type FormState,
} from '../../../views/pages/comment-page.tsx';
import { CommentPreview } from '../../../views/partials/comment-form.tsx';
import { CommentHead, CommentItem, CommentMain } from '../../../views/partials/comment-thread.tsx';
import { CommentCount, TopCommentForm } from '../../../views/partials/discussion.tsx';
import * as Comments from '../../discussion/comments.ts';
import { canDelete, canEdit, canRemoveAsStaff } from '../../discussion/policy.ts';
import { renderStoryWithDiscussion } from './story-discussion.tsx';
import { commentOr404, idOr404, loginRedirect, storyOf } from './lookups.ts';
import { figuresOfComments } from '../../crosscheck/discussion-figures.ts';
import * as Stances from '../../crosscheck/stances.ts';
import { editComment, postComment, previewComment } from '../../use-cases/comments.ts';

/** Posting, replying and editing: each answers htmx with a fragment and a plain form with a redirect (PRG). */
export function commentRoutes(deps: WebDeps): Hono {
  const app = new Hono();

  app.post('/stories/:id/comments', async (c) => {
    const storyId = idOr404(c.req.param('id'));
    const user = requireUser(c, 'Log in to comment.');
    const form = await formFields(c);
    const parentId = form.parent ? idOr404(form.parent) : null;
    const text = form.text ?? '';
    const showForm = async (state: FormState, status: number) => {
      if (parentId === null) {
        if (isHtmx(c)) return renderFragment(c, <TopCommentForm storyId={storyId} {...state} />, status);
        return renderStoryWithDiscussion(deps, c, storyId, { form: state, status });
      }
      const parent = await commentOr404(deps, parentId);
      if (isHtmx(c)) return renderFragment(c, <ReplyForm c={parent} {...state} autofocus />, status);
      return renderPage(
        c,
        <ReplyPage story={await storyOf(deps, parent.storyId)} c={parent} now={deps.now()} {...state} />,
        status,
      );
    };
    if (form.intent === 'preview') return showForm(await preview(deps, text, { storyId, parentId }), 200);
    try {
      const admit = () => chargeAction(c, deps.limits, 'comment', { user });
      const posted = await postComment(deps, { storyId, parentId, author: user, text, now: deps.now() }, { admit });
      if (!isHtmx(c))
        return c.redirect(
          parentId ? `/comments/${parentId}#c${posted.commentId}` : `/stories/${storyId}?sort=new#c${posted.commentId}`,
          303,
        );
      const node = { row: (await Comments.byId(deps.db, posted.commentId))!, depth: 0, children: [], hiddenReplies: 0 };
      const t = {
        now: deps.now(),
        voted: new Set<number>(),
        since: null,
        figures: await figuresOfComments(deps.db, [posted.commentId]),
      };
      const inserted = (
        <div hx-swap-oob={`afterbegin:#${parentId ? `replies-${parentId}` : 'comments'}`}>
          <CommentItem node={node} t={t} />
        </div>
      );
      const count = <CommentCount n={await Comments.countOn(deps.db, storyId)} oob />;
      // A reply's slot empties; the top-level box comes back empty for the next comment.
      return renderFragment(
        c,
        parentId ? (
          <>
            {inserted}
            {count}
          </>
        ) : (
          <>
            {<TopCommentForm storyId={storyId} />}
            {inserted}
            {count}
          </>
        ),
        201,
      );
    } catch (err) {
      if (!isFormError(err)) throw err;
      return showForm({ text, error: err.userMessage }, err.status);
    }
  });

  app.get('/comments/:id/reply', async (c) => {
    const parent = await commentOr404(deps, idOr404(c.req.param('id')));
    if (!c.get('user')) return loginRedirect(c);
    if (parent.deletedAt) throw new AppError('gone', 'That comment was deleted; reply to another.', { status: 409 });
    if (isHtmx(c)) return renderFragment(c, <ReplyForm c={parent} autofocus />);
    return renderPage(c, <ReplyPage story={await storyOf(deps, parent.storyId)} c={parent} now={deps.now()} />);
  });

  app.get('/comments/:id/edit', async (c) => {
    const comment = await commentOr404(deps, idOr404(c.req.param('id')));
    if (!c.get('user')) return loginRedirect(c);
    if (!canEdit(c.get('user'), comment, deps.now()))
      throw new AppError('forbidden', 'You can edit only your own comments, within two hours of posting.', {
        status: 403,
      });
    if (isHtmx(c)) return renderFragment(c, <EditForm c={comment} />);
    return renderPage(c, <EditPage story={await storyOf(deps, comment.storyId)} c={comment} now={deps.now()} />);
  });

  app.post('/comments/:id/edit', async (c) => {
    const commentId = idOr404(c.req.param('id'));
    const user = requireUser(c, 'Log in to edit your comments.');
    const form = await formFields(c);
    const text = form.text ?? '';
    const showForm = async (state: FormState, status: number) => {
      const comment = await commentOr404(deps, commentId);
      if (isHtmx(c)) return renderFragment(c, <EditForm c={comment} {...state} />, status);
      return renderPage(
        c,
        <EditPage story={await storyOf(deps, comment.storyId)} c={comment} now={deps.now()} {...state} />,
        status,
      );
    };
    if (form.intent === 'preview') {
      const comment = await commentOr404(deps, commentId);
      return showForm(
        { text, ...(await preview(deps, text, { storyId: comment.storyId, parentId: comment.parentId })) },
        200,
      );
    }
    try {
      await editComment(deps, { commentId, actor: user, text, now: deps.now() });
    } catch (err) {
      if (!isFormError(err)) throw err;
      return showForm({ text, error: err.userMessage }, err.status);
    }
    return isHtmx(c) ? renderUpdated(deps, c, commentId) : c.redirect(`/comments/${commentId}#c${commentId}`, 303);
  });

  app.get('/comments/:id/delete', async (c) => {
    const comment = await commentOr404(deps, idOr404(c.req.param('id')));
    const user = c.get('user');
    if (!user) return loginRedirect(c);
    const asModerator = canRemoveAsStaff(user, comment);
    if (!asModerator && !canDelete(user, comment))
      throw new AppError('forbidden', 'Only the author can delete a comment.', { status: 403 });
    return renderPage(
      c,
      <DeletePage
        story={await storyOf(deps, comment.storyId)}
        c={comment}
        now={deps.now()}
        asModerator={asModerator}
      />,
    );
  });

  app.post('/comments/:id/delete', async (c) => {
    const commentId = idOr404(c.req.param('id'));
    const user = requireUser(c, 'Log in to delete your comments.');
    await Comments.remove(deps.db, { commentId, actor: user, now: deps.now() });
    return isHtmx(c)
      ? renderUpdated(deps, c, commentId, { withCount: true })
      : c.redirect(`/comments/${commentId}#c${commentId}`, 303);
  });

  app.post('/comments/preview', async (c) => {
    requireUser(c, 'Log in to preview comments.');
    const form = await formFields(c);
    const state = await preview(deps, form.text ?? '', {
      storyId: idParam(form.story) ?? null,
      parentId: idParam(form.parent) ?? null,
    });
    if (isHtmx(c))
      return renderFragment(
        c,
        <CommentPreview
          html={state.previewHtml ?? undefined}
          error={state.error ?? undefined}
          checks={state.previewChecks ?? undefined}
        />,
      );
    return renderPage(
      c,
      <PreviewPage html={state.previewHtml ?? null} error={state.error ?? null} checks={state.previewChecks} />,
    );
  });

  return app;
}

/** After an edit or delete: the new body and actions, and the head (edited / [deleted]) out of band. */
export async function renderUpdated(
  deps: WebDeps,
  c: Context,
  commentId: number,
  options: { withCount?: boolean } = {},
): Promise<Response> {
  const comment = await commentOr404(deps, commentId);
  const count = options.withCount ? <CommentCount n={await Comments.countOn(deps.db, comment.storyId)} oob /> : null;
  const t = {
    now: deps.now(),
    voted: new Set<number>(),
    since: null,
    figures: await figuresOfComments(deps.db, [commentId]),
    stances: await Stances.ofComments(deps.db, [commentId]),
  };
  const below = await Comments.descendantCount(deps.db, comment);
  return renderFragment(
    c,
    <>
      <CommentMain c={comment} t={t} />
      <summary class="comment-head" id={`head-${commentId}`} hx-swap-oob="true">
        <CommentHead c={comment} t={t} below={below} />
      </summary>
      {count}
    </>,
  );
}

/** The form state of a preview (src/use-cases/comments.ts): rendered markdown and figure checks, or the validation message. */
async function preview(
  deps: WebDeps,
  text: string,
  where: { storyId: number | null; parentId: number | null },
): Promise<FormState> {
  const shown = await previewComment(deps, { text, ...where, now: deps.now() });
  if (shown.problem !== null) return { text, error: shown.problem };
  return { text, previewHtml: shown.html, previewChecks: shown.checks };
}
