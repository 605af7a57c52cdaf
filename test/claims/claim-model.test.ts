import { describe, expect, it } from 'vitest';
import {
  classifyDirection,
  classifyMetric,
  CLAIM_MODEL_VERSION,
  type ClaimModel,
} from '../../src/claims/extract/claim-model.ts';
import { extractClaims } from '../../src/claims/extract/extract.ts';
import type { Metric } from '../../src/claims/extract/types.ts';

// A hand-made model: the word "worth" points to valuation, "raised" to funding; USD allows both.
const METRICS_ORDER: Metric[] = ['valuation', 'funding', 'other'];
const tiny: ClaimModel = {
  version: 'test',
  heads: {
    metric: {
      classes: METRICS_ORDER,
      bias: [0, 0, 0.1],
      features: { 'b=worth': [2, 0, 0], 'b=raised': [0, 2, 0] },
      allowed: { USD: ['valuation', 'funding', 'other'], percent: ['other'] },
    },
    direction: { classes: ['null', 'up', 'down'], bias: [0.5, 0, 0], features: { 'b=slid': [0, 0, 2] } },
  },
};

describe('the learned stage of the extractor', () => {
  it('when features point to a measure, then the head picks it; a measure the unit never takes is masked', () => {
    expect(classifyMetric(['b=worth'], 'USD', tiny)).toBe('valuation');
    expect(classifyMetric(['b=raised'], 'USD', tiny)).toBe('funding');
    expect(classifyMetric(['b=worth'], 'percent', tiny)).toBe('other');
    expect(classifyDirection(['b=slid'], tiny)).toBe('down');
    expect(classifyDirection([], tiny)).toBeNull();
  });

  it('when a model has no head for an attribute, then the rules decide', () => {
    const none: ClaimModel = { version: 'none', heads: {} };
    expect(classifyMetric(['b=worth'], 'USD', none)).toBeNull();
    expect(classifyDirection(['b=slid'], none)).toBeUndefined();
  });

  it('when the shipped model is loaded, then it is a trained one and extraction still runs with the rules alone on request', () => {
    expect(CLAIM_MODEL_VERSION).toMatch(/^lr-\d{4}-\d{2}-\d{2}-\d+$/);
    const text = 'Mistral raised $600 million in a round that values the company at $6 billion.';
    expect(extractClaims(text).map((c) => c.value)).toEqual(
      extractClaims(text, { rulesOnly: true }).map((c) => c.value),
    );
  });

  it('when features are collected for training, then every figure gets its own list keyed by its offset', () => {
    const collected = new Map<number, string[]>();
    const claims = extractClaims('Nvidia revenue rose 94% to $35 billion.', {
      collectFeatures: collected,
      title: 'Nvidia results',
    });
    expect([...collected.keys()].sort((a, b) => a - b)).toEqual(claims.map((c) => c.start).sort((a, b) => a - b));
    expect(collected.get(claims[0].start)).toEqual(expect.arrayContaining(['u=percent', 'h=nvidia']));
  });
});
