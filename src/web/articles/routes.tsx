import { Hono } from 'hono';
import { AppError } from '../../errors.ts';
import type { AppDeps } from '../deps.ts';
import { idParam, renderPage } from '../http/render.ts';
import { ArticlePage } from '../../../views/pages/article-page.tsx';
import * as Articles from '../../articles/articles.ts';
import { rssFeed } from '../../articles/rss.ts';
import * as Ledger from '../../claims/ledger.ts';
import { highlightQuotes } from '../../claims/highlight.ts';
import * as FigureStatus from '../../crosscheck/figure-status.ts';

export function articleRoutes(deps: AppDeps): Hono {
  const app = new Hono();

  app.get('/articles/:id', async (c) => {
    const id = idParam(c.req.param('id'));
    const article = id === undefined ? undefined : await Articles.byId(deps.db, id);
    if (!article) throw new AppError('not_found', 'No such article.', { status: 404 });
    const claims = await Ledger.forArticle(deps.db, article.articleId);
    const contentHtml = highlightQuotes(
      article.contentHtml,
      claims.map((cl) => ({ claimId: cl.claimId, quote: cl.quote })),
    );
    const statuses = await FigureStatus.statusesOf(
      deps.db,
      claims.flatMap((cl) => (cl.figureId ? [cl.figureId] : [])),
    );
    return renderPage(
      c,
      <ArticlePage article={{ ...article, contentHtml }} claims={claims} statuses={statuses} now={deps.now()} />,
    );
  });

  app.get('/feed.xml', async (c) => {
    const articles = await Articles.latest(deps.db, { limit: 50 });
    const base = deps.config.PUBLIC_URL || new URL(c.req.url).origin;
    c.header('Content-Type', 'application/rss+xml; charset=utf-8');
    return c.body(
      rssFeed({ base, title: 'Crosscheck', description: 'AI-industry news with its figures cross-checked', articles }),
    );
  });

  return app;
}
