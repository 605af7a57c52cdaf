import sanitize from 'sanitize-html';

/**
 * Feed HTML is written by strangers and shown on our pages, so it passes an allow-list:
 * structure and emphasis survive, everything executable or layout-hijacking does not.
 * Dropped entirely (tag and text): script, style, iframe, object, embed, svg, math, forms.
 * Dropped attributes: every on* handler, style (position:fixed overlays, display:none
 * cloaking), class and id. URLs: http(s) and mailto only, resolved against the base.
 */
const ALLOWED_TAGS = [
  'p',
  'br',
  'div',
  'a',
  'em',
  'strong',
  'b',
  'i',
  'u',
  's',
  'blockquote',
  'q',
  'code',
  'pre',
  'kbd',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'sup',
  'sub',
  'abbr',
  'table',
  'caption',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
  'figure',
  'figcaption',
  'img',
];

/** Elements whose text is not content: code, styles, embedded documents, form widgets. */
export const NON_TEXT_TAGS = [
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'frame',
  'object',
  'embed',
  'applet',
  'svg',
  'math',
  'form',
  'textarea',
  'select',
  'option',
  'button',
  'input',
  'title',
  'head',
];

const LINK_SCHEMES: ReadonlySet<string> = new Set(['http:', 'https:', 'mailto:']);
export const WEB_SCHEMES: ReadonlySet<string> = new Set(['http:', 'https:']);

/** Sanitised HTML; links and images absolute against `baseUrl` (dropped when unresolvable). */
export function sanitizeHtml(html: string, baseUrl: string | null): string {
  return sanitize(html, {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: {
      a: ['href', 'title', 'rel'],
      img: ['src', 'alt', 'title', 'width', 'height', 'loading'],
      abbr: ['title'],
      ol: ['start'],
      td: ['colspan', 'rowspan'],
      th: ['colspan', 'rowspan'],
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['http', 'https'] },
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    nonTextTags: NON_TEXT_TAGS,
    transformTags: {
      a: (_tag, attribs) => ({ tagName: 'a', attribs: linkAttributes(attribs, baseUrl) }),
      img: (_tag, attribs) => ({ tagName: 'img', attribs: imageAttributes(attribs, baseUrl) }),
      // The article page owns h1/h2; feed headings start below them.
      h1: 'h3',
      h2: 'h4',
      h3: 'h5',
      h4: 'h6',
      h5: 'h6',
      section: 'div',
      article: 'div',
      header: 'div',
      footer: 'div',
      main: 'div',
      aside: 'div',
      nav: 'div',
    },
    exclusiveFilter: (frame) => frame.tag === 'img' && (!frame.attribs.src || isTrackingPixel(frame.attribs)),
    textFilter: stripBidiControls,
  });
}

/** Absolute http(s)/mailto URL, or null for anything else (javascript:, data:, unresolvable). */
export function resolveUrl(
  value: string | null | undefined,
  baseUrl: string | null,
  schemes = LINK_SCHEMES,
): string | null {
  const trimmed = value?.trim();
  if (!trimmed) return null;
  try {
    // The WHATWG parser strips tabs and newlines first, so `java\tscript:` is seen as javascript:.
    const url = baseUrl ? new URL(trimmed, baseUrl) : new URL(trimmed);
    return schemes.has(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

function linkAttributes(attribs: Record<string, string>, baseUrl: string | null): Record<string, string> {
  const out: Record<string, string> = { rel: 'noopener nofollow ugc' };
  const href = resolveUrl(attribs.href, baseUrl);
  if (href) out.href = href;
  if (attribs.title) out.title = attribs.title;
  return out; // target is dropped: links open in the same tab, so no window.opener leaks.
}

function imageAttributes(attribs: Record<string, string>, baseUrl: string | null): Record<string, string> {
  const out: Record<string, string> = { ...attribs, loading: 'lazy' };
  delete out.src;
  delete out.srcset;
  const src = resolveUrl(attribs.src, baseUrl, WEB_SCHEMES);
  if (src) out.src = src;
  return out;
}

/** Plain text (JSON Feed content_text, Atom type="text") as HTML: escaped, paragraphs kept. */
export function textToHtml(text: string | null): string | null {
  if (!text) return null;
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return text
    .split(/\n\s*\n/)
    .map((para) => `<p>${escape(para.trim()).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

/** 1×1 images are read receipts (FeedBurner, newsletters), not pictures. */
function isTrackingPixel(attribs: Record<string, string>): boolean {
  return (
    Number(attribs.width) <= 1 &&
    Number(attribs.height) <= 1 &&
    attribs.width !== undefined &&
    attribs.height !== undefined
  );
}

const BLOCK_TAGS = [
  'p',
  'div',
  'blockquote',
  'pre',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'figure',
  'figcaption',
  'hr',
  'caption',
  'address',
  'details',
  'summary',
  'section',
  'article',
  'header',
  'footer',
  'main',
  'aside',
  'nav',
];
const STRUCTURE_TAGS = [...BLOCK_TAGS, 'br', 'li', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td'];
const STRUCTURE: ReadonlySet<string> = new Set(STRUCTURE_TAGS);
const TOKEN = /<(\/?)([a-z][a-z0-9]*)[^>]*>|[^<]+/g;
/**
 * Bidi embeddings, overrides, isolates and marks (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F) can
 * make shown text read differently from stored text ("Trojan Source"). Stripped from feed text here
 * and from comments (src/discussion/comments.ts), so both say what they store.
 */
export const BIDI_CONTROLS = /[\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

export function stripBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}
const ESCAPES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/**
 * Plain text for NLP: blocks become paragraphs separated by a blank line, `<br>` a line
 * break, list items `- ` / `1. ` lines, and tables markdown rows (`| a | b |`, then
 * `|---|---|` after the first row) because the claims extractor reads tables that way.
 * Entities are decoded; no tags remain; non-text elements (scripts, forms, svg) vanish.
 */
export function htmlToText(html: string): string {
  // sanitize-html does the hard part (tolerant parsing, entity decoding); what is left is
  // a handful of attribute-less tags and escaped text, simple enough to tokenise.
  const structure = sanitize(html, {
    allowedTags: STRUCTURE_TAGS,
    allowedAttributes: {},
    disallowedTagsMode: 'discard',
    nonTextTags: NON_TEXT_TAGS,
  });
  return sanitizedHtmlToText(structure);
}

/**
 * `htmlToText` for what `sanitizeHtml` (or sanitize-html) wrote, without parsing it a second
 * time: such markup is lower-case tags with escaped text and attribute values, so a tokeniser
 * reads it exactly; tags other than structure carry no text of their own and are skipped.
 */
export function sanitizedHtmlToText(html: string): string {
  const writer = new TextWriter();
  for (const [token, closing, tag] of html.matchAll(TOKEN)) {
    if (tag === undefined) writer.text(token.replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => ESCAPES[e]));
    else if (!STRUCTURE.has(tag)) continue;
    else if (closing) writer.close(tag);
    else writer.open(tag);
  }
  return writer.finish();
}

type Table = { rows: string[][]; row: string[] | null; cell: string | null; depth: number };

/** Accumulates text while walking the tag stream; tables are buffered until they close. */
class TextWriter {
  private out = '';
  private pre = 0;
  private lists: { ordered: boolean; n: number }[] = [];
  private table: Table | null = null;

  text(raw: string): void {
    const text = this.pre > 0 ? raw : raw.replace(/\s+/g, ' ');
    if (this.table?.cell != null) this.table.cell += text;
    else this.out += text;
  }

  open(tag: string): void {
    if (this.table && this.tableTag(tag, true)) return;
    if (tag === 'br') this.out += '\n';
    else if (tag === 'li') this.out += `${this.lineStart()}${this.bullet()}`;
    else if (tag === 'table') this.table = { rows: [], row: null, cell: null, depth: 1 };
    else if (tag === 'ul' || tag === 'ol') this.openList(tag === 'ol');
    else if (BLOCK_TAGS.includes(tag)) this.out += '\n\n';
    if (tag === 'pre') this.pre++;
  }

  close(tag: string): void {
    if (this.table && this.tableTag(tag, false)) return;
    if (tag === 'ul' || tag === 'ol') {
      this.lists.pop();
      this.out += this.lists.length > 0 ? '\n' : '\n\n';
    } else if (BLOCK_TAGS.includes(tag)) {
      this.out += '\n\n';
    }
    if (tag === 'pre') this.pre = Math.max(0, this.pre - 1);
  }

  finish(): string {
    return this.out
      .split('\n')
      .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .replace(BIDI_CONTROLS, '')
      .trim();
  }

  /** A list is a paragraph of its own; a nested list just continues its parent's lines. */
  private openList(ordered: boolean): void {
    this.out += this.lists.length > 0 ? this.lineStart() : '\n\n';
    this.lists.push({ ordered, n: 0 });
  }

  private lineStart(): string {
    return /\n[ \t]*$/.test(this.out) || this.out.trim() === '' ? '' : '\n';
  }

  private bullet(): string {
    const list = this.lists[this.lists.length - 1];
    if (!list?.ordered) return '- ';
    list.n += 1;
    return `${list.n}. `;
  }

  /** Handles a tag met inside a table; false hands it back to the normal flow (e.g. caption). */
  private tableTag(tag: string, opening: boolean): boolean {
    const t = this.table!;
    if (tag === 'table') {
      t.depth += opening ? 1 : -1;
      if (t.depth === 0) this.flushTable();
      else if (t.cell != null) t.cell += ' ';
      return true;
    }
    if (t.depth > 1) {
      if (t.cell != null) t.cell += ' '; // a nested table flattens into the outer cell
      return true;
    }
    if (tag === 'tr') {
      this.endRow();
      if (opening) t.row = [];
    } else if (tag === 'td' || tag === 'th') {
      this.endCell();
      if (opening) t.cell = '';
    } else if (t.cell != null) {
      t.cell += ' '; // blocks and <br> inside a cell become a space
    } else {
      return /^(thead|tbody|tfoot)$/.test(tag);
    }
    return true;
  }

  private endCell(): void {
    const t = this.table!;
    if (t.cell == null) return;
    (t.row ??= []).push(t.cell.replace(/\s+/g, ' ').trim().replace(/\|/g, '\\|'));
    t.cell = null;
  }

  private endRow(): void {
    const t = this.table!;
    this.endCell();
    if (t.row) t.rows.push(t.row);
    t.row = null;
  }

  private flushTable(): void {
    this.endRow();
    const { rows } = this.table!;
    this.table = null;
    if (rows.length === 0) return;
    const width = Math.max(...rows.map((row) => row.length));
    const line = (row: string[]) => `| ${Array.from({ length: width }, (_, i) => row[i] ?? '').join(' | ')} |`;
    const [head, ...body] = rows;
    this.out += `\n\n${[line(head), `|${'---|'.repeat(width)}`, ...body.map(line)].join('\n')}\n\n`;
  }
}
