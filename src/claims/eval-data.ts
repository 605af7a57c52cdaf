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
export const splitOfUrl = (url: string): Split => (createHash('sha256').update(url).digest()[0] % 3 === 0 ? 'heldout' : 'dev');

export function readRealSet(dir = REAL): LabelledItem[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .flatMap((f) => parseLabelledItems(readFileSync(resolve(dir, f), 'utf8')));
}
