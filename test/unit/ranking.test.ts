import { describe, expect, it } from 'vitest';
import { commentScore, hotScore, timeAgo, timeUntil, wilsonLowerBound } from '../../src/discussion/ranking.ts';

const base = { points: 10, comments: 5, sources: 2, ageHours: 3 };

describe('hotScore', () => {
  it('when ages are equal, then more votes rank higher', () => {
    expect(hotScore({ ...base, points: 20 })).toBeGreaterThan(hotScore(base));
  });

  it('when votes are equal, then older stories rank lower', () => {
    expect(hotScore({ ...base, ageHours: 10 })).toBeLessThan(hotScore(base));
  });

  it('when everything else is equal, then more comments and more sources rank higher', () => {
    expect(hotScore({ ...base, comments: 20 })).toBeGreaterThan(hotScore(base));
    expect(hotScore({ ...base, sources: 5 })).toBeGreaterThan(hotScore(base));
  });

  it('when a story has one point, one source and no comments, then it scores zero', () => {
    expect(hotScore({ points: 1, comments: 0, sources: 1, ageHours: 0 })).toBe(0);
  });

  it('when gravity is higher, then age is punished harder', () => {
    const old = { ...base, ageHours: 48 };
    expect(hotScore({ ...old, gravity: 2.5 }) / hotScore({ ...base, gravity: 2.5 })).toBeLessThan(
      hotScore(old) / hotScore(base),
    );
  });

  it('when a fresh story has many votes, then it beats a day-old story with somewhat more', () => {
    expect(hotScore({ ...base, points: 30, ageHours: 1 })).toBeGreaterThan(
      hotScore({ ...base, points: 60, ageHours: 24 }),
    );
  });

  it('when sources are counted, then syndication beyond the cap adds nothing', () => {
    expect(hotScore({ ...base, sources: 50 })).toBe(hotScore({ ...base, sources: 11 }));
  });

  it('when the age is negative from clock skew, then it counts as brand new', () => {
    expect(hotScore({ ...base, ageHours: -5 })).toBe(hotScore({ ...base, ageHours: 0 }));
  });
});

describe('wilsonLowerBound', () => {
  it('when n is fixed, then the bound rises with up', () => {
    const scores = [0, 1, 5, 9, 10].map((up) => wilsonLowerBound(up, 10));
    expect([...scores].sort((a, b) => a - b)).toEqual(scores);
    expect(new Set(scores).size).toBe(scores.length);
  });

  it('when the ratio is fixed, then more evidence raises the bound', () => {
    expect(wilsonLowerBound(90, 100)).toBeGreaterThan(wilsonLowerBound(9, 10));
  });

  it('when there are no trials, then the bound is zero; otherwise it stays within [0, 1]', () => {
    expect(wilsonLowerBound(0, 0)).toBe(0);
    for (const [up, n] of [
      [0, 1],
      [1, 1],
      [5, 7],
      [1000, 1000],
    ]) {
      const s = wilsonLowerBound(up, n);
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThanOrEqual(1);
    }
  });
});

describe('commentScore', () => {
  it('when there are no flags, then more upvotes rank higher', () => {
    const scores = [0, 1, 2, 10, 100].map((upvotes) => commentScore({ upvotes }));
    expect([...scores].sort((a, b) => a - b)).toEqual(scores);
    expect(commentScore({ upvotes: 0 })).toBe(0);
  });

  it('when a comment is flagged, then it ranks below an unflagged one with the same votes', () => {
    expect(commentScore({ upvotes: 10, flags: 3 })).toBeLessThan(commentScore({ upvotes: 10 }));
  });

  it('when a comment is heavily flagged, then it ranks below one with fewer votes and no flags', () => {
    expect(commentScore({ upvotes: 20, flags: 15 })).toBeLessThan(commentScore({ upvotes: 5 }));
  });
});

describe('timeAgo', () => {
  const now = new Date('2025-06-15T12:00:00Z');
  const ago = (ms: number) => timeAgo(new Date(now.getTime() - ms), now);
  const MIN = 60_000;

  it('when under a minute (or slightly in the future), then "just now"', () => {
    expect(ago(30_000)).toBe('just now');
    expect(ago(-5000)).toBe('just now');
  });

  it('when minutes or hours ago, then they are counted with the right plural', () => {
    expect(ago(MIN)).toBe('1 minute ago');
    expect(ago(3 * MIN)).toBe('3 minutes ago');
    expect(ago(60 * MIN)).toBe('1 hour ago');
    expect(ago(2 * 60 * MIN + 59 * MIN)).toBe('2 hours ago');
  });

  it('when one to two days ago, then "yesterday"; up to a week, days', () => {
    expect(ago(30 * 60 * MIN)).toBe('yesterday');
    expect(ago(3 * 24 * 60 * MIN)).toBe('3 days ago');
  });

  it('when older than a week, then the date, with the year only if it differs', () => {
    expect(timeAgo(new Date('2025-03-03T08:00:00Z'), now)).toBe('Mar 3');
    expect(timeAgo(new Date('2023-12-25T08:00:00Z'), now)).toBe('Dec 25, 2023');
  });
});

describe('timeUntil', () => {
  const now = new Date('2025-06-15T12:00:00Z');
  const inMs = (ms: number) => timeUntil(new Date(now.getTime() + ms), now);
  const MIN = 60_000;

  it('when the time has passed, then "due now"; under a minute ahead, "in under a minute"', () => {
    expect(inMs(-5 * MIN)).toBe('due now');
    expect(inMs(0)).toBe('due now');
    expect(inMs(20_000)).toBe('in under a minute');
  });

  it('when minutes, hours or days ahead, then they are counted with the right plural', () => {
    expect(inMs(MIN)).toBe('in 1 minute');
    expect(inMs(55 * MIN)).toBe('in 55 minutes');
    expect(inMs(3 * 60 * MIN)).toBe('in 3 hours');
    expect(inMs(2 * 24 * 60 * MIN)).toBe('in 2 days');
  });

  it('when more than a week ahead, then the date, with the year only if it differs', () => {
    expect(timeUntil(new Date('2025-08-01T00:00:00Z'), now)).toBe('Aug 1');
    expect(timeUntil(new Date('2026-01-02T00:00:00Z'), now)).toBe('Jan 2, 2026');
  });
});
