import type { Child } from 'hono/jsx';

export type LayoutProps = {
  title: string;
  children: Child;
  /** Per-request CSRF token, sent by htmx on every request (hx-headers) and in every form. */
  csrfToken?: string;
  user?: { username: string; role: string } | null;
  description?: string;
  feedUrl?: string;
};

/** The page shell: one stylesheet, htmx from our own static route, no CDN, no inline script. */
export function Layout(props: LayoutProps) {
  const headers = props.csrfToken ? JSON.stringify({ 'X-CSRF-Token': props.csrfToken }) : undefined;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title === 'Crosscheck' ? props.title : `${props.title} · Crosscheck`}</title>
        {props.description ? <meta name="description" content={props.description} /> : null}
        {/* htmx must not eval or inject inline styles: the CSP allows neither (indicator styles live in app.css). */}
        <meta name="htmx-config" content='{"allowEval":false,"includeIndicatorStyles":false,"historyCacheSize":0}' />
        <link rel="stylesheet" href="/static/app.css" />
        <link rel="alternate" type="application/rss+xml" title="Crosscheck front page" href={props.feedUrl ?? '/feed.xml'} />
        <script src="/static/htmx.min.js" defer></script>
      </head>
      <body hx-headers={headers}>
        <a class="skip" href="#main">Skip to content</a>
        <header class="site">
          <a class="brand" href="/">
            <span class="mark" aria-hidden="true">✓✗</span> Crosscheck
          </a>
          <nav aria-label="Main">
            <a href="/">Front page</a>
            <a href="/feeds">Sources</a>
            <a href="/search">Search</a>
            <a href="/about">About</a>
          </nav>
          <nav class="account" aria-label="Account">
            {props.user ? <a href={`/users/${props.user.username}`}>{props.user.username}</a> : null}
          </nav>
        </header>
        <main id="main">{props.children}</main>
        <footer class="site">
          <p>
            Crosscheck follows AI-industry news and cross-checks its numbers. <a href="/feed.xml">RSS</a>
          </p>
        </footer>
      </body>
    </html>
  );
}
