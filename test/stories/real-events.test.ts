import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { eventScores, ownEventSet } from '../bench/stories-eval.ts';
import { readRealEvents, realEventSet } from '../bench/real-events.ts';
import { fitLogistic } from '../bench/train-stories.ts';

/**
 * Quality floors for the same-event decision (the production default for lexical-v1) on real
 * headlines, as `npm run eval:stories` measures it: held out pair F1 0.884, B-cubed 0.939, with no
 * window 0.880; the project's own headlines 0.597. The floors leave a margin so that only a real
 * regression — in the features, the weights, the extractor or the assignment — trips them.
 */
describe('same-event decision on labelled real headlines', () => {
  const windowDays = loadConfig({}).STORY_WINDOW_DAYS;

  it('when the real-events set is read, then it has at least 300 headlines in 80 events, a third of them held out by event', () => {
    const rows = readRealEvents();
    const events = new Set(rows.map((r) => r.event));
    const held = new Set(rows.filter((r) => r.split === 'heldout').map((r) => r.event));
    expect(rows.length).toBeGreaterThanOrEqual(300);
    expect(events.size).toBeGreaterThanOrEqual(80);
    expect(held.size / events.size).toBeGreaterThan(0.25);
    for (const r of rows) expect(r.split === 'heldout').toBe(held.has(r.event));
  });

  it('when held-out coverage is replayed at the production window and with none, then pairwise and B-cubed F1 stay above their floors', () => {
    const held = realEventSet('heldout');
    const atWindow = eventScores(held, windowDays);
    expect(atWindow.pairwise.f1).toBeGreaterThanOrEqual(0.84);
    expect(atWindow.bcubed.f1).toBeGreaterThanOrEqual(0.91);
    expect(eventScores(held, null).pairwise.f1).toBeGreaterThanOrEqual(0.8);
  });

  it('when the project’s own headlines are replayed, then the decision does at least as well as the cosine threshold did', () => {
    expect(eventScores(ownEventSet(), windowDays).pairwise.f1).toBeGreaterThanOrEqual(0.536);
  });
});

describe('learning the weights', () => {
  it('when one feature separates same-event pairs from the rest, then the fit weighs it positively and the other not much', () => {
    const x = Array.from({ length: 40 }, (_, i) => [1, i % 4 === 0 ? 1 : 0, (i * 7) % 3 === 0 ? 1 : 0]);
    const y = x.map((f) => f[1]);
    const [, separating, noise] = fitLogistic(x, y, { steps: 2000 });
    expect(separating).toBeGreaterThan(2);
    expect(Math.abs(noise)).toBeLessThan(separating / 3);
  });
});
