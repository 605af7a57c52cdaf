/**
 * The real-events set (test/fixtures/real-events, see its README) and the project's own labelled
 * headlines, embedded and signed the way enrichment does it (lexical-v1 over title and lead), in
 * arrival order, for `train:stories` and `eval:stories`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { embeddingText } from '../../src/enrich/enrich.ts';
import { lexicalEmbed } from '../../src/ml/lexical-embedder.ts';
import { eventSignature } from '../../src/stories/event-signature.ts';
import type { EventReplayItem } from '../../src/stories/tune.ts';

export type RealEvent = {
  id: string;
  event: string;
  split: 'dev' | 'heldout';
  publishedAt: string;
  title: string;
  lead: string;
  url: string;
};
export type EventSet = { items: EventReplayItem[]; gold: Map<string, string> };

const FIXTURE = fileURLToPath(new URL('../fixtures/real-events/real-events.jsonl', import.meta.url));

export function readRealEvents(path = FIXTURE): RealEvent[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as RealEvent);
}

/** Any labelled headlines with a lead, as replay items in publication order. */
export function eventSet(
  rows: { id: string; event: string; publishedAt: string; title: string; lead: string | null }[],
): EventSet {
  const items = rows
    .map((r) => ({
      id: r.id,
      publishedAt: new Date(r.publishedAt),
      vector: lexicalEmbed(embeddingText({ title: r.title, summary: r.lead || null, contentText: '' })),
      signature: eventSignature(r.title, r.lead || null),
    }))
    .sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime() || a.id.localeCompare(b.id));
  return { items, gold: new Map(rows.map((r) => [r.id, r.event])) };
}

export const realEventSet = (split: 'dev' | 'heldout') => eventSet(readRealEvents().filter((r) => r.split === split));
