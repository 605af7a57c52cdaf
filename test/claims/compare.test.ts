import { describe, expect, it } from 'vitest';
import {
  compare,
  conflictedClaims,
  conflictingPairs,
  firstConflict,
  figureVerdict,
  periodKey,
  perDivisor,
  type ComparableClaim,
} from '../../src/claims/compare.ts';
import { checkConsistency } from '../../src/claims/consistency.ts';

const c = (over: Partial<ComparableClaim>): ComparableClaim => ({
  value: 0,
  valueHigh: null,
  unit: 'USD',
  per: null,
  direction: null,
  hedged: false,
  ...over,
});

describe('comparing claims about one figure', () => {
  it('when the same rate is stated per 1M and per 1K tokens, then they agree', () => {
    expect(compare(c({ value: 30, per: '1M output tokens' }), c({ value: 0.03, per: '1K output tokens' }))).toBe(
      'agree',
    );
    expect(perDivisor('1M output tokens')).toEqual({ key: 'output token', divisor: 1e6 });
  });

  it('when a rate differs beyond the tolerance after normalisation, then they conflict', () => {
    expect(compare(c({ value: 30, per: '1M tokens' }), c({ value: 0.06, per: '1K tokens' }))).toBe('conflict');
  });

  it('when capex is "up 50%" in one place and "doubled" in another, then they conflict', () => {
    expect(
      compare(c({ value: 50, unit: 'percent', direction: 'up' }), c({ value: 2, unit: 'ratio', direction: 'up' })),
    ).toBe('conflict');
  });

  it('when a cost "dropped 90%" and got "10x cheaper", then they agree', () => {
    expect(
      compare(c({ value: 90, unit: 'percent', direction: 'down' }), c({ value: 10, unit: 'ratio', direction: 'down' })),
    ).toBe('agree');
  });

  it('when one side is hedged, then a wider tolerance applies', () => {
    const a = c({ value: 100e6 });
    expect(compare(a, c({ value: 118e6 }))).toBe('conflict');
    expect(compare(a, c({ value: 118e6, hedged: true }))).toBe('agree');
  });

  it('when a value falls inside a stated range, then they agree', () => {
    expect(
      compare(c({ value: 15, valueHigh: 50, per: '1M output tokens' }), c({ value: 40, per: '1M output tokens' })),
    ).toBe('agree');
    expect(
      compare(c({ value: 15, valueHigh: 50, per: '1M output tokens' }), c({ value: 90, per: '1M output tokens' })),
    ).toBe('conflict');
  });

  it('when units cannot be put on one scale, then the claims are incomparable, not contradictory', () => {
    expect(compare(c({ value: 5, unit: 'USD' }), c({ value: 5, unit: 'percent' }))).toBe('incomparable');
    expect(conflictingPairs([c({ value: 1 }), c({ value: 1.05 }), c({ value: 3 })])).toHaveLength(2);
  });

  it('when periods are written differently, then they normalise to one key', () => {
    expect(periodKey('Year-over-year')).toBe('yoy');
    expect(periodKey('2023 YoY')).toBe(periodKey('2023  y/y'));
    expect(periodKey('Fiscal year 2026')).toBe('fy2026');
    expect(periodKey(null)).toBe('');
  });
});

describe('consistency checks within one article', () => {
  const base = { per: null, value_high: null, direction: null, period: null } as const;

  it('when a growth rate disagrees with the two levels given, then it is flagged with the quotes', () => {
    const findings = checkConsistency([
      {
        ...base,
        quote: 'revenue of $2B in 2023',
        metric: 'revenue',
        subject: 'Acme',
        value: 2e9,
        unit: 'USD',
        period: '2023',
      },
      { ...base, quote: '$3B in 2024', metric: 'revenue', subject: 'Acme', value: 3e9, unit: 'USD', period: '2024' },
      {
        ...base,
        quote: 'up 80% in 2024',
        metric: 'revenue_growth',
        subject: 'Acme',
        value: 80,
        unit: 'percent',
        direction: 'up',
        period: '2024',
      },
    ]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      check: 'growth-vs-levels',
      quotes: ['up 80% in 2024', 'revenue of $2B in 2023', '$3B in 2024'],
    });
    expect(findings[0].message).toContain('imply 50.0%');
  });

  it('when the growth rate matches the levels, then nothing is flagged', () => {
    expect(
      checkConsistency([
        { ...base, quote: 'a', metric: 'revenue', subject: 'Acme', value: 2e9, unit: 'USD', period: '2023' },
        { ...base, quote: 'b', metric: 'revenue', subject: 'Acme', value: 3e9, unit: 'USD', period: '2024' },
        {
          ...base,
          quote: 'c',
          metric: 'revenue_growth',
          subject: 'Acme',
          value: 50,
          unit: 'percent',
          direction: 'up',
          period: '2024 YoY',
        },
      ]),
    ).toEqual([]);
  });

  it('when training FLOPs are far from 6 × parameters × tokens, then it is flagged; when close, not', () => {
    const model = (flops: number): Parameters<typeof checkConsistency>[0] => [
      { ...base, quote: 'f', metric: 'training_compute', subject: 'Model X', value: flops, unit: 'FLOP' },
      { ...base, quote: 'p', metric: 'parameters', subject: 'Model X', value: 70e9, unit: 'params' },
      { ...base, quote: 't', metric: 'usage', subject: 'Model X', value: 15e12, unit: 'tokens' },
    ];
    expect(checkConsistency(model(6.3e24))).toEqual([]);
    expect(checkConsistency(model(6.3e26))[0]).toMatchObject({ check: 'flops-vs-6nd' });
  });

  it('when a share exceeds 100%, then it is flagged', () => {
    const [f] = checkConsistency([
      {
        ...base,
        quote: '130 percent of the cost',
        metric: 'other',
        subject: null,
        value: 130,
        unit: 'percent',
        per: 'data-center cost',
      },
    ]);
    expect(f).toMatchObject({ check: 'share-over-100', quotes: ['130 percent of the cost'] });
  });
});

describe('verdicts across sources', () => {
  it('when one article states two different values under one figure, then that is one source, not a contradiction', () => {
    const survey = [
      c({ value: 95, unit: 'percent', articleId: 4 } as Partial<ComparableClaim>),
      c({ value: 15, unit: 'percent', articleId: 4 } as Partial<ComparableClaim>),
    ];
    expect(conflictingPairs(survey)).toEqual([]);
    expect(figureVerdict(survey)).toBe('one-source');
  });

  it('when another article states a value the first contradicts, then the figure is contested, and a repeat agrees', () => {
    const first = { ...c({ value: 65, unit: 'percent', direction: 'up' }), articleId: 2 };
    const other = { ...c({ value: 150, unit: 'percent', direction: 'up' }), articleId: 4 };
    const repeat = { ...c({ value: 66, unit: 'percent', direction: 'up' }), articleId: 5 };
    expect(conflictingPairs([first, other])).toEqual([[first, other]]);
    expect(figureVerdict([first, other])).toBe('contested');
    expect(figureVerdict([first, repeat])).toBe('agree');
  });

  it('when only comments repeat or dispute an article, then they make neither agreement nor contradiction', () => {
    const first = { ...c({ value: 65, unit: 'percent', direction: 'up' }), articleId: 2 };
    const echo = { ...c({ value: 66, unit: 'percent', direction: 'up' }), commentId: 4 }; // comment 4 is not article 4
    const dispute = { ...c({ value: 150, unit: 'percent', direction: 'up' }), commentId: 5 };
    expect(figureVerdict([first, echo])).toBe('one-source');
    expect(figureVerdict([echo, { ...echo, commentId: 6 }])).toBe('one-source');
    expect(conflictingPairs([first, dispute])).toEqual([]);
  });

  it('when a value has no time reference (undated), then it never makes a contradiction or an agreement', () => {
    const dated = { ...c({ value: 30e9, unit: 'USD', direction: null }), articleId: 1, timeKind: 'interval' };
    const undated = { ...c({ value: 13e9, unit: 'USD', direction: null }), articleId: 2, timeKind: 'undated' };
    expect(conflictingPairs([dated, undated])).toEqual([]);
    expect(figureVerdict([dated, undated])).toBe('one-source');
    expect(figureVerdict([dated, { ...undated, value: 99e9, timeKind: 'interval' }])).toBe('contested');
  });

  it('when claims carry no source ids, then each counts as its own source', () => {
    expect(figureVerdict([c({ value: 1 })])).toBe('one-source');
    expect(figureVerdict([c({ value: 1 }), c({ value: 3 })])).toBe('contested');
  });
});

describe('conflicting pairs of a figure with thousands of claims', () => {
  type Claim = ComparableClaim & { articleId?: number | null; commentId?: number | null; timeKind?: string | null };

  /** The pairwise definition, as conflictingPairs was first written: every source against every other. */
  function naivePairs(claims: Claim[]): [Claim, Claim][] {
    const sources = new Map<string, Claim[]>();
    claims
      .filter((x) => x.commentId == null && x.timeKind !== 'undated')
      .forEach((x, i) => {
        const key = x.articleId != null ? `a${x.articleId}` : `x${i}`;
        sources.set(key, [...(sources.get(key) ?? []), x]);
      });
    const groups = [...sources.values()];
    const pairs: [Claim, Claim][] = [];
    for (let i = 0; i < groups.length; i++) {
      for (let j = i + 1; j < groups.length; j++) {
        const cross = groups[i].flatMap((a) => groups[j].map((b) => [a, b, compare(a, b)] as const));
        if (cross.some(([, , v]) => v === 'agree')) continue;
        for (const [a, b, v] of cross) if (v === 'conflict') pairs.push([a, b]);
      }
    }
    return pairs;
  }

  /** A seeded ledger: articles giving one to three values, repeated values, hedges, ranges, rates, changes, comments, undated ones. */
  function ledger(size: number, seed: number, distinct: boolean): Claim[] {
    let s = seed;
    const rnd = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <V>(xs: V[]) => xs[Math.floor(rnd() * xs.length)];
    const claims: Claim[] = [];
    for (let article = 1; claims.length < size; article++) {
      const n = pick([1, 1, 1, 2, 3]);
      for (let k = 0; k < n && claims.length < size; k++) {
        const shape = pick(['usd', 'usd', 'usd', 'rate', 'change', 'range']);
        const value = distinct ? 100 + rnd() * 300 : pick([100, 100, 104, 120, 140, 300, 30, 0.03]);
        const claim: Claim =
          shape === 'rate'
            ? c({ value: pick([30, 0.03, 60]), per: pick(['1M tokens', '1K tokens']) })
            : shape === 'change'
              ? c({ value: pick([50, 2, 100, 90]), unit: pick(['percent', 'ratio']), direction: pick(['up', 'down']) })
              : shape === 'range'
                ? c({ value, valueHigh: value * pick([1.2, 2]) })
                : c({ value, hedged: rnd() < 0.2 });
        const who = rnd();
        claims.push({
          ...claim,
          articleId: who < 0.05 ? null : article,
          commentId: who > 0.97 ? article : null,
          timeKind: rnd() < 0.05 ? 'undated' : 'interval',
        });
      }
    }
    return claims;
  }

  const asIndices = (claims: Claim[], pairs: [Claim, Claim][]) => {
    const index = new Map(claims.map((x, i) => [x, i]));
    return pairs.map(([a, b]) => `${index.get(a)}:${index.get(b)}`).join(' ');
  };

  it('when a figure has ~2,000 claims with repeated values, then the conflicting pairs are exactly the pairwise definition, in its order', () => {
    const claims = ledger(2000, 7, false);
    const naive = naivePairs(claims);
    expect(naive.length).toBeGreaterThan(1000); // the case exercises contradictions, not just agreement
    const expected = asIndices(claims, naive);
    expect(asIndices(claims, conflictingPairs(claims))).toEqual(expected);
    expect(figureVerdict(claims)).toBe('contested');
  });

  it('when nearly every one of ~2,000 values is distinct, then the pairs are still exactly the pairwise definition', () => {
    const claims = ledger(2000, 11, true);
    const naive = naivePairs(claims);
    expect(asIndices(claims, conflictingPairs(claims))).toEqual(asIndices(claims, naive));
    expect(figureVerdict(claims)).toBe(naive.length > 0 ? 'contested' : 'agree');
    const agreeing = claims.filter(
      (x) => x.unit === 'USD' && !x.per && x.valueHigh === null && x.value > 200 && x.value < 215,
    );
    expect(naivePairs(agreeing)).toEqual([]);
    expect(figureVerdict(agreeing)).toBe('agree');
  });

  it('when only the first conflict or the conflicted claims are asked for, then they are those of the full list of pairs', () => {
    for (const [seed, distinct] of [
      [7, false],
      [11, true],
      [3, false],
    ] as const) {
      const claims = ledger(2000, seed, distinct);
      const pairs = conflictingPairs(claims);
      expect(firstConflict(claims)).toEqual(pairs[0] ?? null);
      const index = new Map(claims.map((x, i) => [x, i]));
      const sorted = (xs: Iterable<Claim>) => [...xs].map((x) => index.get(x)!).sort((a, b) => a - b);
      expect(sorted(conflictedClaims(claims))).toEqual(sorted(new Set(pairs.flat())));
    }
    expect(firstConflict([c({ value: 1 }), c({ value: 1.05 })])).toBeNull();
  });

  it('when sources agree or share one set of values, then no pair is reported twice', () => {
    const same = [1, 2, 3].map((articleId) => ({ ...c({ value: 100 }), articleId }));
    const other = [4, 5].map((articleId) => ({ ...c({ value: 300 }), articleId }));
    const pairs = conflictingPairs([...same, ...other]);
    expect(pairs).toHaveLength(6);
    expect(new Set(pairs.map(([a, b]) => `${a.articleId}-${b.articleId}`)).size).toBe(6);
    expect(conflictingPairs(same)).toEqual([]);
  });
});
