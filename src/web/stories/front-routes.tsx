/**
 * The front page: Top (hotScore, paged by ?p=) or New (?tab=new, newest first, paged by ?before=),
 * either one filtered by topic (?tag=). Pages are sliced from the kept lists of front-lists.ts. An
 * anonymous visitor gets HTML rendered once per list (shared-pages.ts, with ETag and 304); a
 * signed-in one gets the same list with their own votes and the stories' current points over it.
 */
import { Hono, type Context } from 'hono';
import type { AppDeps } from '../deps.ts';
import { AppError } from '../../errors.ts';
import { isHtmx, pageParam, renderFragment, renderPage, requestPath } from '../http/render.ts';
import { sharedPages } from '../http/shared-pages.ts';
import { FrontPage } from '../../../views/pages/front-page.tsx';
import { StoryItems } from '../../../views/partials/story-list.tsx';
import * as Votes from '../../discussion/votes.ts';
import * as Ranking from '../../stories/ranking.ts';
import * as Stories from '../../stories/stories.ts';
import { parseTags } from '../../stories/tags.ts';
import { frontLists, PAGE_SIZE, type FrontList, type FrontTab } from './front-lists.ts';

type FrontQuery = { tab: FrontTab; tag: string | null; p: number; before: Date | undefined };
type FrontSlice = { stories: Ranking.RankedEntry[]; moreHref: string | null; list: FrontList | null };

export function frontRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  const lists = frontLists(deps);
  const shared = sharedPages();

  app.get('/', async (c) => {
    const q = frontQuery(c);
    const fragment = isHtmx(c) && (q.before !== undefined || q.p > 1);
    const { stories, moreHref, list } = await sliceOf(deps, lists, q);
    const view = (props: Parameters<typeof FrontPage>[0]) =>
      fragment ? <StoryItems {...props} /> : <FrontPage {...props} />;
    const base = { moreHref, tab: q.tab, tag: q.tag };
    const user = c.get('user');
    const path = canonicalPath(q);
    if (!user && list && requestPath(c) === path)
      return shared(c, { path, fragment, version: list, render: () => view({ ...base, stories, now: list.rankedAt }) });
    const mine = user ? await overlay(deps, user.userId, stories) : { stories, voted: new Set<number>() };
    const element = view({ ...base, ...mine, now: deps.now() });
    return fragment ? renderFragment(c, element) : renderPage(c, element);
  });

  return app;
}

/** The stories of one page and the link to the next; `list` is the kept list they came from, if any. */
async function sliceOf(deps: AppDeps, lists: ReturnType<typeof frontLists>, q: FrontQuery): Promise<FrontSlice> {
  const tagQuery = q.tag ? `&tag=${q.tag}` : '';
  if (q.tab === 'top') {
    const list = await lists('top', q.tag);
    const end = q.p * PAGE_SIZE;
    const moreHref = list.entries.length > end ? `/?p=${q.p + 1}${tagQuery}` : null;
    return { stories: list.entries.slice(end - PAGE_SIZE, end), moreHref, list };
  }
  const list = q.before ? null : await lists('new', q.tag);
  const stories =
    list?.entries ??
    (await Ranking.withActivity(
      deps.db,
      await Stories.latest(deps.db, { limit: PAGE_SIZE, before: q.before, tag: q.tag ?? undefined }),
    ));
  const last = stories.length === PAGE_SIZE ? stories.at(-1)!.lastPublishedAt.toISOString() : null;
  const moreHref = last ? `/?tab=new&before=${encodeURIComponent(last)}${tagQuery}` : null;
  return { stories, moreHref, list };
}

/** A signed-in reader's own votes, and current points and comment counts, over the kept stories. */
async function overlay(deps: AppDeps, userId: number, kept: Ranking.RankedEntry[]) {
  const stories = await Ranking.withActivity(deps.db, kept);
  const ids = stories.flatMap((s) => (s.storyId === null ? [] : [s.storyId]));
  return { stories, voted: await Votes.storyVotesBy(deps.db, userId, ids) };
}

function frontQuery(c: Context): FrontQuery {
  const tab = c.req.query('tab') === 'new' ? 'new' : 'top';
  const tag = c.req.query('tag') ? (parseTags(c.req.query('tag')!)[0] ?? null) : null;
  return { tab, tag, p: pageParam(c.req.query('p')), before: dateParam(c.req.query('before')) };
}

/** The address the site's own links use for this page; anonymous HTML is kept for these only. */
function canonicalPath(q: FrontQuery): string {
  const parts = [q.tab === 'new' ? 'tab=new' : q.p > 1 ? `p=${q.p}` : '', q.tag ? `tag=${q.tag}` : ''];
  const query = parts.filter(Boolean).join('&');
  return query ? `/?${query}` : '/';
}

function dateParam(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  if (Number.isNaN(d.getTime()))
    throw new AppError('bad_request', 'The "before" parameter must be a date.', { status: 400 });
  return d;
}
