import { describe, expect, it } from 'vitest';
import { figureKey, type Keyable } from '../../src/claims/figure-key.ts';

const claim = (over: Partial<Keyable>): Keyable => ({ subject: 'Hyperscalers', metric: 'capex', unit: 'percent', direction: 'up', period: null, ...over });

describe('figure identity', () => {
  it('when one writer says "up 100%" and another "doubled", then both are the same figure', () => {
    expect(figureKey(claim({ unit: 'ratio' }))).toEqual(figureKey(claim({ unit: 'percent' })));
    expect(figureKey(claim({ subject: 'OpenAI', metric: 'price_change', unit: 'ratio', direction: 'down' }))).toEqual(figureKey(claim({ subject: 'OpenAI', metric: 'price_change', unit: 'percent', direction: 'down' })));
  });

  it('when the subject is written in the singular or the plural, then it is one figure', () => {
    expect(figureKey(claim({ subject: 'Hyperscaler' }))!.subjectKey).toBe(figureKey(claim({ subject: 'hyperscalers' }))!.subjectKey);
    expect(figureKey(claim({ subject: 'major AI labs' }))!.subjectKey).toBe('ai lab major');
  });

  it('when a word only looks plural ("business", "status"), then it is kept', () => {
    expect(figureKey(claim({ subject: 'AI business status' }))!.subjectKey).toBe('ai business status');
  });

  it('when a figure is a static level, then a ratio stays its own measure', () => {
    expect(figureKey(claim({ unit: 'ratio', direction: null }))!.measure).toBe('capex');
  });
});
