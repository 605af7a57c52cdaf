import { Hono, type Context } from 'hono';
import type { WebDeps } from '../app.tsx';
import { loginRedirect } from '../discussion/lookups.ts';
import * as Jobs from '../enrich/jobs.ts';
import { AppError } from '../errors.ts';
import * as Feeds from '../feeds/feeds.ts';
import { idParam, renderPage } from '../http/render.ts';
import { AdminPage } from '../../views/pages/admin-page.tsx';
import { overview } from './admin.ts';

/** /admin: admins only (anonymous visitors are sent to log in, everyone else gets 403). */
export function adminRoutes(deps: WebDeps): Hono {
  const app = new Hono();
  const gate = (c: Context): Response | null => {
    const user = c.get('user');
    if (!user) return loginRedirect(c);
    if (user.role !== 'admin') throw new AppError('forbidden', 'Only admins can see the admin page.', { status: 403 });
    return null;
  };

  app.get('/admin', async (c) => {
    const redirect = gate(c);
    if (redirect) return redirect;
    const data = await overview(deps.db);
    return renderPage(c, <AdminPage {...data} stats={deps.enrichStats?.() ?? null} embedder={deps.info.embedder} now={deps.now()} />);
  });

  app.post('/admin/jobs/:id/retry', async (c) => {
    const redirect = gate(c);
    if (redirect) return redirect;
    const id = idParam(c.req.param('id'));
    if (id === undefined || !(await Jobs.retry(deps.db, id))) throw new AppError('not_found', 'No parked job with that number.', { status: 404 });
    deps.log.info('parked job retried by an admin', { jobId: id, admin: c.get('user')!.username });
    return c.redirect('/admin', 303);
  });

  app.post('/admin/feeds/:id/enable', async (c) => {
    const redirect = gate(c);
    if (redirect) return redirect;
    const id = idParam(c.req.param('id'));
    if (id === undefined) throw new AppError('not_found', 'No such feed.', { status: 404 });
    await Feeds.setEnabled(deps.db, id, true);
    deps.log.info('feed re-enabled by an admin', { feedId: id, admin: c.get('user')!.username });
    return c.redirect('/admin', 303);
  });

  return app;
}
