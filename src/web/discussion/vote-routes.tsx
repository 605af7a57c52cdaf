import { Hono, type Context } from 'hono';
import type { WebDeps } from '../deps.ts';
import { requireUser } from '../accounts/middleware.ts';
import { chargeAction } from '../http/action-limits.ts';
import { formFields } from '../http/form.ts';
import { RateLimitedError } from '../http/rate-limit.ts';
import { isHtmx, localPath, renderFragment } from '../http/render.ts';
import { VoteButton } from '../../../views/partials/vote-button.tsx';
import { idOr404 } from './lookups.ts';
import * as Votes from '../../discussion/votes.ts';

/**
 * Upvotes on comments and stories. With htmx the button replaces itself (an error shows beside
 * it); a plain form redirects back to the page it came from, at the comment.
 */
export function voteRoutes(deps: WebDeps): Hono {
  const app = new Hono();

  app.post('/comments/:id/vote', async (c) => {
    const commentId = idOr404(c.req.param('id'));
    const user = requireUser(c, 'Log in to vote.');
    const up = (await formFields(c)).dir !== 'un';
    const what = 'this comment';
    const action = `/comments/${commentId}/vote`;
    try {
      await chargeAction(c, deps.limits, 'vote', { user });
    } catch (err) {
      if (err instanceof RateLimitedError && isHtmx(c))
        return renderFragment(c, <VoteButton action={action} voted={!up} what={what} error={err.userMessage} />, 429);
      throw err;
    }
    const result = await Votes.voteComment(deps.db, { commentId, user, up });
    if (isHtmx(c)) return renderFragment(c, <VoteButton action={action} voted={result.voted} what={what} />);
    return c.redirect(backTo(c, `/comments/${commentId}`, `#c${commentId}`), 303);
  });

  app.post('/stories/:id/vote', async (c) => {
    const storyId = idOr404(c.req.param('id'));
    const user = requireUser(c, 'Log in to vote.');
    const up = (await formFields(c)).dir !== 'un';
    const what = 'this story';
    const action = `/stories/${storyId}/vote`;
    try {
      await chargeAction(c, deps.limits, 'vote', { user });
    } catch (err) {
      if (err instanceof RateLimitedError && isHtmx(c))
        return renderFragment(c, <VoteButton action={action} voted={!up} what={what} error={err.userMessage} />, 429);
      throw err;
    }
    const result = await Votes.voteStory(deps.db, { storyId, user, up });
    if (isHtmx(c))
      return renderFragment(c, <VoteButton action={action} voted={result.voted} what={what} points={result.upvotes} />);
    return c.redirect(backTo(c, `/stories/${storyId}`, `#s${storyId}`), 303);
  });

  return app;
}

/** The page the form was on (Referer, same site only), at the voted item. */
function backTo(c: Context, fallback: string, anchor: string): string {
  const referer = c.req.header('referer');
  const sameSite = referer && new URL(referer, c.req.url).host === new URL(c.req.url).host;
  const path = sameSite ? localPath(referer, fallback).replace(/#.*$/, '') : fallback;
  return `${path}${anchor}`;
}
