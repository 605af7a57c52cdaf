import { describe, expect, it } from 'vitest';
import { disagreement, priority } from '../../src/moderation/ranking.ts';

const base = { flagWeight: 0, reach: 0, disagreement: 0, ageHours: 0 };

describe('moderation queue ranking', () => {
  it('when two items differ only in flags, reach or disagreement, then the one with more comes first', () => {
    expect(priority({ ...base, flagWeight: 1 })).toBeGreaterThan(priority(base));
    expect(priority({ ...base, reach: 50 })).toBeGreaterThan(priority({ ...base, reach: 5 }));
    expect(priority({ ...base, disagreement: 2 })).toBeGreaterThan(priority(base));
  });

  it('when a new account flags, then it moves an item half as far as an established one', () => {
    const gain = (w: number) => priority({ ...base, flagWeight: w }) - priority(base);
    expect(gain(0.5)).toBeCloseTo(gain(1) / 2);
  });

  it('when an item is a year old, then a fresh unflagged one outranks it; a flagged one from yesterday still outranks a fresh unflagged one', () => {
    expect(priority({ ...base, ageHours: 0 })).toBeGreaterThan(
      priority({ ...base, reach: 20, disagreement: 2, ageHours: 24 * 365 }),
    );
    expect(priority({ ...base, flagWeight: 3, ageHours: 24 })).toBeGreaterThan(priority({ ...base, ageHours: 0 }));
  });

  it('when people both support and dispute a figure, then that counts as more disagreement than disputes alone', () => {
    expect(disagreement({ supports: 2, disputes: 2 }, false)).toBe(4);
    expect(disagreement({ supports: 0, disputes: 2 }, false)).toBe(2);
    expect(disagreement({ supports: 3, disputes: 0 }, true)).toBe(1);
  });
});
