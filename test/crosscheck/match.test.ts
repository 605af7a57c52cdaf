import { describe, expect, it } from 'vitest';
import { matchFigure, type Candidate } from '../../src/crosscheck/match.ts';

let id = 0;
const source = (over: Partial<Candidate>): Candidate => ({
  claimId: ++id,
  value: 0,
  valueHigh: null,
  unit: 'percent',
  per: null,
  direction: null,
  hedged: false,
  statedAt: new Date('2025-10-20T00:00:00Z'),
  ...over,
});
const said = (over: Partial<Candidate>) => ({
  value: 0,
  valueHigh: null,
  unit: 'percent',
  per: null,
  direction: null,
  hedged: false,
  ...over,
});

describe('matching a comment figure against the ledger', () => {
  it('when a source states the same price in another scale, then the figure is supported', () => {
    const perMillion = said({ value: 30, unit: 'USD', per: '1M tokens' });
    const m = matchFigure(perMillion, [source({ value: 0.03, unit: 'USD', per: '1K tokens' })]);
    expect(m.outcome).toBe('supported');
  });

  it('when a source states the change as a multiple ("10x cheaper") and the comment as a percentage ("down 90%"), then it is supported', () => {
    const m = matchFigure(said({ value: 90, direction: 'down' }), [
      source({ value: 10, unit: 'ratio', direction: 'down' }),
    ]);
    expect(m.outcome).toBe('supported');
  });

  it('when the values differ by more than the tolerance, then the figure conflicts', () => {
    const m = matchFigure(said({ value: 50, direction: 'up' }), [source({ value: 150, direction: 'up' })]);
    expect(m.outcome).toBe('conflicts');
    expect(m.conflicts).toHaveLength(1);
  });

  it('when the values differ by less than the tolerance, then they agree (10 % of the larger change factor)', () => {
    expect(matchFigure(said({ value: 50, direction: 'up' }), [source({ value: 60, direction: 'up' })]).outcome).toBe(
      'supported',
    ); // ×1.5 vs ×1.6
    expect(matchFigure(said({ value: 100 }), [source({ value: 115 })]).outcome).toBe('conflicts'); // levels 100 vs 115: 13 %
  });

  it('when either side is hedged, then the tolerance widens to 25 %: a gap that conflicts unhedged is supported hedged', () => {
    expect(matchFigure(said({ value: 100 }), [source({ value: 120 })]).outcome).toBe('conflicts');
    expect(matchFigure(said({ value: 100, hedged: true }), [source({ value: 120 })]).outcome).toBe('supported');
    expect(matchFigure(said({ value: 100 }), [source({ value: 120, hedged: true })]).outcome).toBe('supported');
    expect(matchFigure(said({ value: 100, hedged: true }), [source({ value: 140 })]).outcome).toBe('conflicts');
  });

  it('when both a hedged and an unhedged source agree, then the unhedged one is quoted; when only estimates agree, then it says so', () => {
    const estimate = source({ value: 45, direction: 'up', hedged: true, statedAt: new Date('2025-01-01T00:00:00Z') });
    const firm = source({ value: 52, direction: 'up' });
    expect(matchFigure(said({ value: 50, direction: 'up' }), [estimate, firm])).toMatchObject({
      support: [firm, estimate],
      byEstimate: false,
    });
    expect(matchFigure(said({ value: 50, direction: 'up' }), [estimate])).toMatchObject({
      outcome: 'supported',
      byEstimate: true,
    });
  });

  it('when one source agrees and another conflicts, then the figure is supported and the conflict is still listed', () => {
    const m = matchFigure(said({ value: 65, direction: 'up' }), [
      source({ value: 65, direction: 'up' }),
      source({ value: 150, direction: 'up' }),
    ]);
    expect(m.outcome).toBe('supported');
    expect(m.conflicts).toHaveLength(1);
  });

  it('when nothing in the ledger is comparable (another kind of unit), then the figure is unsourced, never a conflict', () => {
    expect(matchFigure(said({ value: 50, direction: 'up' }), [source({ value: 4.2e9, unit: 'USD' })]).outcome).toBe(
      'unsourced',
    );
    expect(matchFigure(said({ value: 50, hedged: true }), []).outcome).toBe('unsourced');
  });
});
