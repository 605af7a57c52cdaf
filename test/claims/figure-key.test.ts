import { describe, expect, it } from 'vitest';
import { figureKey, type Keyable } from '../../src/claims/figure-key.ts';
import { METRIC_LABELS } from '../../src/claims/format.ts';

const claim = (over: Partial<Keyable>): Keyable => ({
  subject: 'Hyperscalers',
  metric: 'capex',
  unit: 'percent',
  direction: 'up',
  period: null,
  ...over,
});
const at = (iso: string) => new Date(`${iso}T12:00:00Z`);
const AT = at('2025-06-15');
const key = (over: Partial<Keyable>, when = AT) => figureKey(claim(over), when);

describe('figure identity', () => {
  it('when one writer says "up 100%" and another "doubled", then both are the same figure', () => {
    expect(key({ unit: 'ratio' })).toEqual(key({ unit: 'percent' }));
    expect(key({ subject: 'OpenAI', metric: 'price_change', unit: 'ratio', direction: 'down' })).toEqual(
      key({ subject: 'OpenAI', metric: 'price_change', unit: 'percent', direction: 'down' }),
    );
  });

  it('when the subject is written in the singular or the plural, then it is one figure', () => {
    expect(key({ subject: 'Hyperscaler' })!.subjectKey).toBe(key({ subject: 'hyperscalers' })!.subjectKey);
    expect(key({ subject: 'major AI labs' })!.subjectKey).toBe('ai lab major');
  });

  it('when a word only looks plural ("business", "status"), then it is kept', () => {
    expect(key({ subject: 'AI business status' })!.subjectKey).toBe('ai business status');
  });

  it('when a valuation or funding is stated in another currency ("other", named in words), then it is that measure of that company', () => {
    const level = { unit: 'other', direction: null, period: null };
    expect(key({ ...level, subject: 'Mistral AI (valuation)', metric: 'other' })).toEqual(
      key({ ...level, subject: 'Mistral AI', metric: 'valuation', unit: 'USD' }),
    );
    expect(key({ ...level, subject: 'Microsoft (cloud, capex)', metric: 'other', period: '2025' })).toEqual(
      key({ ...level, subject: 'Microsoft (cloud)', metric: 'capex', period: '2025' }),
    );
    // A profit is no metric of its own: it stays an "other" figure named by its word.
    expect(key({ ...level, subject: 'TSMC (profit)', metric: 'other', period: 'Q3 2025' })!.measure).toBe('other');
  });

  it("when a venture is named for its lead company's spending, then both names are one figure", () => {
    const plan = { metric: 'capex', unit: 'USD', direction: null, period: '2025-2029' };
    expect(key({ ...plan, subject: 'Stargate' })).toEqual(key({ ...plan, subject: 'OpenAI' }));
    expect(key({ ...plan, subject: 'Oracle (with Stargate)' })).toEqual(
      key({ ...plan, subject: 'OpenAI (with Oracle)' }),
    );
  });

  it('when a figure is a static level, then a ratio stays its own measure', () => {
    expect(key({ unit: 'ratio', direction: null })!.measure).toBe('capex');
  });

  it('when "this year" is said in 2024 and in 2026, then the two never meet; said in 2025 it meets "2025"', () => {
    const revenue = { subject: 'OpenAI', metric: 'revenue', unit: 'USD', direction: null };
    const in2024 = key({ ...revenue, period: 'this year' }, at('2024-05-01'))!;
    const in2026 = key({ ...revenue, period: 'this year' }, at('2026-05-01'))!;
    const in2025 = key({ ...revenue, period: 'this year' }, at('2025-05-01'))!;
    expect(in2024.periodKey).not.toBe(in2026.periodKey);
    const written = key({ ...revenue, period: '2025' }, at('2024-12-01'))!;
    expect([in2025.subjectKey, in2025.measure, in2025.periodKey]).toEqual([
      written.subjectKey,
      written.measure,
      written.periodKey,
    ]);
    expect(in2025.periodKey).toBe('2025-01..2025-12');
  });

  it("when a known company's fiscal quarter is named, then it meets the same months written as calendar time", () => {
    const revenue = { subject: 'Nvidia', metric: 'revenue', unit: 'USD', direction: null };
    const fiscal = key({ ...revenue, period: 'Q2 FY2025' }, at('2024-08-28'))!;
    expect(fiscal.periodKey).toBe('2024-05..2024-07');
    expect(key({ ...revenue, period: 'the quarter' }, at('2024-08-28'))!.periodKey).toBe(fiscal.periodKey);
    // Microsoft's fiscal year ends in June: "this fiscal year" said in January 2025 is FY2025.
    const capex = { subject: 'Microsoft', metric: 'capex', unit: 'USD', direction: null };
    expect(key({ ...capex, period: 'this fiscal year' }, at('2025-01-03'))!.periodKey).toBe(
      key({ ...capex, period: 'FY2025' }, at('2025-02-01'))!.periodKey,
    );
  });

  it('when Alphabet and Google are named, then they are one entity; a segment of it is another figure', () => {
    const revenue = { metric: 'revenue', unit: 'USD', direction: null, period: 'Q3 2025' };
    expect(key({ ...revenue, subject: 'Alphabet' })).toEqual(key({ ...revenue, subject: 'Google' }));
    expect(key({ ...revenue, subject: 'Nvidia (data center)' })!.subjectKey).not.toBe(
      key({ ...revenue, subject: 'Nvidia' })!.subjectKey,
    );
  });

  it('when a flow has no period, then it is undated; a level with none is dated by its statement', () => {
    expect(key({ subject: 'Nvidia', metric: 'revenue', unit: 'USD', direction: null })!.timing).toBe('undated');
    const level = key({ subject: 'OpenAI', metric: 'valuation', unit: 'USD', direction: null }, at('2024-10-02'))!;
    expect([level.timing, level.asOf]).toEqual(['stated', '2024-10-02']);
    // A level "in September" is as of the end of September.
    expect(
      key(
        { subject: 'OpenAI', metric: 'valuation', unit: 'USD', direction: null, period: 'September 2025' },
        at('2025-10-20'),
      )!.asOf,
    ).toBe('2025-09-30');
  });

  it('when a growth rate names its basis, then year over year is the default and quarter over quarter another figure', () => {
    const growth = { subject: 'Nvidia', metric: 'revenue_growth', unit: 'percent', direction: 'up' };
    expect(key({ ...growth, period: '2023 YoY' })!.periodKey).toBe(key({ ...growth, period: '2023' })!.periodKey);
    expect(key({ ...growth, period: 'Q2 FY2025 QoQ' }, at('2024-08-28'))!.periodKey).not.toBe(
      key({ ...growth, period: 'Q2 FY2025 YoY' }, at('2024-08-28'))!.periodKey,
    );
  });

  it("when a company's capex grows 50% and its capex is $80 billion, then they are two measures, named so", () => {
    const level = key({ subject: 'Microsoft', metric: 'capex', unit: 'USD', direction: null, period: '2025' })!;
    const change = key({ subject: 'Microsoft', metric: 'capex', unit: 'percent', direction: 'up', period: '2025' })!;
    expect([level.measure, change.measure]).toEqual(['capex', 'capex_growth']);
    expect(METRIC_LABELS[change.measure]).toBe('capex growth');
    // A market segment's growth stays one measure whether written as spend or revenue.
    expect(key({ subject: 'Cloud AI infrastructure spend', metric: 'capex' })!.measure).toBe(
      key({ subject: 'AI cloud infrastructure', metric: 'revenue_growth' })!.measure,
    );
  });

  it('when a level is a total over a span that starts as it is said ("worth $17.4bn over the next five years"), then it is dated by the statement; a span that starts later stays a span', () => {
    const deal = { subject: 'Nebius (with Microsoft)', metric: 'other', unit: 'USD', direction: null };
    const sept = at('2025-09-09');
    expect(key({ ...deal, period: 'over the next five years' }, sept)).toMatchObject({
      timing: 'asof',
      asOf: '2025-09-09',
    });
    expect(key({ ...deal, period: 'over the next five years' }, sept)?.subjectKey).toBe(
      key({ ...deal, period: null }, sept)?.subjectKey,
    );
    const power = { subject: 'OpenAI (with AMD)', metric: 'power', unit: 'W', direction: null };
    expect(key({ ...power, period: 'H2 2026' }, sept)).toMatchObject({
      timing: 'interval',
      periodKey: '2026-07..2026-12',
    });
  });
});
