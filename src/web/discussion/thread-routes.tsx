import { Hono } from 'hono';
import type { WebDeps } from '../deps.ts';
import { isHtmx, renderFragment, renderPage } from '../http/render.ts';
import { CommentPage } from '../../../views/pages/comment-page.tsx';
import { CommentMain } from '../../../views/partials/comment-thread.tsx';
import { MoreThreads, Thread as ThreadView } from '../../../views/partials/discussion.tsx';
import * as Thread from '../../discussion/thread.ts';
import { commentOr404, idOr404, storyOf } from './lookups.ts';
import { renderStoryWithDiscussion, threadContext, threadQuery } from './story-discussion.tsx';
import * as Visits from '../../discussion/visits.ts';

/** Reading: a sort change or "load more" (fragments of the story page) and comment permalinks. */
export function threadRoutes(deps: WebDeps): Hono {
  const app = new Hono();

  app.get('/stories/:id/comments', async (c) => {
    const storyId = idOr404(c.req.param('id'));
    if (!isHtmx(c)) return renderStoryWithDiscussion(deps, c, storyId);
    const q = threadQuery(c);
    const page = await Thread.page(deps.db, { storyId, ...q });
    const t = await threadContext(deps, c, Thread.idsOf(page.threads), dateParam(c.req.query('since')));
    const props = { storyId, page, ...q, t };
    return renderFragment(c, q.offset > 0 ? <MoreThreads {...props} /> : <ThreadView {...props} />);
  });

  app.get('/comments/:id', async (c) => {
    const comment = await commentOr404(deps, idOr404(c.req.param('id')));
    const story = await storyOf(deps, comment.storyId);
    const node = await Thread.subtree(deps.db, comment, { sort: threadQuery(c).sort });
    const user = c.get('user');
    const since = user ? await Visits.lastVisit(deps.db, user.userId, comment.storyId) : null;
    const t = await threadContext(deps, c, Thread.idsOf([node]), since);
    return renderPage(c, <CommentPage story={story} node={node} t={t} />);
  });

  /** The body and actions alone: what "cancel" restores during an edit. */
  app.get('/comments/:id/main', async (c) => {
    const commentId = idOr404(c.req.param('id'));
    if (!isHtmx(c)) return c.redirect(`/comments/${commentId}`, 303);
    const comment = await commentOr404(deps, commentId);
    const t = await threadContext(deps, c, [commentId], null);
    return renderFragment(c, <CommentMain c={comment} t={t} />);
  });

  return app;
}

function dateParam(raw: string | undefined): Date | null {
  if (!raw) return null;
  const d = new Date(raw);
  return Number.isNaN(d.getTime()) ? null : d;
}
