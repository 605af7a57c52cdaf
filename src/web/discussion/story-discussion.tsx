import type { Context } from 'hono';
import { storyFigures } from '../../claims/story-figures.ts';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { renderPage } from '../http/render.ts';
import * as Stories from '../../stories/stories.ts';
import { StoryPage } from '../../../views/pages/story-page.tsx';
import { FiguresPanel } from '../../../views/partials/figures-panel.tsx';
import { Discussion, type TopFormState } from '../../../views/partials/discussion.tsx';
import type { ThreadContext } from '../../../views/partials/comment-thread.tsx';
import * as Thread from '../../discussion/thread.ts';
import * as Visits from '../../discussion/visits.ts';
import * as Votes from '../../discussion/votes.ts';
import { figuresOfComments } from '../../crosscheck/discussion-figures.ts';
import * as Stances from '../../crosscheck/stances.ts';

type Deps = { db: Db; now: () => Date };

export type ThreadQuery = { sort: Thread.Sort; offset: number };

/** sort and offset from the query string (?sort=new&offset=30); bad values fall back to the defaults. */
export function threadQuery(c: Context): ThreadQuery {
  const raw = c.req.query('offset');
  const offset = raw && /^\d{1,7}$/.test(raw) ? Number(raw) : 0;
  return { sort: Thread.parseSort(c.req.query('sort')), offset };
}

/** What the signed-in viewer has voted on among these comments, and when they last looked. */
export async function threadContext(
  deps: Deps,
  c: Context,
  commentIds: number[],
  since: Date | null,
): Promise<ThreadContext> {
  const user = c.get('user');
  const voted = user ? await Votes.commentVotesBy(deps.db, user.userId, commentIds) : new Set<number>();
  return {
    now: deps.now(),
    voted,
    since,
    figures: await figuresOfComments(deps.db, commentIds),
    stances: await Stances.ofComments(deps.db, commentIds),
  };
}

/**
 * The discussion under a story page. A full page view moves the viewer's "last visit" forward,
 * after reading the previous one, which marks what is new this time.
 */
export async function discussionSection(
  deps: Deps,
  c: Context,
  storyId: number,
  options: { form?: TopFormState; recordVisit?: boolean } = {},
) {
  const user = c.get('user');
  const q = threadQuery(c);
  const now = deps.now();
  const since = user ? await Visits.lastVisit(deps.db, user.userId, storyId) : null;
  if (user && options.recordVisit !== false) await Visits.recordVisit(deps.db, user.userId, storyId, now);
  const page = await Thread.page(deps.db, { storyId, ...q });
  const t = await threadContext(deps, c, Thread.idsOf(page.threads), since);
  const activity = (await Votes.activityOf(deps.db, [storyId])).get(storyId);
  const storyVoted = user ? (await Votes.storyVotesBy(deps.db, user.userId, [storyId])).has(storyId) : false;
  return (
    <Discussion
      storyId={storyId}
      page={page}
      {...q}
      t={t}
      votes={activity?.votes ?? 0}
      storyVoted={storyVoted}
      form={options.form}
    />
  );
}

/**
 * The whole story page around the discussion, for the no-JS answers of discussion routes (a
 * form error, a sort or page change). Does not move the viewer's last visit.
 */
export async function renderStoryWithDiscussion(
  deps: Deps,
  c: Context,
  storyId: number,
  options: { form?: TopFormState; status?: number } = {},
): Promise<Response> {
  const found = await Stories.byId(deps.db, storyId);
  if (!found) throw new AppError('not_found', 'No such story.', { status: 404 });
  if ('mergedInto' in found) return c.redirect(`/stories/${found.mergedInto}#discussion`, 301);
  const figures = await storyFigures(deps.db, storyId);
  const discussion = await discussionSection(deps, c, storyId, { form: options.form, recordVisit: false });
  const page = (
    <StoryPage story={found.story} coverage={found.coverage} now={deps.now()} figures={<FiguresPanel {...figures} />}>
      {discussion}
    </StoryPage>
  );
  return renderPage(c, page, options.status ?? 200);
}
