/**
 * The cosine at or above which an article joins a story depends on the embedder: hashed lexical
 * vectors of two headlines on one event meet far lower than sentence-model vectors do.
 */
import { LEXICAL_EMBEDDER } from '../ml/lexical-embedder.ts';

/** Tuned: pairwise F1 0.536 on 161 labelled real headlines (`npm run eval:stories`). */
export const LEXICAL_STORY_SIMILARITY = 0.275;
/**
 * For sentence models (EMBEDDING_MODEL, default all-MiniLM-L6-v2): the value used before the
 * lexical tuning, untuned here because no model can be downloaded on the build machines;
 * `npm run eval:stories -- --pool` sweeps it wherever a model is installed.
 */
export const MODEL_STORY_SIMILARITY = 0.55;

/** STORY_SIMILARITY when set applies to every embedder; unset (null), each embedder gets its own. */
export function storyThreshold(embedder: string, configured: number | null): number {
  if (configured !== null) return configured;
  return embedder === LEXICAL_EMBEDDER ? LEXICAL_STORY_SIMILARITY : MODEL_STORY_SIMILARITY;
}
