import { Hono, type Context } from 'hono';
import type { WebDeps } from '../deps.ts';
import * as Accounts from '../../accounts/accounts.ts';
import type { CurrentUser } from '../../accounts/accounts.ts';
import { clearSessionCookie, sessionTokenOf } from '../accounts/middleware.ts';
import * as NotificationChoices from '../../accounts/notification-choices.ts';
import * as Sessions from '../../accounts/sessions.ts';
import { chargeAction } from '../http/action-limits.ts';
import { rotateCsrfToken } from '../http/csrf.ts';
import { formFields } from '../http/form.ts';
import { renderPage } from '../http/render.ts';
import { isFormError } from '../../input-error.ts';
import { AccountDeletedPage, SettingsPage, type SettingsProps } from '../../../views/pages/settings-page.tsx';
import { deleteAccount } from '../../use-cases/delete-account.ts';

const LOGIN = `/login?next=${encodeURIComponent('/settings')}`;

/** Confirmations after Post/Redirect/Get, by `?done=`; unknown values show nothing. */
const DONE: Record<string, (q: (k: string) => string | undefined) => string> = {
  password: (q) => {
    const ended = Number(q('ended') ?? 0);
    const others = ended === 1 ? '1 other session was' : `${Number.isFinite(ended) ? ended : 0} other sessions were`;
    return `Your password was changed. ${others} logged out; this one stays logged in.`;
  },
  notifications: () => 'Your notification choices were saved.',
};

/**
 * /settings: change the password (other sessions end), choose notifications, delete the account.
 * Anonymous visitors are sent to log in and come back. Password checks count as login attempts
 * (the same rate limit), since they can be used to guess one.
 */
export function settingsRoutes(deps: WebDeps): Hono {
  const app = new Hono();

  app.use('/settings', signedIn);
  app.use('/settings/:action{password|notifications|delete}', signedIn);

  app.get('/settings', async (c) => {
    const done = DONE[c.req.query('done') ?? '']?.((k) => c.req.query(k)) ?? null;
    return page(c, deps, { done });
  });

  app.post('/settings/password', async (c) => {
    const user = c.get('user')!;
    const form = await formFields(c);
    try {
      await chargeAction(c, deps.limits, 'login', { subject: user.username });
      await Accounts.changePassword(deps.db, {
        userId: user.userId,
        current: form.current ?? '',
        next: form.password ?? '',
        confirm: form.confirm ?? '',
      });
      const ended = await Sessions.endOthers(deps.db, user.userId, sessionTokenOf(c, deps.secure(c)) ?? '');
      deps.log.info('password changed', { user: user.username, sessionsEnded: ended });
      return c.redirect(`/settings?done=password&ended=${ended}`, 303);
    } catch (err) {
      if (!isFormError(err)) throw err;
      return page(c, deps, { passwordError: err.userMessage }, err.status);
    }
  });

  app.post('/settings/notifications', async (c) => {
    const user = c.get('user')!;
    const form = await formFields(c);
    const on = (name: string) => form[name] === 'on';
    await NotificationChoices.setChoices(deps.db, user.userId, {
      reply: on('reply'),
      mention: on('mention'),
      figureStatus: on('figureStatus'),
    });
    return c.redirect('/settings?done=notifications', 303);
  });

  app.post('/settings/delete', async (c) => {
    const user = c.get('user')!;
    const form = await formFields(c);
    const typedName = (form.username ?? '').slice(0, 100);
    try {
      await chargeAction(c, deps.limits, 'login', { subject: user.username });
      await deleteAccount(deps.db, { userId: user.userId, typedName, password: form.password ?? '', now: deps.now() });
      deps.log.info('account deleted', { user: user.username });
      clearSessionCookie(c, deps.secure(c));
      rotateCsrfToken(c);
      return c.redirect('/settings/deleted', 303);
    } catch (err) {
      if (!isFormError(err)) throw err;
      return page(c, deps, { deleteError: err.userMessage, typedName }, err.status);
    }
  });

  app.get('/settings/deleted', (c) => renderPage(c, <AccountDeletedPage />));

  return app;
}

/** Anonymous visitors go to the login form, which brings them back here. */
async function signedIn(c: Context, next: () => Promise<void>): Promise<Response | void> {
  if (!c.get('user')) return c.redirect(LOGIN, 303);
  await next();
}

async function page(
  c: Context,
  deps: WebDeps,
  props: Omit<SettingsProps, 'username' | 'choices'>,
  status = 200,
): Promise<Response> {
  const user: CurrentUser = c.get('user')!;
  const choices = await NotificationChoices.choicesOf(deps.db, user.userId);
  return renderPage(c, <SettingsPage username={user.username} choices={choices} {...props} />, status);
}
