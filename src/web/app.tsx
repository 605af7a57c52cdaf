import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { accountRoutes } from './accounts/routes.tsx';
import { settingsRoutes } from './settings/routes.tsx';
import { sessionMiddleware } from './accounts/middleware.ts';
import { createActionLimits } from './http/action-limits.ts';
import { limitBody } from './http/body-limit.ts';
import { csrf } from './http/csrf.ts';
import { secureCookies } from './http/https.ts';
import { commentRoutes } from './discussion/routes.tsx';
import { inboxCount, inboxRoutes } from './discussion/inbox-routes.tsx';
import { threadRoutes } from './discussion/thread-routes.tsx';
import { voteRoutes } from './discussion/vote-routes.tsx';
import { articleRoutes } from './articles/routes.tsx';
import { isQueryCanceled } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { feedRoutes } from './feeds/routes.tsx';
import { isHtmx, renderFragment, renderPage } from './http/render.ts';
import { securityHeaders } from './http/security-headers.ts';
import { metricsRoutes } from './metrics.ts';
import { rejectNulBytes } from './http/nul-bytes.ts';
import { requestIds } from './http/request-id.ts';
import { staticRoutes } from './http/static.ts';
import { storyRoutes } from './stories/routes.tsx';
import { claimRoutes } from './claims/routes.tsx';
import { crosscheckRoutes } from './crosscheck/routes.tsx';
import { flagRoutes } from './moderation/flag-routes.tsx';
import { moderationRoutes } from './moderation/routes.tsx';
import { suspensionGuard } from './moderation/suspension-guard.ts';
import { systemRoutes } from './system-routes.tsx';
import { adminRoutes } from './admin/routes.tsx';
import { ErrorFragment, ErrorPage } from '../../views/pages/error-page.tsx';
import type { AppDeps, WebDeps } from './deps.ts';

/** Comments are at most 10,000 characters; 256 KiB leaves room for form encoding of any script. */
const MAX_BODY_BYTES = 256 * 1024;

/** The web app: every module's routes under one error handler. No listening here (see main.ts). */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  app.use('*', requestIds()); // first: every response and every log line of a request name it
  app.use('*', securityHeaders());
  app.use('*', rejectNulBytes()); // a 400 for %00 anywhere in the URL, before any route reads it
  app.route('/', staticRoutes());
  // Below the static files: they need no session, CSRF cookie or body.
  const web: WebDeps = {
    ...deps,
    limits: createActionLimits(deps.db, { overrides: deps.rateLimits, trustProxy: deps.config.TRUST_PROXY }),
    secure: secureCookies(deps.config),
  };
  app.use('*', limitBody({ maxBytes: MAX_BODY_BYTES, userMessage: 'That was too much text to send at once.' }));
  app.use('*', csrf({ secure: web.secure }));
  app.use('*', sessionMiddleware({ db: deps.db, now: deps.now, secure: web.secure }));
  app.use('*', suspensionGuard(deps)); // moderation: suspended accounts read but cannot post
  app.use('*', inboxCount(deps));
  app.route('/', accountRoutes(web));
  app.route('/', settingsRoutes(web));
  app.route('/', commentRoutes(web));
  app.route('/', threadRoutes(web));
  app.route('/', voteRoutes(web));
  app.route('/', inboxRoutes(web));
  app.route('/', systemRoutes(deps));
  app.route('/', metricsRoutes(deps));
  app.route('/', adminRoutes(web));
  app.route('/', storyRoutes(deps));
  app.route('/', articleRoutes(deps));
  app.route('/', feedRoutes(deps));
  app.route('/', claimRoutes(deps));
  // Cross-checking and moderation (src/crosscheck, src/moderation).
  app.route('/', crosscheckRoutes(web));
  app.route('/', flagRoutes(web));
  app.route('/', moderationRoutes(web));

  app.notFound((c) => renderPage(c, <ErrorPage status={404} message="There is nothing at this address." />, 404));
  app.onError((thrown, c) => {
    const err = busyError(thrown, deps.config.WEB_STATEMENT_TIMEOUT_MS);
    const status = err instanceof AppError ? err.status : err instanceof HTTPException ? err.status : 500;
    const message =
      err instanceof AppError ? err.userMessage : status < 500 ? err.message : 'Something went wrong on our side.';
    if (status >= 500)
      deps.log.error('request failed', {
        method: c.req.method,
        path: c.req.path,
        error: err.message,
        stack: err.stack,
      });
    if (err instanceof AppError && 'retryAfterSeconds' in err)
      c.header('Retry-After', String((err as { retryAfterSeconds: number }).retryAfterSeconds));
    if (err instanceof AppError && err.code === 'statement_timeout') c.header('Retry-After', '5');
    return isHtmx(c)
      ? renderFragment(c, <ErrorFragment message={message} />, status)
      : renderPage(c, <ErrorPage status={status} message={message} />, status);
  });
  return app;
}

/** A statement the database cancelled (WEB_STATEMENT_TIMEOUT_MS) is load, not a bug: 503 with Retry-After, saying so. */
function busyError(err: Error, timeoutMs: number): Error {
  if (!isQueryCanceled(err)) return err;
  return new AppError('statement_timeout', `database statement cancelled after WEB_STATEMENT_TIMEOUT_MS=${timeoutMs}`, {
    status: 503,
    userMessage: 'The site is busy and this page took too long to prepare. Please try again in a moment.',
    cause: err,
  });
}
