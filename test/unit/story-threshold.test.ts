import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { LEXICAL_EMBEDDER } from '../../src/ml/lexical-embedder.ts';
import { LEXICAL_STORY_SIMILARITY, MODEL_STORY_SIMILARITY, storyThreshold } from '../../src/stories/threshold.ts';

describe('story similarity threshold per embedder', () => {
  it('when STORY_SIMILARITY is not set, then lexical-v1 gets 0.275 and any sentence model 0.55', () => {
    const configured = loadConfig({}).STORY_SIMILARITY;
    expect(configured).toBeNull();
    expect(storyThreshold(LEXICAL_EMBEDDER, configured)).toBe(0.275);
    expect(storyThreshold('Xenova/all-MiniLM-L6-v2', configured)).toBe(0.55);
    expect(storyThreshold('some/other-model', configured)).toBe(MODEL_STORY_SIMILARITY);
    expect(LEXICAL_STORY_SIMILARITY).toBeLessThan(MODEL_STORY_SIMILARITY);
  });

  it('when STORY_SIMILARITY is set, then it applies to every embedder, zero included', () => {
    for (const [raw, value] of [
      ['0.4', 0.4],
      ['0', 0],
      ['1', 1],
    ] as const) {
      const configured = loadConfig({ STORY_SIMILARITY: raw }).STORY_SIMILARITY;
      expect(storyThreshold(LEXICAL_EMBEDDER, configured)).toBe(value);
      expect(storyThreshold('Xenova/all-MiniLM-L6-v2', configured)).toBe(value);
    }
  });

  it('when STORY_SIMILARITY is not a number between 0 and 1, then configuration fails naming it', () => {
    for (const raw of ['abc', '1.5', '-0.1'])
      expect(() => loadConfig({ STORY_SIMILARITY: raw })).toThrow(/STORY_SIMILARITY/);
  });
});
