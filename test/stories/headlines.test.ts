import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { LEXICAL_EMBEDDER } from '../../src/ml/lexical-embedder.ts';
import { storyThreshold } from '../../src/stories/threshold.ts';
import { replayAssignment } from '../../src/stories/tune.ts';
import { loadDemoItems, loadLabelledSet, maxCrossSimilarity, scoreAt } from '../bench/stories-eval.ts';

/**
 * Quality floors for story grouping with the default settings and the lexical-v1 embedder, on the
 * labelled real headlines in test/fixtures/headlines. Measured by `npm run eval:stories`
 * (pairwise F1 0.536, B-cubed F1 0.877 at lexical-v1's default threshold 0.275); the floors leave a margin so
 * that only a real regression — in the embedder, the assignment or the default — trips them.
 */
const PAIRWISE_F1_FLOOR = 0.45;
const BCUBED_F1_FLOOR = 0.83;

describe('story grouping quality on labelled headlines', () => {
  const config = loadConfig({});
  const threshold = storyThreshold(LEXICAL_EMBEDDER, config.STORY_SIMILARITY);

  it('when real coverage is replayed with the default threshold, then pairwise and B-cubed F1 stay above their floors', () => {
    const set = loadLabelledSet();
    expect(set.items.length).toBeGreaterThanOrEqual(150);
    const score = scoreAt(set, threshold, config.STORY_WINDOW_DAYS);
    expect(score.pairwise.f1).toBeGreaterThanOrEqual(PAIRWISE_F1_FLOOR);
    expect(score.bcubed.f1).toBeGreaterThanOrEqual(BCUBED_F1_FLOOR);
  });

  it('when the demo feed is grouped, then its five different articles stay five stories, with room to spare', async () => {
    const demo = await loadDemoItems();
    const stories = replayAssignment(
      demo.map((d) => d.item),
      { threshold, windowDays: config.STORY_WINDOW_DAYS },
    );
    expect(new Set(stories.values()).size).toBe(5);
    expect(maxCrossSimilarity(demo.map((d) => d.item.vector))).toBeLessThan(threshold - 0.05);
  });
});
