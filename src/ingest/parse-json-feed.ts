import { AppError } from '../errors.ts';
import type { RawFeed, RawItem } from './parse.ts';
import { textToHtml } from './sanitize.ts';

/**
 * JSON Feed 1.0 / 1.1 (https://jsonfeed.org/version/1.1), read by hand: the format is small,
 * and being lenient per field (a number where a string belongs, a missing array) keeps one
 * sloppy item from costing the whole feed.
 */
export function parseJsonFeed(body: string): RawFeed {
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch (err) {
    throw notAFeed('the JSON is malformed', err);
  }
  if (!isObject(doc)) throw notAFeed('the JSON is not an object');
  if (!str(doc.version)?.includes('jsonfeed.org/version/')) throw notAFeed('the JSON has no JSON Feed version');
  if (!Array.isArray(doc.items)) throw notAFeed('the JSON Feed has no items list');
  const feedAuthor = authorName(doc);
  return {
    title: str(doc.title),
    titleType: 'text',
    siteUrl: str(doc.home_page_url),
    description: str(doc.description),
    ttl: null,
    base: null,
    items: doc.items.filter(isObject).map((item) => jsonItem(item, feedAuthor)),
  };
}

function jsonItem(item: Record<string, unknown>, feedAuthor: string | null): RawItem {
  const contentHtml = str(item.content_html) ?? textToHtml(str(item.content_text));
  return {
    guid: str(item.id) ?? (typeof item.id === 'number' ? String(item.id) : null),
    link: str(item.url) ?? str(item.external_url),
    guidIsLink: false,
    title: str(item.title),
    titleType: 'text',
    author: authorName(item) ?? feedAuthor,
    date: str(item.date_published) ?? str(item.date_modified),
    summaryHtml: textToHtml(str(item.summary)),
    contentHtml,
    base: null,
    contentBase: null,
  };
}

/** 1.1 has `authors` (a list); 1.0 had a single `author`. */
function authorName(node: Record<string, unknown>): string | null {
  const authors = Array.isArray(node.authors) ? node.authors : [node.author];
  for (const author of authors) {
    const name = isObject(author) ? str(author.name) : null;
    if (name) return name;
  }
  return null;
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function notAFeed(reason: string, cause?: unknown): AppError {
  return new AppError('feed_parse', `Not a feed: ${reason}`, { status: 422, cause });
}
