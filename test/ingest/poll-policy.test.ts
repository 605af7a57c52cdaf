import { describe, expect, it } from 'vitest';
import { nextPollAt, type PollPolicyInput } from '../../src/ingest/poll-policy.ts';

const now = new Date('2025-01-01T00:00:00Z');
const base: PollPolicyInput = {
  now,
  kind: 'ok',
  defaultIntervalMinutes: 60,
  consecutiveErrors: 0,
  maxBackoffMinutes: 24 * 60,
  random: () => 0.5,
};
const minutesUntil = (input: Partial<PollPolicyInput>) =>
  (nextPollAt({ ...base, ...input }).getTime() - now.getTime()) / 60_000;

describe('nextPollAt', () => {
  it('when a fetch succeeds without hints, then the default interval is used', () => {
    expect(minutesUntil({})).toBe(60);
    expect(minutesUntil({ kind: 'not-modified' })).toBe(60);
  });

  it('when max-age or ttl is longer than the interval, then the longest wins', () => {
    expect(minutesUntil({ maxAgeSeconds: 3 * 3600 })).toBe(180);
    expect(minutesUntil({ ttlMinutes: 240, maxAgeSeconds: 3600 })).toBe(240);
  });

  it('when max-age or ttl is shorter than the interval, then they do not speed polling up', () => {
    expect(minutesUntil({ maxAgeSeconds: 60, ttlMinutes: 5 })).toBe(60);
  });

  it('when a hint is absurdly long, then it is capped at 24 hours', () => {
    expect(minutesUntil({ maxAgeSeconds: 31_536_000 })).toBe(24 * 60);
    expect(minutesUntil({ ttlMinutes: 100_000 })).toBe(24 * 60);
  });

  it('when hints are null, then they are ignored', () => {
    expect(minutesUntil({ maxAgeSeconds: null, ttlMinutes: null })).toBe(60);
  });

  it('when fetches keep failing, then the delay doubles per error up to the cap', () => {
    const delays = [1, 2, 3, 4, 5, 6, 30].map((n) => minutesUntil({ kind: 'error', consecutiveErrors: n }));
    expect(delays).toEqual([60, 120, 240, 480, 960, 1440, 1440]);
  });

  it('when jitter is drawn at its extremes, then the delay moves by at most 20% and stays under the cap', () => {
    expect(minutesUntil({ kind: 'error', consecutiveErrors: 2, random: () => 0 })).toBe(96);
    expect(minutesUntil({ kind: 'error', consecutiveErrors: 2, random: () => 0.999999 })).toBeCloseTo(144, 2);
    expect(minutesUntil({ kind: 'error', consecutiveErrors: 9, random: () => 0.999999 })).toBe(1440);
  });

  it('when no random is injected, then the delay still lands within ±20%', () => {
    const { random: _omit, ...noRandom } = base;
    const d = (nextPollAt({ ...noRandom, kind: 'error', consecutiveErrors: 1 }).getTime() - now.getTime()) / 60_000;
    expect(d).toBeGreaterThanOrEqual(48);
    expect(d).toBeLessThanOrEqual(72);
  });

  it('when the server says retry later, then we wait at least Retry-After', () => {
    expect(minutesUntil({ kind: 'retry-later', consecutiveErrors: 1, retryAfterSeconds: 3 * 3600 })).toBe(180);
  });

  it('when Retry-After is short, then back-off still applies so we do not poll faster than usual', () => {
    expect(minutesUntil({ kind: 'retry-later', consecutiveErrors: 1, retryAfterSeconds: 30 })).toBe(60);
    expect(minutesUntil({ kind: 'retry-later', consecutiveErrors: 2 })).toBe(120);
  });
});
