/**
 * Pages every anonymous visitor gets alike (the front page), rendered once per version of their data
 * and served from memory with an ETag, answering 304 to a matching If-None-Match.
 *
 * The one per-visitor part of such a page is the CSRF token in the layout's hx-headers: it is
 * rendered as a placeholder and filled in per request, and the ETag names it too, so a browser that
 * gets a new token (after logging out) never revalidates a copy holding the old one.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import type { JSX } from 'hono/jsx/jsx-runtime';
import { renderHtml } from './render.ts';

type Rendered = { version: object; page: Promise<{ html: string; hash: string }> };

/** Pages kept at once; the keys are canonical URLs, so this only bounds a mistake. */
const MAX_PAGES = 500;
const PLACEHOLDER = randomBytes(32).toString('base64url');

const digest = (text: string) => createHash('sha256').update(text).digest('base64url');

export type SharedPage = {
  /** Canonical path and query: the key, and the path the page's "log in and come back" links name. */
  path: string;
  fragment: boolean;
  /** Identifies the data the page shows; a new object renders the page again. */
  version: object;
  render: () => JSX.Element;
};

export function sharedPages() {
  const pages = new Map<string, Rendered>();

  function rendered(page: SharedPage): Rendered['page'] {
    const key = `${page.fragment ? 'f' : 'p'}${page.path}`;
    const kept = pages.get(key);
    if (kept?.version === page.version) return kept.page;
    if (pages.size >= MAX_PAGES) pages.clear();
    const context = { csrfToken: PLACEHOLDER, user: null, path: page.path, inboxUnread: 0 };
    const html = renderHtml(context, page.render(), { fragment: page.fragment }).then((h) => ({
      html: h,
      hash: digest(h).slice(0, 22),
    }));
    html.catch(() => pages.get(key)?.page === html && pages.delete(key));
    pages.set(key, { version: page.version, page: html });
    return html;
  }

  /** The page for this anonymous request: 304 when the browser's copy is current, else the HTML. */
  return async function serve(c: Context, page: SharedPage): Promise<Response> {
    const { html, hash } = await rendered(page);
    const token = c.get('csrfToken');
    const personal = html.includes(PLACEHOLDER);
    const etag = `"${hash}${personal ? `.${digest(token).slice(0, 10)}` : ''}"`;
    c.header('ETag', etag);
    c.header('Cache-Control', 'private, no-cache');
    c.header('Vary', 'HX-Request, Cookie');
    if (matches(c.req.header('if-none-match'), etag)) return c.body(null, 304);
    return c.html(personal ? html.replaceAll(PLACEHOLDER, () => token) : html);
  };
}

function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const tag = t.trim().replace(/^W\//, '');
    return tag === etag || tag === '*';
  });
}
