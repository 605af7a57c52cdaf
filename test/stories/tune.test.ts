import { describe, expect, it } from 'vitest';
import {
  bcubedScores,
  inWindow,
  pairwiseScores,
  pickStory,
  replayAssignment,
  storyWindow,
  thresholdGrid,
} from '../../src/stories/tune.ts';
import { normalize } from '../../src/stories/vectors.ts';

const day = (d: number) => new Date(Date.UTC(2026, 3, d, 12));
const axis = (i: number, lean = 0) =>
  normalize(Array.from({ length: 4 }, (_, d) => (d === i ? 1 : d === (i + 1) % 4 ? lean : 0)));

describe('story assignment, pure part', () => {
  it('when candidates are compared, then the most similar one is picked and joins only at or above the threshold', () => {
    const candidates = [
      { storyId: 1, centroid: axis(1) },
      { storyId: 2, centroid: null },
      { storyId: 3, centroid: axis(0, 0.5) },
    ];
    const pick = pickStory(candidates, axis(0), 0.8);
    expect(pick).toMatchObject({ story: { storyId: 3 }, joins: true });
    expect(pick!.similarity).toBeCloseTo(1 / Math.sqrt(1.25), 6);
    expect(pickStory(candidates, axis(0), pick!.similarity)?.joins).toBe(true);
    expect(pickStory(candidates, axis(0), pick!.similarity + 1e-9)?.joins).toBe(false);
    expect(pickStory([{ centroid: null }], axis(0), 0)).toBeUndefined();
  });

  it('when two candidates tie, then the earlier one wins', () => {
    expect(
      pickStory(
        [
          { id: 'a', centroid: axis(2) },
          { id: 'b', centroid: axis(2) },
        ],
        axis(2),
        0.5,
      )?.story.id,
    ).toBe('a');
  });

  it('when a story ends just inside or outside the window, then it is or is not a candidate', () => {
    const story = { firstPublishedAt: day(1), lastPublishedAt: day(5) };
    expect(inWindow(story, day(8), 3)).toBe(true);
    expect(inWindow(story, new Date(day(8).getTime() + 1), 3)).toBe(false);
    expect(inWindow(story, new Date(day(1).getTime() - 3 * 86_400_000), 3)).toBe(true);
    expect(storyWindow(day(10), 2)).toEqual({ notBefore: day(8), notAfter: day(12) });
  });

  it('when items arrive, then the replay groups near ones, keeps the running centroid, and respects the window', () => {
    const items = [
      { id: 'a1', publishedAt: day(1), vector: axis(0) },
      { id: 'b1', publishedAt: day(1), vector: axis(2) },
      { id: 'a2', publishedAt: day(2), vector: axis(0, 0.3) },
      { id: 'a3', publishedAt: day(20), vector: axis(0) },
    ];
    const stories = replayAssignment(items, { threshold: 0.9, windowDays: 3 });
    expect(stories.get('a2')).toBe(stories.get('a1'));
    expect(new Set([stories.get('a1'), stories.get('b1'), stories.get('a3')]).size).toBe(3);
  });
});

describe('clustering scores', () => {
  const gold = new Map([
    ['1', 'x'],
    ['2', 'x'],
    ['3', 'x'],
    ['4', 'y'],
    ['5', 'z'],
  ]);

  it('when the prediction equals the labels, then every score is 1', () => {
    expect(pairwiseScores(gold, gold)).toMatchObject({ precision: 1, recall: 1, f1: 1, truePairs: 3, goldPairs: 3 });
    expect(bcubedScores(gold, gold)).toEqual({ precision: 1, recall: 1, f1: 1 });
  });

  it('when one event is split and two others merged, then pairwise scores count the pairs', () => {
    const predicted = new Map<string, number>([
      ['1', 1],
      ['2', 1],
      ['3', 2],
      ['4', 3],
      ['5', 3],
    ]);
    const s = pairwiseScores(predicted, gold);
    expect(s).toMatchObject({ truePairs: 1, predictedPairs: 2, goldPairs: 3 });
    expect(s.precision).toBeCloseTo(1 / 2);
    expect(s.recall).toBeCloseTo(1 / 3);
    expect(s.f1).toBeCloseTo(0.4);
    const b = bcubedScores(predicted, gold);
    expect(b.precision).toBeCloseTo((1 + 1 + 1 + 0.5 + 0.5) / 5);
    expect(b.recall).toBeCloseTo((2 / 3 + 2 / 3 + 1 / 3 + 1 + 1) / 5);
  });

  it('when nothing is grouped, then precision is 1 and recall 0', () => {
    const singletons = new Map([...gold.keys()].map((id) => [id, id]));
    expect(pairwiseScores(singletons, gold)).toMatchObject({ precision: 1, recall: 0, f1: 0 });
  });

  it('when a threshold grid is asked for, then its ends are included and its values clean', () => {
    expect(thresholdGrid(0.1, 0.2, 0.025)).toEqual([0.1, 0.125, 0.15, 0.175, 0.2]);
  });
});
