import xml2js from 'xml2js';
import { AppError } from '../errors.ts';

/** One subscription as OPML carries it: `xmlUrl` is the feed, `htmlUrl` its site. */
export type OpmlFeed = { title: string; url: string; siteUrl: string | null };

type Outline = { $?: Record<string, string>; outline?: Outline[] };

/**
 * Feeds listed in an OPML document. Folders (nested outlines) are flattened; outlines
 * without an http(s) xmlUrl are skipped; a feed listed twice is kept once, first title wins.
 * Throws AppError('opml_parse') when the document is not OPML.
 */
export function parseOpml(xml: string): OpmlFeed[] {
  return readOpml(xml).feeds;
}

/** As parseOpml, also listing the xmlUrl values skipped because they are not http(s) URLs (for an import's report). */
export function readOpml(xml: string): { feeds: OpmlFeed[]; skipped: string[] } {
  const body = readOpmlBody(xml);
  const feeds = new Map<string, OpmlFeed>();
  const skipped: string[] = [];
  const visit = (outlines: Outline[] = []) => {
    for (const outline of outlines) {
      const attrs = outline.$ ?? {};
      const feed = toFeed(attrs);
      if (feed && !feeds.has(feed.url)) feeds.set(feed.url, feed);
      const xmlUrl = (attrs.xmlUrl ?? attrs.xmlurl ?? '').trim();
      if (!feed && xmlUrl) skipped.push(xmlUrl);
      visit(outline.outline);
    }
  };
  visit(body.outline);
  return { feeds: [...feeds.values()], skipped };
}

function readOpmlBody(xml: string): Outline {
  let doc: { opml?: { body?: Outline[] } } | undefined;
  let failure: unknown;
  // xml2js calls back synchronously for a string input, so this stays a plain function.
  new xml2js.Parser({ explicitArray: true }).parseString(
    xml.replace(/^\uFEFF/, ''),
    (err: Error | null, out: typeof doc) => {
      failure = err;
      doc = out;
    },
  );
  if (failure || !doc) throw notOpml('the XML is malformed', failure);
  if (!doc.opml) throw notOpml('the document has no <opml> root');
  return doc.opml.body?.[0] ?? {};
}

function toFeed(attrs: Record<string, string>): OpmlFeed | null {
  const url = httpUrl(attrs.xmlUrl ?? attrs.xmlurl);
  if (!url) return null;
  const title = (attrs.text || attrs.title || '').replace(/\s+/g, ' ').trim();
  return { title, url, siteUrl: httpUrl(attrs.htmlUrl ?? attrs.htmlurl) };
}

function httpUrl(value: string | undefined): string | null {
  try {
    const url = new URL((value ?? '').trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function notOpml(reason: string, cause?: unknown): AppError {
  return new AppError('opml_parse', `Not an OPML file: ${reason}`, { status: 400, cause });
}

/** An OPML 2.0 document listing the feeds, each an `rss` outline; deterministic for a given input. */
export function toOpml(feeds: OpmlFeed[], options: { title: string }): string {
  const outlines = feeds.map((feed) => {
    const attrs: [string, string][] = [
      ['type', 'rss'],
      ['text', feed.title || feed.url],
      ['title', feed.title || feed.url],
      ['xmlUrl', feed.url],
    ];
    if (feed.siteUrl) attrs.push(['htmlUrl', feed.siteUrl]);
    return `    <outline ${attrs.map(([name, value]) => `${name}="${escapeAttr(value)}"`).join(' ')}/>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    '  <head>',
    `    <title>${escapeAttr(options.title)}</title>`,
    '  </head>',
    '  <body>',
    ...outlines,
    '  </body>',
    '</opml>',
    '',
  ].join('\n');
}

/** Escapes markup and keeps tabs/newlines as references so they survive attribute normalisation. */
function escapeAttr(value: string): string {
  return value
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '') // not allowed in XML 1.0 at all
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}
