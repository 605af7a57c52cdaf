import { Hono } from 'hono';
import type { AppDeps } from '../deps.ts';
import { AppError } from '../../errors.ts';
import { idParam, isHtmx, renderFragment, renderPage } from '../http/render.ts';
import { frontRoutes } from './front-routes.tsx';
import * as FigureIndex from '../../claims/figure-index.ts';
import { statusesOf } from '../../crosscheck/figure-status.ts';
import * as Search from '../../search/search.ts';
import { SearchPage, SearchResults } from '../../../views/pages/search-page.tsx';
import { RelatedStories, StoryPage } from '../../../views/pages/story-page.tsx';
import * as Stories from '../../stories/stories.ts';
import { discussionSection } from '../discussion/story-discussion.tsx';
import { storyFigures } from '../../claims/story-figures.ts';
import { FiguresPanel } from '../../../views/partials/figures-panel.tsx';

/** Figures shown above a search's articles; the rest are one link away on /figures. */
const SEARCH_FIGURES = 5;

export function storyRoutes(deps: AppDeps): Hono {
  const app = new Hono();

  app.route('/', frontRoutes(deps));

  app.get('/stories/:id', async (c) => {
    const found = await storyOr404(deps, c.req.param('id'));
    if ('mergedInto' in found) return c.redirect(`/stories/${found.mergedInto}`, 301);
    const figures = await storyFigures(deps.db, found.story.storyId);
    const discussion = await discussionSection(deps, c, found.story.storyId);
    return renderPage(
      c,
      <StoryPage story={found.story} coverage={found.coverage} now={deps.now()} figures={<FiguresPanel {...figures} />}>
        {discussion}
      </StoryPage>,
    );
  });

  app.get('/stories/:id/related', async (c) => {
    const found = await storyOr404(deps, c.req.param('id'));
    if ('mergedInto' in found) return c.redirect(`/stories/${found.mergedInto}/related`, 301);
    const related = await Stories.related(deps.db, deps.neighbours.stories, found.story.storyId);
    return isHtmx(c)
      ? renderFragment(c, <RelatedStories related={related} />)
      : renderPage(
          c,
          <StoryPage story={found.story} coverage={found.coverage} now={deps.now()}>
            <RelatedStories related={related} />
          </StoryPage>,
        );
  });

  app.get('/search', async (c) => {
    const q = (c.req.query('q') ?? '').trim().slice(0, 200);
    let query: { vector: ArrayLike<number>; embedder: string } | null = null;
    if (q && deps.embedder) {
      const r = await deps.embedder.embed([q]);
      query = { vector: r.vectors[0], embedder: r.embedder };
    }
    const hits = q ? await Search.combined(deps.db, deps.neighbours.articles, q, query) : [];
    const figures = q ? await FigureIndex.matching(deps.db, q, SEARCH_FIGURES) : null;
    const statuses = await statusesOf(deps.db, figures?.items.map((i) => i.figure.figureId) ?? []);
    const props = { q, hits, now: deps.now(), embedder: query?.embedder ?? null, figures, statuses };
    return isHtmx(c) ? renderFragment(c, <SearchResults {...props} />) : renderPage(c, <SearchPage {...props} />);
  });

  return app;
}

async function storyOr404(deps: AppDeps, raw: string | undefined) {
  const id = idParam(raw);
  const found = id === undefined ? undefined : await Stories.byId(deps.db, id);
  if (!found) throw new AppError('not_found', 'No such story.', { status: 404 });
  return found;
}
