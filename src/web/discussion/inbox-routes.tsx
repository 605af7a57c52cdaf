import { Hono, type MiddlewareHandler } from 'hono';
import type { WebDeps } from '../deps.ts';
import type { Db } from '../../db/client.ts';
import { idParam, isHtmx, renderFragment, renderPage } from '../http/render.ts';
import { InboxItems, InboxPage } from '../../../views/pages/inbox-page.tsx';
import * as Notifications from '../../discussion/notifications.ts';
import * as StatusNotices from '../../crosscheck/notices.ts';
import * as Sanctions from '../../moderation/sanctions.ts';
import { loginRedirect } from './lookups.ts';

declare module 'hono' {
  interface ContextVariableMap {
    /** Unread inbox items of the signed-in user, for the account menu (full pages only). */
    inboxUnread: number;
  }
}

const PAGE_SIZE = 50;

/** Counts unread notifications for pages a signed-in user loads (fragments skip the query). */
export function inboxCount(deps: { db: Db }): MiddlewareHandler {
  return async (c, next) => {
    const user = c.get('user');
    if (user && c.req.method === 'GET' && !isHtmx(c))
      c.set(
        'inboxUnread',
        (await Notifications.unreadCount(deps.db, user.userId)) +
          (await StatusNotices.unreadCount(deps.db, user.userId)) +
          (await Sanctions.unseenCount(deps.db, user.userId)),
      );
    await next();
  };
}

export function inboxRoutes(deps: WebDeps): Hono {
  const app = new Hono();

  /** Replies and mentions, newest first; opening the page marks them read (after showing which were new). */
  app.get('/inbox', async (c) => {
    const user = c.get('user');
    if (!user) return loginRedirect(c);
    const before = idParam(c.req.query('before'));
    const items = await Notifications.inbox(deps.db, user.userId, { limit: PAGE_SIZE, before });
    const moreHref = items.length === PAGE_SIZE ? `/inbox?before=${items.at(-1)!.notificationId}` : null;
    const props = { items, now: deps.now(), moreHref };
    if (isHtmx(c) && before) return renderFragment(c, <InboxItems {...props} />);
    // Figure status changes (src/crosscheck/notices.ts): the latest, shown above replies and mentions.
    const statusNotices = await StatusNotices.forUser(deps.db, user.userId, { limit: PAGE_SIZE });
    const sanctions = await Sanctions.ofUser(deps.db, user.userId);
    await StatusNotices.markAllRead(deps.db, user.userId, deps.now());
    await Sanctions.markSeen(deps.db, user.userId, deps.now());
    await Notifications.markAllRead(deps.db, user.userId, deps.now());
    c.set('inboxUnread', 0);
    return renderPage(c, <InboxPage {...props} statusNotices={statusNotices} sanctions={sanctions} />);
  });

  return app;
}
