import { createHash } from 'node:crypto';
import type { IncomingItem } from '../../src/articles/item.ts';

/** A stored-ready item for storage tests (ingestion builds these from real feeds). */
export function item(n: number, overrides: Partial<IncomingItem> = {}): IncomingItem {
  const base = {
    identity: `guid-${n}`,
    guid: `guid-${n}`,
    link: `https://news.example/${n}`,
    canonicalUrl: `https://news.example/${n}`,
    title: `Story ${n}`,
    author: null,
    publishedAt: new Date(Date.UTC(2025, 9, 1, 0, n)),
    summary: `Summary ${n}`,
    contentHtml: `<p>Body ${n}</p>`,
    contentText: `Body ${n}`,
    ...overrides,
  };
  const contentHash = createHash('sha256').update(`${base.title}\n${base.contentHtml}\n${base.link}`).digest('hex');
  return { ...base, contentHash, ...(overrides.contentHash ? { contentHash: overrides.contentHash } : {}) };
}
