import { Hono } from 'hono';
import type { AppDeps } from '../deps.ts';
import * as Articles from '../../articles/articles.ts';
import { AppError } from '../../errors.ts';
import { idParam, isHtmx, renderFragment, renderPage } from '../http/render.ts';
import { toOpml } from '../../ingest/opml.ts';
import { FeedPage } from '../../../views/pages/feed-page.tsx';
import { FeedsPage } from '../../../views/pages/feeds-page.tsx';
import { ArticleItems } from '../../../views/partials/article-list.tsx';
import * as Feeds from '../../feeds/feeds.ts';
import { publicFeed, publicSubscription } from '../../feeds/public-feed.ts';

const PAGE_SIZE = 30;

export function feedRoutes(deps: AppDeps): Hono {
  const app = new Hono();

  app.get('/feeds', async (c) =>
    renderPage(c, <FeedsPage feeds={(await Feeds.list(deps.db)).map(publicFeed)} now={deps.now()} />),
  );

  app.get('/feeds.opml', async (c) => {
    c.header('Content-Type', 'text/x-opml; charset=utf-8');
    c.header('Content-Disposition', 'attachment; filename="crosscheck-feeds.opml"');
    return c.body(
      toOpml((await Feeds.subscriptions(deps.db)).map(publicSubscription), { title: 'Crosscheck sources' }),
    );
  });

  app.get('/feeds/:id', async (c) => {
    const id = idParam(c.req.param('id'));
    const feed = id === undefined ? undefined : await Feeds.byId(deps.db, id);
    if (!feed) throw new AppError('not_found', 'No such source.', { status: 404 });
    const before = c.req.query('before') ? new Date(c.req.query('before')!) : undefined;
    if (before && Number.isNaN(before.getTime()))
      throw new AppError('bad_request', 'The "before" parameter must be a date.', { status: 400 });
    const articles = await Articles.latest(deps.db, { limit: PAGE_SIZE, before, feedId: feed.feedId });
    const moreHref =
      articles.length === PAGE_SIZE
        ? `/feeds/${feed.feedId}?before=${encodeURIComponent(articles.at(-1)!.publishedAt.toISOString())}`
        : null;
    const props = { articles, now: deps.now(), moreHref };
    return isHtmx(c) && before
      ? renderFragment(c, <ArticleItems {...props} />)
      : renderPage(c, <FeedPage feed={publicFeed(feed)} {...props} />);
  });

  return app;
}
