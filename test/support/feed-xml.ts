/**
 * Synthetic RSS feeds for ingestion tests and benchmarks: items whose identity, link and
 * content are predictable, so a test can say exactly which items must end up stored.
 */
import type { Handler } from './http-server.ts';

export type TestItem = { guid: string; title: string; link: string; html: string; publishedAt: Date };

/** `n` items of feed `key`: guid `key-i`, link https://news.example/key/i, dated one minute apart. */
export function testItems(key: string, n: number, options: { start?: number; words?: number } = {}): TestItem[] {
  const start = options.start ?? 0;
  const filler = ' Capex rose 50 % while inference prices fell to $3 per 1M tokens.'.repeat(options.words ?? 1);
  return Array.from({ length: n }, (_, k) => {
    const i = start + k;
    return {
      guid: `${key}-${i}`,
      title: `Story ${i} of ${key}`,
      link: `https://news.example/${key}/${i}`,
      html: `<p>Body of story ${i} in <a href="/about">${key}</a>.${filler}</p>`,
      publishedAt: new Date(Date.UTC(2025, 0, 1, 0, i)),
    };
  });
}

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function rssFeed(feed: { title: string; items: TestItem[]; ttlMinutes?: number; link?: string }): string {
  const items = feed.items.map(
    (i) =>
      `<item><title>${escapeXml(i.title)}</title><link>${escapeXml(i.link)}</link><guid isPermaLink="false">${escapeXml(i.guid)}</guid>` +
      `<pubDate>${i.publishedAt.toUTCString()}</pubDate><description>${escapeXml(i.html)}</description></item>`,
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0"><channel>',
    `<title>${escapeXml(feed.title)}</title><link>${escapeXml(feed.link ?? 'https://news.example/')}</link><description>Test feed</description>`,
    feed.ttlMinutes === undefined ? '' : `<ttl>${feed.ttlMinutes}</ttl>`,
    ...items,
    '</channel></rss>',
  ].join('\n');
}

/** What a conditional feed route serves now; tests mutate it between polls. */
export type FeedVersion = { body: string; etag: string; headers?: Record<string, string> };

/** Serves `version()` with its ETag, or 304 when the request's If-None-Match already has it. */
export function conditionalFeed(version: () => FeedVersion): Handler {
  return (req, res) => {
    const v = version();
    if (req.headers['if-none-match'] === v.etag) return void res.writeHead(304, { ETag: v.etag, ...v.headers }).end();
    res.writeHead(200, { 'Content-Type': 'application/rss+xml; charset=utf-8', ETag: v.etag, ...v.headers });
    res.end(v.body);
  };
}
