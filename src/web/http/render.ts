import type { Context } from 'hono';
import { jsx } from 'hono/jsx';
import type { JSX } from 'hono/jsx/jsx-runtime';
import { PageContext, type PageContextValue } from '../../../views/page-context.ts';

/**
 * The request facts every view may need (CSRF token, signed-in user, current path, unread
 * count), provided to the whole tree so pages need not thread them through their props.
 */
export function pageContextOf(c: Context): PageContextValue {
  return {
    csrfToken: c.get('csrfToken'),
    user: c.get('user') ?? null,
    path: requestPath(c),
    inboxUnread: c.get('inboxUnread') ?? 0,
  };
}

/** A page (with its doctype) or a fragment as HTML, for these request facts. */
export async function renderHtml(
  context: PageContextValue,
  element: JSX.Element,
  opts: { fragment: boolean },
): Promise<string> {
  const html = `${await jsx(PageContext.Provider, { value: context }, element as never)}`;
  return opts.fragment ? html : `<!DOCTYPE html>${html}`;
}

/** Full pages get a doctype; htmx requests (HX-Request) get the fragment alone. */
export async function renderPage(c: Context, page: JSX.Element, status = 200): Promise<Response> {
  c.header('Vary', 'HX-Request');
  return c.html(await renderHtml(pageContextOf(c), page, { fragment: false }), status as never);
}

export async function renderFragment(c: Context, fragment: JSX.Element, status = 200): Promise<Response> {
  c.header('Vary', 'HX-Request');
  return c.html(await renderHtml(pageContextOf(c), fragment, { fragment: true }), status as never);
}

export const isHtmx = (c: Context) => c.req.header('HX-Request') === 'true';

/** Path and query of this request, as the site's own links write them. */
export function requestPath(c: Context): string {
  const url = new URL(c.req.url);
  return url.pathname + url.search;
}

/** Parses a positive integer route parameter, or undefined (the route answers 404). */
export function idParam(value: string | undefined): number | undefined {
  if (!value || !/^\d{1,9}$/.test(value)) return undefined;
  return Number(value);
}

/** A 1-based page number from `?p=`; anything else (missing, zero, absurdly deep) is the first page. */
export function pageParam(value: string | undefined): number {
  return value && /^\d{1,4}$/.test(value) && Number(value) > 0 ? Number(value) : 1;
}

/**
 * A same-site path to return to after a form (login's `next`, a vote's Referer), or the fallback.
 * Only "/…" paths: never "//host" or "/\host", which browsers treat as another site.
 */
export function localPath(candidate: string | undefined | null, fallback = '/'): string {
  if (!candidate) return fallback;
  let path = candidate;
  if (/^https?:\/\//i.test(candidate)) {
    try {
      const u = new URL(candidate);
      path = u.pathname + u.search + u.hash;
    } catch {
      return fallback;
    }
  }
  return /^\/(?![/\\])[^\s\\]*$/.test(path) && path.length <= 2000 ? path : fallback;
}
