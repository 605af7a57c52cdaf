import { Hono } from 'hono';
import { AppError } from '../errors.ts';
import type { AppDeps } from '../app.tsx';
import { idParam, isHtmx, renderFragment, renderPage } from '../http/render.ts';
import { ArticlePage } from '../../views/pages/article-page.tsx';
import { FrontPage } from '../../views/pages/front-page.tsx';
import { ArticleItems } from '../../views/partials/article-list.tsx';
import * as Articles from './articles.ts';
import { rssFeed } from './rss.ts';

const PAGE_SIZE = 30;

export function articleRoutes(deps: AppDeps): Hono {
  const app = new Hono();

  app.get('/', async (c) => {
    const before = parseBefore(c.req.query('before'));
    const articles = await Articles.latest(deps.db, { limit: PAGE_SIZE, before });
    const moreHref = articles.length === PAGE_SIZE ? `/?before=${encodeURIComponent(articles.at(-1)!.publishedAt.toISOString())}` : null;
    const props = { articles, now: deps.now(), moreHref };
    return isHtmx(c) && before ? renderFragment(c, <ArticleItems {...props} />) : renderPage(c, <FrontPage {...props} />);
  });

  app.get('/articles/:id', async (c) => {
    const id = idParam(c.req.param('id'));
    const article = id === undefined ? undefined : await Articles.byId(deps.db, id);
    if (!article) throw new AppError('not_found', 'No such article.', { status: 404 });
    return renderPage(c, <ArticlePage article={article} now={deps.now()} />);
  });

  app.get('/feed.xml', async (c) => {
    const articles = await Articles.latest(deps.db, { limit: 50 });
    const base = deps.config.PUBLIC_URL || new URL(c.req.url).origin;
    c.header('Content-Type', 'application/rss+xml; charset=utf-8');
    return c.body(rssFeed({ base, title: 'Crosscheck', description: 'AI-industry news with its figures cross-checked', articles }));
  });

  return app;
}

function parseBefore(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new AppError('bad_request', 'The "before" parameter must be a date.', { status: 400 });
  return d;
}
