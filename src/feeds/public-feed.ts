import type { Feed } from './feeds.sql.ts';

/**
 * What the public may see of a feed. A feed behind HTTP basic auth is subscribed to as
 * `https://user:password@host/feed.xml`; the fetcher needs the credentials, readers must never see
 * them: not on /feeds, a feed's page, an article's sources or /feeds.opml. (The operator's
 * `crosscheck feeds export` keeps them, so an export can be imported again.)
 */

const URL_CREDENTIALS = /\b(https?:\/\/)[^\s/?#@]*@/gi;

/** The text with the `user:password@` of every http(s) URL in it removed (also inside error messages). */
export function withoutCredentials(text: string): string;
export function withoutCredentials(text: string | null): string | null;
export function withoutCredentials(text: string | null): string | null {
  return text === null ? null : text.replace(URL_CREDENTIALS, '$1');
}

/** The feed with credentials gone from its URLs and from the error texts that may quote them. */
export function publicFeed(feed: Feed): Feed {
  return {
    ...feed,
    url: withoutCredentials(feed.url),
    siteUrl: withoutCredentials(feed.siteUrl),
    lastError: withoutCredentials(feed.lastError),
    disabledReason: withoutCredentials(feed.disabledReason),
  };
}

export type Subscription = { title: string; url: string; siteUrl: string | null };

/** An OPML outline for the public export. */
export function publicSubscription(s: Subscription): Subscription {
  return { title: withoutCredentials(s.title), url: withoutCredentials(s.url), siteUrl: withoutCredentials(s.siteUrl) };
}
