import { AppError, errorMessage } from '../errors.ts';
import { canonicalizeUrl } from './canonical-url.ts';
import { contentHash, itemIdentity } from './item-identity.ts';
import { parseJsonFeed } from './parse-json-feed.ts';
import { parseXmlFeed } from './parse-xml-feed.ts';
import {
  htmlToText,
  resolveUrl,
  sanitizedHtmlToText,
  sanitizeHtml,
  stripBidiControls,
  WEB_SCHEMES,
} from './sanitize.ts';

/**
 * Feed body (already decoded to a string) → normalised feed. Pure: no I/O, no clock.
 * RSS 0.9x/1.0/2.0 and Atom go through rss-parser; JSON Feed is read by hand. Every reader
 * first yields a RawFeed (values as written), and one normaliser resolves URLs, cleans HTML,
 * derives text, and computes identities, so all formats come out alike.
 */
export type ParsedItem = {
  guid: string | null;
  link: string | null;
  canonicalUrl: string | null;
  title: string;
  author: string | null;
  publishedAt: Date | null;
  summary: string | null;
  contentHtml: string;
  contentText: string;
  identity: string;
  contentHash: string;
};

export type ParsedFeed = {
  title: string;
  siteUrl: string | null;
  description: string | null;
  ttlMinutes: number | null;
  items: ParsedItem[];
};

export type ParseOptions = { feedUrl: string; contentType?: string };

/** `text` is literal text; `html` is markup (Atom `xhtml` is serialised to `html` first). */
export type TextType = 'text' | 'html';

export type RawItem = {
  guid: string | null;
  link: string | null;
  /** RSS `<guid isPermaLink="true">` doubles as the link when `<link>` is missing. */
  guidIsLink: boolean;
  title: string | null;
  titleType: TextType;
  author: string | null;
  date: string | null;
  summaryHtml: string | null;
  contentHtml: string | null;
  /** Absolute xml:base in scope for the item, and the content's own, when the feed sets them. */
  base: string | null;
  contentBase: string | null;
};

export type RawFeed = {
  title: string | null;
  titleType: TextType;
  siteUrl: string | null;
  description: string | null;
  ttl: string | null;
  base: string | null;
  items: RawItem[];
};

export const SUMMARY_MAX_CHARS = 500;

/**
 * Changes whenever the same feed bytes would now parse to different items (normalisation,
 * sanitising, identities): refresh.ts skips bodies identical to the last stored one, so without
 * a new version, feeds would keep items made by the old code until they change.
 */
export const PARSER_VERSION = 'parse-2026.13'; // .13: RSS 1.0 with prefixed elements (rss:item) parsed
const TITLE_FALLBACK_CHARS = 100;

export async function parseFeed(body: string, options: ParseOptions): Promise<ParsedFeed> {
  const text = body.replace(/^\uFEFF/, '');
  const raw = isJson(text, options.contentType) ? parseJsonFeed(text) : await parseXmlFeed(text, options.feedUrl);
  return normaliseFeed(raw, options.feedUrl);
}

/** What a feed row shows when its body cannot be read: our own errors say it already, others get context. */
export function parseFailureMessage(err: unknown): string {
  return err instanceof AppError ? err.message : `Could not parse the feed: ${errorMessage(err)}`;
}

/** The body decides; the Content-Type only breaks a tie, since servers often mislabel feeds. */
function isJson(body: string, contentType = ''): boolean {
  if (/^\s*[{[]/.test(body)) return true;
  return !/^\s*</.test(body) && /json/i.test(contentType);
}

function normaliseFeed(raw: RawFeed, feedUrl: string): ParsedFeed {
  return {
    title: inlineText(raw.title, raw.titleType),
    siteUrl: resolveUrl(raw.siteUrl, raw.base ?? feedUrl, WEB_SCHEMES),
    description: inlineText(raw.description, 'html') || null,
    ttlMinutes: positiveInt(raw.ttl),
    items: raw.items.map((item) => normaliseItem(item, feedUrl)),
  };
}

function normaliseItem(raw: RawItem, feedUrl: string): ParsedItem {
  const guid = raw.guid?.trim() || null;
  const link = resolveUrl(raw.link ?? (raw.guidIsLink ? guid : null), raw.base ?? feedUrl, WEB_SCHEMES);
  // xml:base wins (the publisher said so); otherwise relative URLs are relative to the article.
  const base = raw.contentBase ?? raw.base ?? link ?? feedUrl;
  const contentHtml = sanitizeHtml(raw.contentHtml ?? raw.summaryHtml ?? '', base).trim();
  const contentText = sanitizedHtmlToText(contentHtml);
  const summaryText = raw.summaryHtml && raw.contentHtml ? htmlToText(raw.summaryHtml) : contentText;
  // Untitled items (RSS 0.9x, microblogs) get their opening words, as readers show them.
  const title =
    inlineText(raw.title, raw.titleType) || truncate(oneLine(contentText.split('\n\n')[0] ?? ''), TITLE_FALLBACK_CHARS);
  const publishedAt = parseDate(raw.date);
  const canonicalUrl = link ? canonicalizeUrl(link) : null;
  return {
    guid,
    link,
    canonicalUrl,
    title,
    author: authorName(raw.author),
    publishedAt,
    summary: truncate(oneLine(summaryText), SUMMARY_MAX_CHARS) || null,
    contentHtml,
    contentText,
    identity: itemIdentity({ guid, link, canonicalUrl, title, publishedAt, contentText }),
    contentHash: contentHash({ title, contentHtml, link }),
  };
}

function inlineText(value: string | null, type: TextType): string {
  if (!value) return '';
  return oneLine(type === 'html' ? htmlToText(value) : value);
}

function oneLine(text: string): string {
  return stripBidiControls(text).replace(/\s+/g, ' ').trim();
}

/** Cuts at a word boundary when one is near, and counts code points so emoji stay whole. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  let cut = chars.slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  if (space > cut.length * 0.6) cut = cut.slice(0, space);
  return `${cut.trimEnd()}…`;
}

/** RSS `author` is "email (Name)" by the spec; the name is what readers want to see. */
function authorName(author: string | null): string | null {
  const text = author ? oneLine(author) : '';
  const named = /^\S+@\S+\s+\((.+)\)$/.exec(text);
  return (named ? named[1].trim() : text) || null;
}

/** RFC 822 and ISO 8601 both parse; anything else (or out of range) is an unknown date. */
function parseDate(value: string | null): Date | null {
  if (!value?.trim()) return null;
  const date = new Date(value.trim());
  return Number.isNaN(date.getTime()) ? null : date;
}

function positiveInt(value: string | null): number | null {
  const n = value ? Number.parseInt(value.trim(), 10) : Number.NaN;
  return Number.isInteger(n) && n > 0 ? n : null;
}
