import { Hono, type Context } from 'hono';
import type { WebDeps } from '../deps.ts';
import * as Jobs from '../../enrich/jobs.ts';
import { AppError } from '../../errors.ts';
import { publicFeed } from '../../feeds/public-feed.ts';
import { idParam, renderPage } from '../http/render.ts';
import { AdminPage } from '../../../views/pages/admin-page.tsx';
import { overview } from '../../admin/admin.ts';
import { feedAdminRoutes } from './feed-routes.tsx';
import { requireAdmin } from './gate.ts';

/** /admin: admins only (anonymous visitors are sent to log in, everyone else gets 403). */
export function adminRoutes(deps: WebDeps): Hono {
  const app = new Hono();
  const gate = (c: Context): Response | null => {
    const user = requireAdmin(c);
    return user instanceof Response ? user : null;
  };

  app.get('/admin', async (c) => {
    const redirect = gate(c);
    if (redirect) return redirect;
    const data = await overview(deps.db);
    return renderPage(
      c,
      <AdminPage
        {...data}
        unhealthy={data.unhealthy.map(publicFeed)}
        stats={deps.enrichStats?.() ?? null}
        embedder={deps.info.embedder}
        now={deps.now()}
      />,
    );
  });

  app.post('/admin/jobs/:id/retry', async (c) => {
    const redirect = gate(c);
    if (redirect) return redirect;
    const id = idParam(c.req.param('id'));
    if (id === undefined || !(await Jobs.retry(deps.db, id)))
      throw new AppError('not_found', 'No parked job with that number.', { status: 404 });
    deps.log.info('parked job retried by an admin', { jobId: id, admin: c.get('user')!.username });
    return c.redirect('/admin', 303);
  });

  // Feed administration, /admin/feeds (its enable action also serves /admin's Re-enable button).
  app.route('/', feedAdminRoutes(deps));

  return app;
}
