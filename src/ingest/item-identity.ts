import { createHash } from 'node:crypto';

/**
 * How an item is recognised across polls of the same feed, and how we notice it was edited.
 *
 * identity is stable across polls and unique within one feed (callers key it by feed too):
 *   1. the GUID / Atom id / JSON Feed id, trimmed, when present;
 *   2. else the item link, canonicalised (so a rotating `utm_*` tag does not make a new item);
 *   3. else `sha256:` + hex sha256 of the title and the publication date (ISO, or empty).
 *      When both are empty (RSS 0.9x items often have neither), the content text joins the
 *      hash so that untitled, undated items do not all share one identity.
 *
 * contentHash: hex sha256 over title, sanitised content HTML and link, so an edit to any of
 * them (a corrected figure, a retitled story, a moved URL) is seen as an update.
 */
export type IdentityInput = {
  guid: string | null;
  link: string | null;
  canonicalUrl: string | null;
  title: string;
  publishedAt: Date | null;
  contentText: string;
};

export function itemIdentity(item: IdentityInput): string {
  const guid = item.guid?.trim();
  if (guid) return guid;
  const link = item.canonicalUrl ?? item.link;
  if (link) return link;
  const date = item.publishedAt ? item.publishedAt.toISOString() : '';
  const parts = item.title || date ? [item.title, date] : [item.title, date, item.contentText];
  return `sha256:${sha256(parts)}`;
}

export type HashInput = { title: string; contentHtml: string; link: string | null };

export function contentHash(item: HashInput): string {
  return sha256([item.title, item.contentHtml, item.link ?? '']);
}

/** JSON framing keeps field boundaries unambiguous ("ab"+"c" ≠ "a"+"bc"). */
function sha256(parts: string[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}
