/**
 * CSRF protection: double-submit cookie + Origin check.
 *
 * Why double-submit rather than a synchronizer token bound to a session: login and signup forms need
 * protection before any session exists, and this keeps the middleware free of the accounts module and
 * of server-side state. Its known weakness (an attacker who can write cookies for our host plants a
 * token he knows) is narrowed by the `__Host-` cookie prefix on HTTPS, which forbids Domain= and
 * insecure writers, and by the Origin check, which every current browser sends on cross-site POSTs.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { AppError } from '../../errors.ts';

declare module 'hono' {
  interface ContextVariableMap {
    csrfToken: string;
    csrfRotate: () => string;
  }
}

export type CsrfOptions = {
  /** Defaults to `__Host-csrf` when secure, `csrf` otherwise (browsers reject `__Host-` without Secure). */
  cookieName?: string;
  headerName?: string;
  fieldName?: string;
  /** Whether the request arrived over HTTPS (directly or via a trusted proxy). */
  secure: (c: Context) => boolean;
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/; // 32 bytes in base64url without padding
const USER_MESSAGE = 'Your form expired or came from another site. Reload the page and try again.';

function csrfError(message: string): AppError {
  return new AppError('csrf', message, { status: 403, userMessage: USER_MESSAGE });
}

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function checkOrigin(c: Context): void {
  const origin = c.req.header('origin');
  if (origin === undefined) return; // absent in old browsers and some same-origin requests: the token still guards
  const host = c.req.header('host') ?? new URL(c.req.url).host;
  let originHost: string | null = null;
  try {
    originHost = new URL(origin).host; // "null" (sandboxed frames, privacy redirects) fails to parse
  } catch {
    originHost = null;
  }
  if (originHost !== host) throw csrfError(`Cross-origin request: Origin ${origin} does not match Host ${host}`);
}

/** Header first (htmx, no body parsing); else the form field. parseBody caches, so handlers can read it again. */
async function submittedToken(c: Context, headerName: string, fieldName: string): Promise<string | undefined> {
  const fromHeader = c.req.header(headerName);
  if (fromHeader) return fromHeader;
  const type = c.req.header('content-type')?.split(';')[0].trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded' && type !== 'multipart/form-data') return undefined;
  const body = await c.req.parseBody();
  const value = body[fieldName];
  return typeof value === 'string' ? value : undefined;
}

export function csrf(options: CsrfOptions): MiddlewareHandler {
  const headerName = options.headerName ?? 'x-csrf-token';
  const fieldName = options.fieldName ?? '_csrf';
  return async (c, next) => {
    const secure = options.secure(c);
    const cookieName = options.cookieName ?? (secure ? '__Host-csrf' : 'csrf');
    const existing = getCookie(c, cookieName);
    const hasCookie = existing !== undefined && TOKEN_SHAPE.test(existing);
    const token = hasCookie ? existing : randomBytes(32).toString('base64url');
    c.set('csrfToken', token);
    c.set('csrfRotate', () => {
      const fresh = randomBytes(32).toString('base64url');
      setCookie(c, cookieName, fresh, { httpOnly: true, sameSite: 'Lax', path: '/', secure });
      c.set('csrfToken', fresh);
      return fresh;
    });
    // Set before the checks, so a 403 page's own form (rendered with this token) works on the next try.
    if (!hasCookie) setCookie(c, cookieName, token, { httpOnly: true, sameSite: 'Lax', path: '/', secure });

    if (!SAFE_METHODS.has(c.req.method)) {
      checkOrigin(c);
      if (!hasCookie) throw csrfError('CSRF cookie missing');
      const submitted = await submittedToken(c, headerName, fieldName);
      if (submitted === undefined) throw csrfError('CSRF token missing from request');
      if (!sameToken(submitted, token)) throw csrfError('CSRF token does not match cookie');
    }
    await next();
  };
}

/**
 * Issues a new token with this response. Called when the visitor's identity changes (log in,
 * sign up, log out), so a token planted or read before cannot forge requests after: the
 * double-submit scheme's answer to token fixation. Open tabs get a "form expired" page once.
 */
export function rotateCsrfToken(c: Context): string {
  const rotate = c.get('csrfRotate');
  if (!rotate)
    throw new AppError('csrf_not_installed', 'rotateCsrfToken called on a route without the csrf middleware');
  return rotate();
}

/** The token to embed in forms (`<input name="_csrf">`) and in the layout's `hx-headers`. */
export function getCsrfToken(c: Context): string {
  const token = c.get('csrfToken');
  if (!token) throw new AppError('csrf_not_installed', 'getCsrfToken called on a route without the csrf middleware');
  return token;
}
