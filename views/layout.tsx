import type { Child } from 'hono/jsx';
import { usePage } from './page-context.ts';
import { CsrfField } from './partials/csrf-field.tsx';
import { UserName } from './partials/user-name.tsx';

export type LayoutProps = {
  title: string;
  children: Child;
  user?: { username: string; role: string; isNew?: boolean } | null;
  description?: string;
  feedUrl?: string;
};

// htmx must not eval or inject inline styles: the CSP allows neither (indicator styles live in app.css).
// 4xx/5xx responses are swapped too, so a form comes back in place with its message and typed text.
const HTMX_CONFIG = JSON.stringify({
  allowEval: false,
  includeIndicatorStyles: false,
  historyCacheSize: 0,
  // Not 'style': copying an old element's style attribute onto its swapped-in twin is an inline style the CSP blocks.
  attributesToSettle: ['class', 'width', 'height'],
  responseHandling: [
    { code: '204', swap: false },
    { code: '[23]..', swap: true },
    { code: '[45]..', swap: true, error: true },
  ],
});

/** The page shell: one stylesheet, htmx and app.js from our own static route, no CDN, no inline script. */
export function Layout(props: LayoutProps) {
  const page = usePage();
  // The per-request CSRF token, sent by htmx on every request (hx-headers) and in every form.
  const csrfToken = page.csrfToken;
  const user = props.user !== undefined ? props.user : page.user;
  const headers = csrfToken ? JSON.stringify({ 'X-CSRF-Token': csrfToken }) : undefined;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title === 'Crosscheck' ? props.title : `${props.title} · Crosscheck`}</title>
        {props.description ? <meta name="description" content={props.description} /> : null}
        <meta name="htmx-config" content={HTMX_CONFIG} />
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/static/app.css" />
        <link
          rel="alternate"
          type="application/rss+xml"
          title="Crosscheck front page"
          href={props.feedUrl ?? '/feed.xml'}
        />
        <script src="/static/htmx.min.js" defer></script>
        <script src="/static/app.js" defer></script>
      </head>
      <body hx-headers={headers}>
        <a class="skip" href="#main">
          Skip to content
        </a>
        <header class="site">
          <a class="brand" href="/">
            <span class="mark" aria-hidden="true">
              ✓✗
            </span>{' '}
            Crosscheck
          </a>
          <nav aria-label="Main">
            <a href="/">Front page</a>
            <a href="/?tab=new">New</a>
            <a href="/figures">Figures</a>
            <a href="/feeds">Sources</a>
            <a href="/search">Search</a>
            <a href="/about">About</a>
            {user && (user.role === 'moderator' || user.role === 'admin') ? <a href="/moderation">Moderation</a> : null}
            {user?.role === 'admin' ? <a href="/admin">Admin</a> : null}
          </nav>
          <AccountNav user={user ?? null} path={page.path} unread={page.inboxUnread ?? 0} />
        </header>
        <main id="main">{props.children}</main>
        <footer class="site">
          <p>
            Crosscheck follows AI-industry news and cross-checks its numbers. <a href="/feed.xml">RSS</a> ·{' '}
            <a href="/moderation/log">Moderation log</a>
          </p>
        </footer>
      </body>
    </html>
  );
}

function AccountNav(props: { user: { username: string; isNew?: boolean } | null; path?: string; unread: number }) {
  if (!props.user) {
    const back =
      props.path && !/^\/(login|signup|logout)\b/.test(props.path) && props.path !== '/'
        ? `?next=${encodeURIComponent(props.path)}`
        : '';
    return (
      <nav class="account" aria-label="Account">
        <a href={`/login${back}`}>Log in</a>
        <a href={`/signup${back}`}>Sign up</a>
      </nav>
    );
  }
  return (
    <nav class="account" aria-label="Account">
      <UserName username={props.user.username} isNew={props.user.isNew ?? false} />
      <a href="/inbox" class={props.unread ? 'inbox unread' : 'inbox'}>
        Inbox{props.unread ? ` (${props.unread})` : ''}
      </a>
      <a href="/settings">Settings</a>
      <form method="post" action="/logout" class="logout">
        <CsrfField />
        <button type="submit" class="link">
          Log out
        </button>
      </form>
    </nav>
  );
}
