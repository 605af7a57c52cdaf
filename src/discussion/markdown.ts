/**
 * Comment markdown: a small subset rendered by markdown-it with raw HTML off, then passed through a
 * sanitize-html allow-list as a second line of defence in case a parser bug lets markup through.
 */
import markdownIt, { type MarkdownIt, type StateCore, type Token } from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import { checkUsername } from '../accounts/password.ts';

export type RenderOptions = { userExists?: (name: string) => boolean };
export type RenderedComment = { html: string; mentions: string[] };

// Preceded by start or a non-name character, so "me@example" and "a/@b" are not mentions.
const MENTION = /(^|[^A-Za-z0-9_@./-])@([A-Za-z0-9_-]{2,24})(?![A-Za-z0-9_@-])/g;
const SAFE_LINK = /^(https?:\/\/|mailto:)/i;

function createRenderer(): MarkdownIt {
  // 'zero' leaves everything off; enable only the subset. Headings, images, tables and HTML stay off, so
  // "# x" is a paragraph and "![a](u)" a plain link. linkify-it's defaults link only explicit http(s)://
  // URLs and e-mail addresses, not bare domains (fewer false positives such as "GPT-4.5").
  const md = markdownIt('zero', { html: false, linkify: true, breaks: true, maxNesting: 20 });
  md.enable([
    'blockquote',
    'code',
    'fence',
    'list',
    'reference',
    'newline',
    'escape',
    'backticks',
    'emphasis',
    'link',
    'autolink',
    'entity',
    'linkify',
  ]);
  md.validateLink = (url) => SAFE_LINK.test(url); // stricter than the default deny-list
  // Before text_join, so an escaped "\@name" (a separate text_special token) is not a mention.
  md.core.ruler.before('text_join', 'mentions', mentionRule);
  return md;
}

type MentionEnv = { userExists?: (name: string) => boolean; mentions: Map<string, string> };

function isMentionable(name: string, env: MentionEnv): boolean {
  return checkUsername(name) === null && (env.userExists?.(name) ?? true);
}

/** Replaces one text token with text and link tokens for each mention it contains. */
function splitMentions(token: Token, state: StateCore, env: MentionEnv): Token[] {
  const out: Token[] = [];
  let last = 0;
  const text = (content: string) => Object.assign(new state.Token('text', '', 0), { content });
  for (const match of token.content.matchAll(MENTION)) {
    const name = match[2];
    if (!isMentionable(name, env)) continue;
    const start = match.index + match[1].length;
    if (start > last) out.push(text(token.content.slice(last, start)));
    const open = new state.Token('link_open', 'a', 1);
    open.attrs = [
      ['href', `/users/${name}`],
      ['class', 'mention'],
    ];
    out.push(open, text(`@${name}`), new state.Token('link_close', 'a', -1));
    last = start + 1 + name.length;
    if (!env.mentions.has(name.toLowerCase())) env.mentions.set(name.toLowerCase(), name);
  }
  if (out.length === 0) return [token];
  if (last < token.content.length) out.push(text(token.content.slice(last)));
  return out;
}

/** Core rule, after linkify: mentions only in plain text, never inside links or code. */
function mentionRule(state: StateCore): void {
  const env = state.env as MentionEnv;
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.children) continue;
    let linkDepth = 0;
    block.children = block.children.flatMap((child) => {
      if (child.type === 'link_open') linkDepth++;
      if (child.type === 'link_close') linkDepth--;
      return child.type === 'text' && linkDepth === 0 ? splitMentions(child, state, env) : [child];
    });
  }
}

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'em', 'strong', 'a', 'blockquote', 'code', 'pre', 'ul', 'ol', 'li'],
  allowedAttributes: { a: ['href', 'rel', 'class'], ol: ['start'] },
  allowedClasses: { a: ['mention'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  transformTags: {
    // Our own profile links are trusted; everything else is user-supplied, so search engines get no
    // endorsement (nofollow ugc) and the target gets no window.opener.
    a: (tagName, attribs) => {
      const internal = attribs.class === 'mention' && attribs.href?.startsWith('/users/');
      return { tagName, attribs: internal ? attribs : { ...attribs, rel: 'nofollow ugc noopener' } };
    },
  },
};

const renderer = createRenderer();

export function renderCommentMarkdown(src: string, options: RenderOptions = {}): RenderedComment {
  const env: MentionEnv = { userExists: options.userExists, mentions: new Map() };
  const html = sanitizeHtml(renderer.render(src, env), SANITIZE);
  return { html, mentions: [...env.mentions.values()] };
}

export const MAX_COMMENT_LENGTH = 10_000;
const BLANK = /^[\s\u200B-\u200D\u2060\uFEFF]*$/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// C0 and C1 controls except tab, LF and CR (browsers submit textarea newlines as CRLF).
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/**
 * A message for the comment form, or null when the text can be stored. Invalid UTF-8 in the request
 * has already become U+FFFD when the body was decoded, which we cannot tell from a typed U+FFFD, so
 * only what survives decoding is checked: lone surrogates (from JS or JSON escapes) and controls.
 */
export function validateCommentText(raw: string): string | null {
  if (BLANK.test(raw)) return 'Write something before posting.';
  // UTF-16 length is at least the code-point count: only count code points when it could matter.
  const length = raw.length > MAX_COMMENT_LENGTH ? [...raw].length : raw.length;
  if (length > MAX_COMMENT_LENGTH) {
    return `Comments can be at most ${MAX_COMMENT_LENGTH.toLocaleString('en-US')} characters; yours has ${length.toLocaleString('en-US')}.`;
  }
  if (LONE_SURROGATE.test(raw)) return 'Your comment contains broken characters. Remove them and try again.';
  if (CONTROL.test(raw)) return 'Your comment contains invisible control characters. Remove them and try again.';
  return null;
}
