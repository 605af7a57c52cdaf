import Parser from 'rss-parser';
import xml2js from 'xml2js';
import { AppError } from '../errors.ts';
import type { RawFeed, RawItem, TextType } from './parse.ts';
import { resolveUrl, textToHtml, WEB_SCHEMES } from './sanitize.ts';

/**
 * RSS 0.9x / 1.0 (RDF) / 2.0 and Atom → RawFeed, through rss-parser. What rss-parser does not
 * keep is read from its raw nodes (customFields with keepArray): xml:base, Atom text types,
 * RSS guid permalinks, Atom dates (see xmlParser), and FeedBurner's origLink, which is the
 * article itself rather than a redirect through feedproxy. Values stay as written; parse.ts
 * resolves and cleans them.
 */
type Node = Record<string, unknown>;
type XhtmlParts = Partial<Record<'title' | 'summary' | 'content', string>>;

export async function parseXmlFeed(body: string, feedUrl: string): Promise<RawFeed> {
  const root = rootElement(body);
  if (!root) throw notAFeed('the document is empty or is not XML');
  if (/^html$/i.test(root)) throw notAFeed('this is an HTML page');
  const atom = /^feed$/.test(root);
  if (!atom && !/^(rss|rdf:RDF)$/i.test(root)) throw notAFeed(`the document is <${root}>, not RSS or Atom`);
  const tagNames = tagNameProcessor(body);
  let feed: Node & { items: Node[] };
  try {
    feed = await xmlParser(tagNames).parseString(body);
  } catch (err) {
    throw notAFeed(await whyUnreadable(body, tagNames, err), err);
  }
  return atom ? atomFeed(feed, body, feedUrl) : rssFeed(feed, feedUrl);
}

/** First element name, skipping the prolog, comments and DOCTYPE; only the head is scanned. */
function rootElement(body: string): string | null {
  const head = body
    .slice(0, 65536)
    .replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>[]*(?:\[[\s\S]*?\])?\s*>/gi, '');
  return /<([A-Za-z_][\w:.-]*)/.exec(head)?.[1] ?? null;
}

const keep = (from: string, to = `${from}Node`) => [from, to, { keepArray: true }];

/** RSS 1.0's namespace (and RSS 0.90's), which some feeds bind to a prefix: `<rss:channel>`, `<rss:item>`. */
const RSS1_PREFIX =
  /\sxmlns:([A-Za-z_][\w.-]*)\s*=\s*["']http:\/\/(?:purl\.org\/rss\/1\.0|my\.netscape\.com\/rdf\/simple\/0\.9)\/?["']/g;

type TagNameProcessor = (name: string) => string;

/**
 * Element names as rss-parser expects them. Prefixed RSS 1.0 elements lose their prefix, since
 * rss-parser only knows `channel` and `item`. rss-parser throws on one unparseable Atom date and
 * loses the whole feed; renamed, the dates reach us untouched and parseDate() judges each item.
 */
function tagNameProcessor(body: string): TagNameProcessor {
  const prefixes = new Set(Array.from(body.matchAll(RSS1_PREFIX), (m) => `${m[1]}:`));
  const unprefixed = (name: string) => {
    const colon = name.indexOf(':');
    return colon > 0 && prefixes.has(name.slice(0, colon + 1)) ? name.slice(colon + 1) : name;
  };
  const renamed = (name: string) => (name === 'published' || name === 'updated' ? `x-${name}` : name);
  return prefixes.size ? (name) => renamed(unprefixed(name)) : renamed;
}

/**
 * Why rss-parser could not read the document, in words. Only on failure is the body parsed a
 * second time: malformed XML is named by the XML parser; well-formed XML by what it lacks.
 */
async function whyUnreadable(body: string, tagNames: TagNameProcessor, err: unknown): Promise<string> {
  const detail = String((err as Error)?.message ?? err).split('\n')[0];
  let doc: Node;
  try {
    doc = node(await new xml2js.Parser({ tagNameProcessors: [tagNames] }).parseStringPromise(body)) ?? {};
  } catch (xmlErr) {
    return `the XML is malformed (${String((xmlErr as Error)?.message ?? xmlErr).split('\n')[0]})`;
  }
  const [rootName] = Object.keys(doc);
  const root = node(doc[rootName]) ?? {};
  if (/^rss$/i.test(rootName) && !root.channel) return 'the <rss> document has no <channel> element';
  if (/^rdf:RDF$/i.test(rootName) && !root.channel) {
    return root.item
      ? 'the RDF document has items but no <channel> element'
      : 'an RDF document with no items or channel';
  }
  return `the document could not be read as a feed (${detail})`;
}

/** A fresh parser per feed: xml2js keeps state between calls, and a failed parse can leave it dirty. */
function xmlParser(tagNames: TagNameProcessor): Parser<Node, Node> {
  const options = {
    defaultRSS: 2,
    xml2js: { tagNameProcessors: [tagNames] },
    customFields: {
      feed: [keep('$', 'attrs'), keep('title'), keep('author'), 'subtitle'],
      item: [
        keep('$', 'attrs'),
        keep('title'),
        keep('guid'),
        keep('content'),
        keep('summary'),
        ['x-published', 'published'],
        ['x-updated', 'updated'],
        ['dcterms:issued', 'issued'],
        ['itunes:author', 'itunesAuthor'],
        ['feedburner:origLink', 'origLink'],
      ],
    },
  };
  // The published typings omit the documented [from, to, { keepArray }] field form.
  return new Parser(options as unknown as Parser.ParserOptions<Node, Node>);
}

function rssFeed(feed: Node & { items: Node[] }, feedUrl: string): RawFeed {
  const base = scopeBase(feed.attrs, null, feedUrl);
  return {
    title: text(feed.title),
    titleType: 'html',
    siteUrl: text(feed.link),
    description: text(feed.description),
    ttl: text(feed.ttl),
    base,
    items: feed.items.map((item) => rssItem(item, base, feedUrl)),
  };
}

/** RSS titles are treated as HTML: publishers escape markup in them as often as not. */
function rssItem(item: Node, feedBase: string | null, feedUrl: string): RawItem {
  const guid = text(item.guid) ?? text(item['rdf:about']);
  const permalink = attr(first(item.guidNode), 'isPermaLink');
  const description = text(item.content); // rss-parser files <description> under `content`
  const encoded = text(item['content:encoded']);
  return {
    guid,
    link: text(item.origLink) ?? text(item.link),
    // isPermaLink defaults to true, but many feeds omit it on opaque ids: trust only URLs then.
    guidIsLink: permalink === 'true' || (permalink === null && /^https?:\/\//i.test(guid ?? '')),
    title: text(item.title),
    titleType: 'html',
    author: text(item.creator) ?? text(item.author) ?? text(item.itunesAuthor),
    date: text(item.pubDate) ?? text(item.date) ?? text(item.issued),
    summaryHtml: encoded ? description : null,
    contentHtml: encoded ?? description,
    base: scopeBase(item.attrs, feedBase, feedUrl),
    contentBase: null,
  };
}

function atomFeed(feed: Node & { items: Node[] }, body: string, feedUrl: string): RawFeed {
  const base = scopeBase(feed.attrs, null, feedUrl);
  const xhtml = orderedXhtml(body);
  const title = atomText(first(feed.titleNode), undefined);
  const feedAuthor = text(first(node(first(feed.authorNode))?.name));
  return {
    title: title.value ?? text(feed.title),
    titleType: title.type,
    siteUrl: text(feed.link),
    description: text(feed.subtitle),
    ttl: null,
    base,
    items: feed.items.map((item, i) => atomItem(item, { base, feedUrl, feedAuthor, xhtml: xhtml[i] ?? {} })),
  };
}

type AtomScope = { base: string | null; feedUrl: string; feedAuthor: string | null; xhtml: XhtmlParts };

function atomItem(item: Node, scope: AtomScope): RawItem {
  const base = scopeBase(item.attrs, scope.base, scope.feedUrl);
  const contentNode = first(item.contentNode);
  const content = atomText(contentNode, scope.xhtml.content);
  const summary = atomText(first(item.summaryNode), scope.xhtml.summary);
  const title = atomText(first(item.titleNode), scope.xhtml.title);
  return {
    guid: text(item.id),
    link: text(item.origLink) ?? text(item.link),
    guidIsLink: false,
    title: title.value ?? text(item.title),
    titleType: title.type,
    author: text(item.author) ?? scope.feedAuthor, // RFC 4287: entries inherit the feed's author
    date: text(item.published) ?? text(item.updated),
    summaryHtml: asHtml(summary),
    contentHtml: asHtml(content),
    base,
    contentBase: attr(contentNode, 'xml:base') ? scopeBase(node(contentNode)?.$, base, scope.feedUrl) : null,
  };
}

/** An Atom text construct by its type: text, html (or Atom 0.3 escaped), or xhtml. */
function atomText(value: unknown, xhtml: string | undefined): { value: string | null; type: TextType } {
  const type = (attr(value, 'type') ?? 'text').toLowerCase();
  if (xhtml !== undefined) return { value: xhtml, type: 'html' };
  if (/html/.test(type) || attr(value, 'mode') === 'escaped') return { value: text(value), type: 'html' };
  if (type === 'text' || type === 'text/plain') return { value: text(value), type: 'text' };
  return { value: null, type: 'text' }; // other media types (base64 images, …) are not text
}

function asHtml(value: { value: string | null; type: TextType }): string | null {
  return value.type === 'text' ? textToHtml(value.value) : value.value;
}

/** The xml:base declared on a node, resolved against the one it inherits, else the inherited one. */
function scopeBase(attrs: unknown, inherited: string | null, feedUrl: string): string | null {
  const declared = typeof node(attrs)?.['xml:base'] === 'string' ? (node(attrs)!['xml:base'] as string) : null;
  return (declared && resolveUrl(declared, inherited ?? feedUrl, WEB_SCHEMES)) || inherited;
}

// ——— Atom xhtml, in document order ——————————————————————————————————————————————————

const VOID_ELEMENTS = /^(br|hr|img|wbr|col|area|source|track|input|embed|param)$/;

/**
 * rss-parser flattens XHTML (text and child tags lose their order), so feeds that use
 * type="xhtml" are read a second time with xml2js in document order. Others skip this.
 */
function orderedXhtml(body: string): XhtmlParts[] {
  if (!/type\s*=\s*["'](?:xhtml|application\/xhtml\+xml)["']/i.test(body)) return [];
  let doc: Node | undefined;
  const ordered = {
    explicitChildren: true,
    preserveChildrenOrder: true,
    charsAsChildren: true,
    includeWhiteChars: true,
  };
  new xml2js.Parser(ordered).parseString(body, (err: Error | null, out: Node) => {
    if (!err) doc = out;
  });
  const entries = node(doc?.feed)?.entry;
  return Array.isArray(entries) ? entries.map((entry) => xhtmlParts(node(entry) ?? {})) : [];
}

function xhtmlParts(entry: Node): XhtmlParts {
  const parts: XhtmlParts = {};
  for (const field of ['title', 'summary', 'content'] as const) {
    const value = node(first(entry[field]));
    if (value && /xhtml/i.test(attr(value, 'type') ?? '')) parts[field] = children(value).map(serialise).join('');
  }
  return parts;
}

/** Children of a construct; the wrapping xhtml <div> is not content (RFC 4287 §3.1.1.3). */
function children(value: Node): Node[] {
  const all = Array.isArray(value.$$) ? (value.$$ as Node[]) : [];
  const elements = all.filter((child) => !isText(child));
  const blank = all.every((child) => !isText(child) || String(child._ ?? '').trim() === '');
  if (elements.length === 1 && blank && localName(elements[0]) === 'div') return children(elements[0]);
  return all;
}

function serialise(child: Node): string {
  if (isText(child)) return escapeXml(String(child._ ?? ''));
  const name = localName(child);
  const attrs = Object.entries(node(child.$) ?? {})
    .filter(([key]) => !key.startsWith('xmlns'))
    .map(([key, value]) => ` ${key.replace(/^.*:/, '')}="${escapeXml(String(value))}"`)
    .join('');
  const inner = (Array.isArray(child.$$) ? (child.$$ as Node[]) : []).map(serialise).join('');
  return VOID_ELEMENTS.test(name) ? `<${name}${attrs}>` : `<${name}${attrs}>${inner}</${name}>`;
}

const isText = (child: Node) => child['#name'] === '__text__' || child['#name'] === '__cdata__';
const localName = (child: Node) =>
  String(child['#name'] ?? 'span')
    .replace(/^.*:/, '')
    .toLowerCase();
const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

// ——— reading xml2js values ————————————————————————————————————————————————————————————

function node(value: unknown): Node | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Node) : null;
}

function first(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

/** Text of an xml2js value: a string, or an element's character data (`_`). */
function text(value: unknown): string | null {
  const raw = typeof value === 'string' ? value : node(value)?._;
  return typeof raw === 'string' && raw.trim() !== '' ? raw : null;
}

function attr(value: unknown, name: string): string | null {
  const found = node(node(value)?.$)?.[name];
  return typeof found === 'string' ? found : null;
}

function notAFeed(reason: string, cause?: unknown): AppError {
  return new AppError('feed_parse', `Not a feed: ${reason}`, { status: 422, cause });
}
