import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { AppDeps } from './deps.ts';
import * as Articles from '../articles/articles.ts';
import * as Feeds from '../feeds/feeds.ts';
import { renderPage } from './http/render.ts';
import { AboutPage } from '../../views/pages/about-page.tsx';

export function systemRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  app.get('/healthz', async (c) => {
    try {
      await deps.db.execute(sql`select 1`);
      return c.json({ status: 'ok', database: deps.info.database });
    } catch (err) {
      deps.log.error('health check failed', { error: String(err) });
      return c.json({ status: 'error', database: deps.info.database }, 503);
    }
  });
  app.get('/about', async (c) => {
    const facts = {
      ...deps.info,
      feeds: (await Feeds.list(deps.db)).length,
      articles: await Articles.count(deps.db),
      database: deps.info.database === 'pglite' ? 'PGlite (embedded PostgreSQL)' : 'PostgreSQL server',
    };
    return renderPage(c, <AboutPage facts={facts} />);
  });
  return app;
}
