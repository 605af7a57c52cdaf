import { describe, expect, it } from 'vitest';
import type { Claim } from '../../src/claims/extract/types.ts';
import {
  claimsMatch,
  evaluate,
  formatReport,
  labelSpan,
  matchItem,
  parseLabelledItems,
  periodsAgree,
  scoreResults,
  subjectsAgree,
  valuesAgree,
  type LabelledClaim,
  type LabelledItem,
} from '../../src/claims/eval.ts';

const label = (over: Partial<LabelledClaim>): LabelledClaim => ({
  quote: '$5 billion',
  metric: 'revenue',
  subject: 'OpenAI',
  value: 5e9,
  value_high: null,
  unit: 'USD',
  per: null,
  period: null,
  direction: null,
  hedged: false,
  ...over,
});
const item: LabelledItem = {
  id: 's1',
  kind: 'prose',
  text: 'OpenAI made $5 billion and grew 40% this year.',
  claims: [
    label({}),
    label({
      quote: 'grew 40%',
      metric: 'revenue_growth',
      value: 40,
      unit: 'percent',
      direction: 'up',
      period: 'this year',
    }),
  ],
};
const empty: LabelledItem = { id: 's2', kind: 'prose', text: 'Nothing to see, just 3 things.', claims: [] };
const predict = (quote: string, over: Partial<Claim> = {}): Claim => {
  const start = item.text.indexOf(quote);
  return { ...label({}), quote, start, end: start + quote.length, ...over };
};
const perfect = [
  predict('$5 billion'),
  predict('40%', { metric: 'revenue_growth', value: 40, unit: 'percent', direction: 'up', period: 'this year' }),
];

describe('eval scoring', () => {
  it('when values differ by under 0.5 %, then they agree; by more, they do not', () => {
    expect(valuesAgree(100, 100.4)).toBe(true);
    expect(valuesAgree(100, 101)).toBe(false);
    expect(valuesAgree(null, null)).toBe(true);
    expect(valuesAgree(null, 5)).toBe(false);
  });

  it('when one subject contains the other, ignoring case and punctuation, then they agree', () => {
    expect(subjectsAgree('OpenAI', 'OpenAI (inference cost per token)')).toBe(true);
    expect(subjectsAgree('openai', 'OpenAI')).toBe(true);
    expect(subjectsAgree('Microsoft', 'OpenAI')).toBe(false);
    expect(subjectsAgree(null, 'OpenAI')).toBe(false);
    expect(subjectsAgree(null, null)).toBe(true);
  });

  it('when periods differ only in case or spacing, then they agree', () => {
    expect(periodsAgree('Q3  2024', 'q3 2024')).toBe(true);
    expect(periodsAgree('YoY', '2023 YoY')).toBe(false);
  });

  it('when a table row label is located, then the quote is found in the data row, not the header', () => {
    const row: LabelledItem = { id: 't', kind: 'table_row', text: '| A | 80% |\n| B | 80% |', claims: [] };
    expect(labelSpan(row, '80%')).toEqual({ start: 18, end: 21 });
  });

  it('when the prediction overlaps the label quote with the same value and unit, then they match', () => {
    expect(claimsMatch(item, item.claims[1], perfect[1])).toBe(true);
    expect(claimsMatch(item, item.claims[1], { ...perfect[1], unit: 'ratio' })).toBe(false);
    expect(claimsMatch(item, item.claims[0], perfect[1])).toBe(false);
  });

  it('when every figure is predicted exactly, then precision, recall, F1 and accuracies are 1', () => {
    const report = scoreResults([matchItem(item, perfect), matchItem(empty, [])]);
    expect(report).toMatchObject({ precision: 1, recall: 1, f1: 1, noClaimFalsePositives: 0 });
    expect(Object.values(report.accuracy)).toEqual([1, 1, 1, 1, 1, 1, 1]);
  });

  it('when a prediction is wrong, then the scores drop and the error is listed', () => {
    const wrongValue = [perfect[0], { ...perfect[1], value: 14 }];
    const fp = predict('$5 billion');
    const falseOnEmpty = { ...fp, start: 21, end: 22, quote: '3' };
    const results = [matchItem(item, wrongValue), matchItem(empty, [falseOnEmpty])];
    const report = scoreResults(results);
    expect(report.precision).toBeCloseTo(1 / 3);
    expect(report.recall).toBeCloseTo(1 / 2);
    expect(report.f1).toBeLessThan(1);
    expect(report.noClaimFalsePositives).toBe(1);
    const lines = formatReport(report, results);
    expect(lines.some((l) => l.startsWith('miss') && l.includes('grew 40%'))).toBe(true);
    expect(lines.some((l) => l.startsWith('fp') && l.includes('s2'))).toBe(true);
  });

  it('when a matched claim has the wrong metric, then metric accuracy drops but F1 does not', () => {
    const report = scoreResults([matchItem(item, [perfect[0], { ...perfect[1], metric: 'capex' }])]);
    expect(report.f1).toBe(1);
    expect(report.accuracy.metric).toBe(0.5);
  });

  it('when a report is formatted, then the last line is the summary line', () => {
    const { report, results } = evaluate([item], () => perfect);
    expect(formatReport(report, results).at(-1)).toBe(
      'claims: precision=1.000 recall=1.000 f1=1.000 metric_accuracy=1.000',
    );
  });

  it('when JSON lines are parsed, then blank lines are skipped', () => {
    expect(parseLabelledItems(`${JSON.stringify(item)}\n\n${JSON.stringify(empty)}\n`)).toHaveLength(2);
  });
});
