/**
 * Images served over plain http: are blocked by the content security policy (`img-src 'self'
 * https: data:`, src/web/http/security-headers.ts): an http image on an https page is mixed content,
 * and loading it would tell every network on the way what each reader reads. We neither proxy
 * them (an open image proxy fetches any URL for anyone) nor guess an https address (many such
 * hosts serve nothing there, or something else). Instead the article shows a link in the image's
 * place, "image (http, not loaded): <url>", which the reader may follow.
 *
 * This runs when the article is shown, not at ingestion: the stored HTML keeps the image (so a
 * later policy can still show it) and the stored text, which search and the figure extractor
 * read, gets no URL text.
 */

const IMG = /<img\b[^>]*>/g;
const ATTRIBUTE = /\s([a-z][a-z0-9-]*)="([^"]*)"/g;

export const INSECURE_IMAGE_TEXT = 'image (http, not loaded)';

/**
 * Replaces each `<img>` whose source is http: in sanitised HTML (sanitizeHtml's output: lower-case
 * tags, every attribute double-quoted and escaped, so a tag never contains a raw `>` or `"`) with a
 * link to the image. Values are copied as they are escaped, so they stay escaped in the link.
 */
export function placeholdInsecureImages(html: string): string {
  if (!html.includes('src="http:')) return html;
  return html.replace(IMG, (tag) => {
    const attributes = new Map([...tag.matchAll(ATTRIBUTE)].map(([, name, value]) => [name, value]));
    const src = attributes.get('src');
    if (!src?.startsWith('http:')) return tag;
    const alt = attributes.get('alt');
    const title = alt ? ` title="${alt}"` : '';
    return `<a class="insecure-image" href="${src}" rel="noopener nofollow ugc"${title}>${INSECURE_IMAGE_TEXT}: ${src}</a>`;
  });
}
