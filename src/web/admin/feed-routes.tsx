import { Hono, type Context } from 'hono';
import type { WebDeps } from '../deps.ts';
import { AppError } from '../../errors.ts';
import { formFields } from '../http/form.ts';
import { idParam, isHtmx, localPath, renderFragment, renderPage } from '../http/render.ts';
import { isFormError } from '../../input-error.ts';
import * as Articles from '../../articles/articles.ts';
import { AdminFeedDeletePage, DeleteConfirm } from '../../../views/pages/admin-feed-delete-page.tsx';
import {
  AddFeedForm,
  AdminFeedsPage,
  ImportForm,
  OPML_MAX_BYTES,
  type AdminFeedsPageProps,
} from '../../../views/pages/admin-feeds-page.tsx';
import { AdminFeedRow, type AdminNotice } from '../../../views/partials/admin-feed-row.tsx';
import * as FeedAdmin from '../../admin/feed-admin.ts';
import { requireAdmin } from './gate.ts';

/**
 * /admin/feeds (admins only): list, add, upload OPML, enable, disable, delete. Every action is a
 * POST that redirects back without JavaScript (Post/Redirect/Get) and answers the swapped row or
 * form with htmx. The use cases (and their moderation-log lines) are in feed-admin.ts.
 */
export function feedAdminRoutes(deps: WebDeps): Hono {
  const app = new Hono();
  const allowed = deps.config.ALLOWED_PRIVATE_HOSTS;
  const page = async (c: Context, props: Omit<AdminFeedsPageProps, 'feeds' | 'now'>, status = 200) =>
    renderPage(
      c,
      <AdminFeedsPage feeds={await FeedAdmin.list(deps.db, deps.now())} now={deps.now()} {...props} />,
      status,
    );
  /** A form's refusal, beside the form: invalid input (422) or a conflict (409). */
  const inline = (err: unknown): err is AppError => isFormError(err) || (err instanceof AppError && err.status === 409);

  app.get('/admin/feeds', async (c) => {
    const admin = requireAdmin(c);
    if (admin instanceof Response) return admin;
    return page(c, await noticesFromQuery(c));
  });

  app.post('/admin/feeds', async (c) => {
    const admin = requireAdmin(c);
    if (admin instanceof Response) return admin;
    const form = await formFields(c);
    const values = { url: form.url ?? '', title: form.title ?? '' };
    try {
      const { feed, created } = await FeedAdmin.add(deps.db, admin, values, deps.now());
      deps.log.info(created ? 'feed added by an admin' : 'feed add: already subscribed', {
        feedId: feed.feedId,
        admin: admin.username,
      });
      if (!isHtmx(c)) return c.redirect(`/admin/feeds?${created ? 'added' : 'exists'}=${feed.feedId}#add-feed`, 303);
      const notice = {
        ok: true,
        message: FeedAdmin.addedMessage(feed, created),
        warning: FeedAdmin.refusalWarning(feed, allowed),
      };
      const row = created ? FeedAdmin.adminFeed(feed, deps.now(), 0) : null;
      return renderFragment(
        c,
        <>
          <AddFeedForm notice={notice} />
          <AppendedRows rows={row ? [row] : []} now={deps.now()} />
        </>,
      );
    } catch (err) {
      if (!inline(err)) throw err;
      const notice = { ok: false, message: err.userMessage };
      return isHtmx(c)
        ? renderFragment(c, <AddFeedForm notice={notice} values={values} />, err.status)
        : page(c, { addNotice: notice, addValues: values }, err.status);
    }
  });

  app.post('/admin/feeds/import', async (c) => {
    const admin = requireAdmin(c);
    if (admin instanceof Response) return admin;
    try {
      const file = (await c.req.parseBody()).opml;
      if (!(file instanceof File) || file.size === 0)
        throw new AppError('invalid_input', 'Choose an OPML file to upload.', { status: 422 });
      if (file.size > OPML_MAX_BYTES)
        throw new AppError('invalid_input', `That file is over ${OPML_MAX_BYTES / 1024} KiB.`, { status: 422 });
      const result = await FeedAdmin.importOpml(deps.db, admin, await file.text(), deps.now());
      const unpolled = result.added.filter((f) => FeedAdmin.refusalWarning(f, allowed)).length;
      deps.log.info('OPML imported by an admin', {
        added: result.added.length,
        existing: result.existing,
        refused: result.refused.length,
        admin: admin.username,
      });
      const counts = {
        imported: result.added.length,
        existing: result.existing,
        refused: result.refused.length,
        unpolled,
      };
      if (!isHtmx(c))
        return c.redirect(
          `/admin/feeds?${new URLSearchParams(Object.entries(counts).map(([k, v]) => [k, String(v)]))}#import-opml`,
          303,
        );
      const details = [
        ...result.refused.map((r) => `refused ${r.url}: ${r.error}`),
        ...result.added.flatMap((f) => FeedAdmin.refusalWarning(f, allowed) ?? []),
      ];
      return renderFragment(
        c,
        <>
          <ImportForm notice={{ ...importNotice(counts), details }} />
          <AppendedRows rows={result.added.map((f) => FeedAdmin.adminFeed(f, deps.now(), 0))} now={deps.now()} />
        </>,
      );
    } catch (err) {
      if (!inline(err)) throw err;
      const notice = { ok: false, message: err.userMessage };
      return isHtmx(c)
        ? renderFragment(c, <ImportForm notice={notice} />, err.status)
        : page(c, { importNotice: notice }, err.status);
    }
  });

  /** The row alone (htmx: a cancelled delete puts it back); the whole page otherwise. */
  app.get('/admin/feeds/:id', async (c) => {
    const admin = requireAdmin(c);
    if (admin instanceof Response) return admin;
    const a = await FeedAdmin.one(deps.db, feedIdOf(c), deps.now());
    return isHtmx(c) ? renderFragment(c, <AdminFeedRow a={a} now={deps.now()} />) : page(c, {});
  });

  for (const verb of ['enable', 'disable'] as const) {
    app.post(`/admin/feeds/:id/${verb}`, async (c) => {
      const admin = requireAdmin(c);
      if (admin instanceof Response) return admin;
      const id = feedIdOf(c);
      const form = await formFields(c);
      try {
        await FeedAdmin.setEnabled(deps.db, admin, id, verb === 'enable', form.reason ?? '', deps.now());
        deps.log.info(`feed ${verb}d by an admin`, { feedId: id, admin: admin.username });
        // /admin's "Re-enable" button comes back to /admin.
        if (!isHtmx(c)) return c.redirect(localPath(form.back, `/admin/feeds?feed=${id}&did=${verb}d#feed-${id}`), 303);
        const notice = { ok: true, message: `Feed #${id} ${verb}d; logged in the moderation log.` };
        return renderFragment(
          c,
          <AdminFeedRow a={await FeedAdmin.one(deps.db, id, deps.now())} now={deps.now()} notice={notice} />,
        );
      } catch (err) {
        if (!inline(err)) throw err;
        const row = { feedId: id, notice: { ok: false, message: err.userMessage }, reason: form.reason };
        if (!isHtmx(c)) return page(c, { row }, err.status);
        return renderFragment(
          c,
          <AdminFeedRow
            a={await FeedAdmin.one(deps.db, id, deps.now())}
            now={deps.now()}
            notice={row.notice}
            reason={row.reason}
          />,
          err.status,
        );
      }
    });
  }

  app.get('/admin/feeds/:id/delete', async (c) => {
    const admin = requireAdmin(c);
    if (admin instanceof Response) return admin;
    const id = feedIdOf(c);
    const props = {
      a: await FeedAdmin.one(deps.db, id, deps.now()),
      coverage: await Articles.feedCoverage(deps.db, id),
    };
    return isHtmx(c)
      ? renderFragment(c, <DeleteConfirm {...props} />)
      : renderPage(c, <AdminFeedDeletePage {...props} />);
  });

  app.post('/admin/feeds/:id/delete', async (c) => {
    const admin = requireAdmin(c);
    if (admin instanceof Response) return admin;
    const id = feedIdOf(c);
    const form = await formFields(c);
    try {
      const done = await FeedAdmin.remove(deps.db, admin, id, form.reason ?? '', deps.now());
      deps.log.info('feed deleted by an admin', { feedId: id, admin: admin.username, articlesKept: done.items });
      if (!isHtmx(c)) return c.redirect(`/admin/feeds?deleted=${id}`, 303);
      return renderFragment(
        c,
        <li class="admin-feed deleted" id={`feed-${id}`}>
          <p class="notice" role="status">
            Feed #{id} deleted; its {done.items} articles stay. Logged in the moderation log.
          </p>
        </li>,
      );
    } catch (err) {
      if (!inline(err)) throw err;
      const props = {
        a: await FeedAdmin.one(deps.db, id, deps.now()),
        coverage: await Articles.feedCoverage(deps.db, id),
        notice: { ok: false, message: err.userMessage },
        reason: form.reason,
      };
      return isHtmx(c)
        ? renderFragment(c, <DeleteConfirm {...props} />, err.status)
        : renderPage(c, <AdminFeedDeletePage {...props} />, err.status);
    }
  });

  /** Post/Redirect/Get: the redirect's query says what happened; the message is rebuilt from the feed row. */
  async function noticesFromQuery(c: Context): Promise<Omit<AdminFeedsPageProps, 'feeds' | 'now'>> {
    const q = (name: string) => idParam(c.req.query(name));
    const addedId = q('added') ?? q('exists');
    if (addedId !== undefined) {
      const a = await FeedAdmin.one(deps.db, addedId, deps.now()).catch(() => null);
      if (a)
        return {
          addNotice: {
            ok: true,
            message: FeedAdmin.addedMessage(a.feed, q('added') !== undefined),
            warning: FeedAdmin.refusalWarning(a.feed, allowed),
          },
        };
    }
    if (c.req.query('imported') !== undefined) {
      const n = (name: string) => q(name) ?? 0;
      return {
        importNotice: importNotice({
          imported: n('imported'),
          existing: n('existing'),
          refused: n('refused'),
          unpolled: n('unpolled'),
        }),
      };
    }
    const deleted = q('deleted');
    if (deleted !== undefined)
      return {
        addNotice: null,
        row: null,
        pageNotice: { ok: true, message: `Feed #${deleted} deleted; its articles stay. Logged in the moderation log.` },
      };
    const feedId = q('feed');
    const did = c.req.query('did');
    if (feedId !== undefined && (did === 'enabled' || did === 'disabled'))
      return {
        row: { feedId, notice: { ok: true, message: `Feed #${feedId} ${did}; logged in the moderation log.` } },
      };
    return {};
  }

  return app;
}

function feedIdOf(c: Context): number {
  const id = idParam(c.req.param('id'));
  if (id === undefined) throw new AppError('not_found', 'No such feed.', { status: 404 });
  return id;
}

function importNotice(n: { imported: number; existing: number; refused: number; unpolled: number }): AdminNotice {
  const total = n.imported + n.existing + n.refused;
  const message = `Imported ${n.imported} of ${total} feeds: ${n.imported} added, ${n.existing} already there, ${n.refused} refused.`;
  const warning = n.unpolled
    ? `polling ${n.unpolled} of the added feeds will be refused (private or loopback addresses that ALLOWED_PRIVATE_HOSTS does not name).`
    : null;
  return { ok: n.refused === 0 || n.imported + n.existing > 0, message, warning };
}

/** Feeds just added, appended to the list out of band (htmx); nothing when none were. */
function AppendedRows(props: { rows: FeedAdmin.AdminFeed[]; now: Date }) {
  return props.rows.length ? (
    <div hx-swap-oob="beforeend:#feed-list">
      {props.rows.map((a) => (
        <AdminFeedRow a={a} now={props.now} />
      ))}
    </div>
  ) : null;
}
