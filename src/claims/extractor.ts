import { EXTRACTOR_VERSION, extractClaims } from './extract/extract.ts';
import type { ClaimExtractor } from './extract-jobs.ts';

/**
 * The deterministic extractor run on the calling thread. Extraction is fast (thousands of
 * sentences per second), so it needs no model; the worker pool's `claims` task runs the same code
 * and adds embedding-based metric tie-breaking when a neural model is loaded.
 */
export const inProcessExtractor: ClaimExtractor = {
  version: EXTRACTOR_VERSION,
  extract: async (items) => items.map((i) => extractClaims(i.text, { kind: i.kind, title: i.title })),
};
