import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { toCurrentUser, type CurrentUser } from '../../accounts/accounts.ts';
import * as Sessions from '../../accounts/sessions.ts';

declare module 'hono' {
  interface ContextVariableMap {
    /** The signed-in user, or null for an anonymous reader. Set by sessionMiddleware on every request. */
    user: CurrentUser | null;
  }
}

export type SessionOptions = {
  db: Db;
  now: () => Date;
  /** Whether this request came over HTTPS: Secure cookie with the `__Host-` prefix. */
  secure: (c: Context) => boolean;
};

const cookieName = (secure: boolean) => (secure ? '__Host-session' : 'session');

/** Reads the session cookie and sets `c.get('user')`; a stale cookie is cleared. */
export function sessionMiddleware(options: SessionOptions): MiddlewareHandler {
  return async (c, next) => {
    const secure = options.secure(c);
    const token = getCookie(c, cookieName(secure));
    const now = options.now();
    const found = token ? await Sessions.resume(options.db, token, now) : undefined;
    if (token && !found) clearSessionCookie(c, secure);
    c.set('user', found ? toCurrentUser(found.user, now) : null);
    await next();
  };
}

export function sessionTokenOf(c: Context, secure: boolean): string | undefined {
  return getCookie(c, cookieName(secure));
}

/** HttpOnly (no script can read it), SameSite=Lax (not sent on cross-site POSTs), Secure on HTTPS. */
export function setSessionCookie(c: Context, session: Sessions.StartedSession, secure: boolean): void {
  setCookie(c, cookieName(secure), session.token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure,
    path: '/',
    expires: session.expiresAt,
  });
}

export function clearSessionCookie(c: Context, secure: boolean): void {
  deleteCookie(c, cookieName(secure), { path: '/', secure });
}

/** The signed-in user, or a 401 whose page links to the login form. */
export function requireUser(c: Context, message = 'Log in to do that.'): CurrentUser {
  const user = c.get('user');
  if (!user) throw new AppError('login_required', message, { status: 401, userMessage: message });
  return user;
}
