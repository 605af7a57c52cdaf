/** What ingestion hands to storage: one normalised, sanitised feed item (the parser's output as it is). */
export type { ParsedItem as IncomingItem } from '../ingest/parse.ts';

export type UpsertSummary = { newItems: number; updatedItems: number; unchanged: number };
