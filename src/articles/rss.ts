import type { ArticleListEntry } from './articles.ts';

const esc = (s: string) =>
  s
    .replace(/[<>&"']/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[ch]!)
    // XML 1.0 forbids most control characters even when escaped.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');

/** XML text escaping for every feed the site serves (figures, moderation log). */
export { esc as escapeXml };

/** RSS 2.0 of a list of articles, linking to their Crosscheck pages. */
export function rssFeed(opts: {
  base: string;
  title: string;
  description: string;
  articles: ArticleListEntry[];
  selfPath?: string;
}): string {
  const items = opts.articles.map((a) => {
    const link = `${opts.base}/articles/${a.articleId}`;
    return [
      '<item>',
      `<title>${esc(a.title)}</title>`,
      `<link>${esc(link)}</link>`,
      `<guid isPermaLink="true">${esc(link)}</guid>`,
      `<pubDate>${a.publishedAt.toUTCString()}</pubDate>`,
      a.summary ? `<description>${esc(a.summary)}</description>` : '',
      ...a.sources
        .map((s) => `<source url="${esc(`${opts.base}/feeds/${s.feedId}`)}">${esc(s.feedTitle)}</source>`)
        .slice(0, 1),
      '</item>',
    ].join('');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>',
    `<title>${esc(opts.title)}</title>`,
    `<link>${esc(opts.base)}/</link>`,
    `<description>${esc(opts.description)}</description>`,
    `<atom:link href="${esc(opts.base + (opts.selfPath ?? '/feed.xml'))}" rel="self" type="application/rss+xml"/>`,
    ...items,
    '</channel></rss>',
  ].join('\n');
}
