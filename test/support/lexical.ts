import type { TextEmbedder } from '../../src/enrich/enrich.ts';
import { LEXICAL_DIMS, LEXICAL_EMBEDDER, lexicalEmbed } from '../../src/ml/lexical-embedder.ts';

/** The real lexical embedder in-process (no worker threads), for database tests of enrichment. */
export const lexicalTextEmbedder: TextEmbedder = {
  embed: async (texts) => ({ embedder: LEXICAL_EMBEDDER, dims: LEXICAL_DIMS, vectors: texts.map(lexicalEmbed) }),
};
