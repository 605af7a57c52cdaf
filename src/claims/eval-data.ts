import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseLabelledItems, type LabelledItem } from './eval.ts';

/**
 * The real-text claim set (test/fixtures/real-claims: public pages labelled by LABELS.md) for the
 * evaluation and training scripts; the product never reads it. A third of the pages, chosen by a
 * hash of their URL (every passage of a page together), is held out and never tuned on.
 */
const REAL = resolve(dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/real-claims');

export type Split = 'dev' | 'heldout';
export const splitOfUrl = (url: string): Split =>
  createHash('sha256').update(url).digest()[0] % 3 === 0 ? 'heldout' : 'dev';

export function readRealSet(dir = REAL): LabelledItem[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .flatMap((f) => parseLabelledItems(readFileSync(resolve(dir, f), 'utf8')));
}

/**
 * The headline an item is read with: its own title, else the words of its page's URL slug (real
 * text of the page, as a feed item's title would be), else none.
 */
export function headlineOf(item: { title?: string | null; url?: string }): string | null {
  if (item.title && !/^\[.*\]$/.test(item.title.trim())) return item.title;
  if (!item.url) return null;
  try {
    const path = new URL(item.url).pathname.split('/').filter(Boolean).reverse();
    const slug = path.find((s) => (s.match(/[a-z]+/gi) ?? []).length >= 3);
    return slug
      ? decodeURIComponent(slug)
          .replace(/\.[a-z]+$/i, '')
          .replace(/[-_+]+/g, ' ')
          .replace(/\b\d{5,}\b/g, '')
          .trim()
      : null;
  } catch {
    return null;
  }
}
