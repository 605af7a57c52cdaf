import { Hono } from 'hono';
import { isStaff, type CurrentUser } from '../../accounts/accounts.ts';
import { requireUser } from '../accounts/middleware.ts';
import type { WebDeps } from '../deps.ts';
import { AppError } from '../../errors.ts';
import { formFields, type FormFields } from '../http/form.ts';
import { idParam, isHtmx, renderFragment, renderPage } from '../http/render.ts';
import { isFormError } from '../../input-error.ts';
import { loginRedirect } from '../discussion/lookups.ts';
import { ModerationLogPage } from '../../../views/pages/moderation-log-page.tsx';
import { ModerationPage, QueueState } from '../../../views/pages/moderation-page.tsx';
import { QueueRow, type ActionDraft } from '../../../views/partials/moderation-row.tsx';
import { ACTION_LABELS } from '../../moderation/log.ts';
import * as Actions from '../../moderation/actions.ts';
import * as Log from '../../moderation/log.ts';
import * as Queue from '../../moderation/queue.ts';
import { isItemKind, type Item } from '../../moderation/targets.ts';
import { logRss } from '../../moderation/log-rss.ts';

const LOG_PAGE = 30;

/** The queue and its actions (moderators and admins only), and the public log with its RSS. */
export function moderationRoutes(deps: WebDeps): Hono {
  const app = new Hono();

  app.get('/moderation', async (c) => {
    const user = c.get('user');
    if (!user) return loginRedirect(c);
    requireStaff(user);
    const reason = c.req.query('reason') || null;
    const offset = Math.min(Number(/^\d{1,5}$/.test(c.req.query('offset') ?? '') ? c.req.query('offset') : 0), 10_000);
    const { items, total } = await Queue.queue(deps.db, {
      reason: reason ?? undefined,
      limit: Queue.QUEUE_PAGE,
      offset,
      now: deps.now(),
    });
    return renderPage(
      c,
      <ModerationPage
        items={items}
        total={total}
        reason={reason}
        offset={offset}
        pageSize={Queue.QUEUE_PAGE}
        now={deps.now()}
      />,
    );
  });

  /** htmx: the row updates in place and the next item not on the page is appended; without JS: back to the queue. */
  app.post('/moderation/actions', async (c) => {
    const user = requireUser(c, 'Log in as a moderator.');
    requireStaff(user);
    const form = await formFields(c);
    const item = parseItem(form.item);
    const now = deps.now();
    try {
      const done = await Actions.act(deps.db, { ...item, ...actionFields(form), moderator: user, now });
      if (!isHtmx(c))
        return c.redirect(`/moderation${form.filter ? `?reason=${encodeURIComponent(form.filter)}` : ''}`, 303);
      const row = await Queue.queueItem(deps.db, item, now);
      const shown = new Set((form.shown ?? '').split(',').filter(Boolean));
      const { items } = await Queue.queue(deps.db, { reason: form.filter || undefined, limit: 100, now });
      const next = items.find((q) => !shown.has(q.key) && q.key !== row.key);
      const notice = {
        ok: true,
        message: `Done: ${ACTION_LABELS[done.action]}${done.detail ? ` (${done.detail})` : ''}. Logged as #${done.actionId}.`,
      };
      return renderFragment(
        c,
        <>
          <QueueRow q={row} now={now} notice={notice} resolved={!stillQueued(row)} />
          {next ? (
            <div hx-swap-oob="beforeend:#queue">
              <QueueRow q={next} now={now} />
            </div>
          ) : null}
          <QueueState keys={[...shown, ...(next ? [next.key] : [])]} reason={form.filter || null} oob />
        </>,
      );
    } catch (err) {
      if (!isFormError(err) && !(err instanceof AppError && err.status === 403)) throw err;
      const message = (err as AppError).userMessage;
      const draft = draftOf(form);
      if (!isHtmx(c)) {
        const { items, total } = await Queue.queue(deps.db, { limit: Queue.QUEUE_PAGE, now });
        const page = (
          <ModerationPage
            items={items}
            total={total}
            reason={null}
            offset={0}
            pageSize={Queue.QUEUE_PAGE}
            now={now}
            error={message}
            draft={{ ...draft, key: form.item ?? '' }}
          />
        );
        return renderPage(c, page, (err as AppError).status);
      }
      const row = (
        <QueueRow
          q={await Queue.queueItem(deps.db, item, now)}
          now={now}
          notice={{ ok: false, message }}
          draft={draft}
        />
      );
      return renderFragment(c, row, (err as AppError).status);
    }
  });

  app.get('/moderation/log', async (c) => {
    const page = Math.max(1, Number(/^\d{1,5}$/.test(c.req.query('page') ?? '') ? c.req.query('page') : 1));
    const { entries, total } = await Log.page(deps.db, { page, perPage: LOG_PAGE });
    return renderPage(
      c,
      <ModerationLogPage
        entries={entries}
        page={page}
        pages={Math.max(1, Math.ceil(total / LOG_PAGE))}
        now={deps.now()}
      />,
    );
  });

  app.get('/moderation/log.xml', async (c) => {
    const { entries } = await Log.page(deps.db, { page: 1, perPage: 50 });
    c.header('Content-Type', 'application/rss+xml; charset=utf-8');
    return c.body(logRss(deps.config.PUBLIC_URL || new URL(c.req.url).origin, entries));
  });

  return app;
}

function requireStaff(user: CurrentUser): void {
  if (!isStaff(user))
    throw new AppError('forbidden', 'Only moderators and admins can use the moderation queue.', { status: 403 });
}

function parseItem(raw: string | undefined): Item {
  const m = /^([a-z]+)-(\d{1,9})$/.exec(raw ?? '');
  if (!m || !isItemKind(m[1])) throw new AppError('not_found', 'Nothing to moderate at that address.', { status: 404 });
  return { kind: m[1], id: Number(m[2]) };
}

function actionFields(form: FormFields) {
  const num = (s: string | undefined) => (s && /^\d{1,9}$/.test(s.trim()) ? Number(s.trim()) : undefined);
  return {
    action: form.action ?? '',
    reason: form.reason ?? '',
    status: form.status,
    sourceUrl: form.source_url || null,
    days: num(form.days),
    intoStoryId: num(form.into),
    articleId: num(form.article),
    tags: form.tags,
  };
}

/** The refused form as the moderator left it (reason included), so it can be corrected rather than retyped. */
function draftOf(form: FormFields): ActionDraft {
  return {
    action: form.action,
    reason: form.reason,
    status: form.status,
    sourceUrl: form.source_url,
    days: form.days,
    into: form.into,
    article: form.article,
  };
}

/** An item stays in the queue while its figure is unsupported or it has open flags. */
const stillQueued = (q: Queue.QueueItem) =>
  (q.item.kind === 'figure' && q.status?.status === 'unsupported') || q.flags.length > 0;
