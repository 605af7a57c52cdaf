/**
 * Links in a comment's markdown that can serve as evidence for its figures: [text](url), <url>
 * and bare http(s) URLs. Pure.
 */
export type Link = { url: string; start: number; end: number };

const LINK = /\[[^\]]*\]\((https?:\/\/[^\s)]+)\)|<(https?:\/\/[^\s>]+)>|(https?:\/\/[^\s<>()\[\]]+)/gi;

export function linksIn(text: string): Link[] {
  return [...text.matchAll(LINK)].map((m) => ({
    url: (m[1] ?? m[2] ?? m[3]).replace(/[.,;:!?'"]+$/, ''),
    start: m.index,
    end: m.index + m[0].length,
  }));
}

/**
 * The citation of the figure at `at`: the first link after it in the same paragraph, else the
 * nearest before it in that paragraph, else the comment's only link. Several links elsewhere
 * cite nothing in particular.
 */
export function evidenceFor(text: string, links: Link[], at: number): string | null {
  const paraStart = text.lastIndexOf('\n\n', at) + 1;
  const next = text.indexOf('\n\n', at);
  const paraEnd = next === -1 ? text.length : next;
  const inPara = links.filter((l) => l.start >= paraStart && l.end <= paraEnd);
  const after = inPara.find((l) => l.start >= at);
  const before = inPara.filter((l) => l.end <= at).at(-1);
  return (after ?? before ?? (links.length === 1 ? links[0] : undefined))?.url ?? null;
}
