import { Hono, type Context } from 'hono';
import type { WebDeps } from '../deps.ts';
import * as Comments from '../../discussion/comments.ts';
import { AppError } from '../../errors.ts';
import { chargeAction } from '../http/action-limits.ts';
import { rotateCsrfToken } from '../http/csrf.ts';
import { formFields } from '../http/form.ts';
import { localPath, renderPage } from '../http/render.ts';
import { invalidInput, isFormError } from '../../input-error.ts';
import { LoginPage, SignupPage } from '../../../views/pages/login-page.tsx';
import { UserPage } from '../../../views/pages/user-page.tsx';
import * as Accounts from '../../accounts/accounts.ts';
import { clearSessionCookie, sessionTokenOf, setSessionCookie } from './middleware.ts';
import * as Sessions from '../../accounts/sessions.ts';

/** Sign-up, log-in and log-out as plain forms (Post/Redirect/Get), and public profiles. */
export function accountRoutes(deps: WebDeps): Hono {
  const app = new Hono();

  app.get('/signup', (c) => renderPage(c, <SignupPage next={nextOf(c.req.query('next'))} />));
  app.post('/signup', async (c) => {
    const form = await formFields(c);
    const username = (form.username ?? '').trim();
    const next = nextOf(form.next);
    try {
      await chargeAction(c, deps.limits, 'signup', {});
      const user = await Accounts.signUp(deps.db, { username, password: form.password ?? '' });
      deps.log.info('account created', { user: user.username });
      await startSession(c, deps, user.userId);
      return c.redirect(next ?? '/', 303);
    } catch (err) {
      if (!isFormError(err)) throw err;
      return renderPage(c, <SignupPage username={username} error={err.userMessage} next={next} />, err.status);
    }
  });

  app.get('/login', (c) => renderPage(c, <LoginPage next={nextOf(c.req.query('next'))} />));
  app.post('/login', async (c) => {
    const form = await formFields(c);
    const username = (form.username ?? '').trim();
    const next = nextOf(form.next);
    try {
      await chargeAction(c, deps.limits, 'login', { subject: username });
      const user = await Accounts.authenticate(deps.db, username, form.password ?? '');
      if (!user) throw invalidInput('Wrong username or password.', { status: 401 });
      await startSession(c, deps, user.userId);
      return c.redirect(next ?? '/', 303);
    } catch (err) {
      if (!isFormError(err)) throw err;
      return renderPage(c, <LoginPage username={username} error={err.userMessage} next={next} />, err.status);
    }
  });

  app.post('/logout', async (c) => {
    const secure = deps.secure(c);
    const token = sessionTokenOf(c, secure);
    if (token) await Sessions.end(deps.db, token);
    clearSessionCookie(c, secure);
    rotateCsrfToken(c);
    return c.redirect('/', 303);
  });

  app.get('/users/:name', async (c) => {
    const user = await Accounts.byUsername(deps.db, c.req.param('name'));
    if (!user || user.deletedAt) throw new AppError('not_found', 'No such user.', { status: 404 });
    const now = deps.now();
    const comments = await Comments.byAuthor(deps.db, user.userId, { limit: 30 });
    return renderPage(c, <UserPage profile={Accounts.toCurrentUser(user, now)} comments={comments} now={now} />);
  });

  return app;
}

/**
 * Rotation: the session the visitor arrived with (if any) ends and a new token is issued, so a
 * token planted before login (session fixation) is worth nothing after it; so does the CSRF token.
 */
async function startSession(c: Context, deps: WebDeps, userId: number): Promise<void> {
  const secure = deps.secure(c);
  const previous = sessionTokenOf(c, secure);
  if (previous) await Sessions.end(deps.db, previous);
  const now = deps.now();
  await Sessions.purgeExpired(deps.db, now);
  setSessionCookie(c, await Sessions.start(deps.db, userId, { now, days: deps.config.SESSION_DAYS }), secure);
  rotateCsrfToken(c);
}

function nextOf(raw: string | undefined): string | undefined {
  const path = localPath(raw, '');
  return path && !/^\/(login|signup|logout)\b/.test(path) ? path : undefined;
}
