import { describe, expect, it } from 'vitest';
import { EXTRACTOR_VERSION, extractClaims, METRICS, UNITS } from '../../src/claims/extract/extract.ts';

const ARTICLE = [
  'Nvidia Earnings Beat Expectations',
  '',
  'Nvidia reported revenue of $35.1 billion for the third quarter, up 94% from a year ago. The company said data-center sales were $30.8 billion.',
  'Analysts expect capex at the four largest clouds to top $200 billion next year; Microsoft alone plans to spend $80 billion.',
  '',
  '| Company | 2024 Capex | Growth |',
  '|---|---|---|',
  '| Microsoft | $56B | 75% |',
  '| Alphabet | $52.5B | 62% |',
  '',
  'Shares rose 3% in late trading.',
].join('\n');

describe('extractClaims on a whole article', () => {
  const claims = extractClaims(ARTICLE);

  it('when an article mixes prose and a table, then every figure is found, in text order', () => {
    expect(claims.map((c) => c.quote)).toEqual([
      '$35.1 billion',
      '94%',
      '$30.8 billion',
      '$200 billion',
      '$80 billion',
      '$56B',
      '75%',
      '$52.5B',
      '62%',
      '3%',
    ]);
  });

  it('when claims are returned, then each quote equals the text at its offsets', () => {
    for (const c of claims) expect(ARTICLE.slice(c.start, c.end)).toBe(c.quote);
  });

  it('when claims are returned, then every field follows the schema', () => {
    for (const c of claims) {
      expect(Object.keys(c).sort()).toEqual(
        [
          'direction',
          'end',
          'hedged',
          'metric',
          'per',
          'period',
          'quote',
          'start',
          'subject',
          'unit',
          'value',
          'value_high',
        ].sort(),
      );
      expect(METRICS).toContain(c.metric);
      expect(UNITS).toContain(c.unit);
      expect([null, 'up', 'down']).toContain(c.direction);
    }
  });

  it('when a table sits in an article, then its rows take the header metric and the row subject', () => {
    const row = claims.filter((c) => c.subject === 'Alphabet');
    expect(row.map((c) => [c.metric, c.value, c.period, c.direction])).toEqual([
      ['capex', 52.5e9, '2024', null],
      ['revenue_growth', 62, null, 'up'],
    ]);
  });

  it('when the same text is extracted twice, then the result is identical', () => {
    expect(extractClaims(ARTICLE)).toEqual(claims);
  });
});

describe('inputs', () => {
  it('when the text is empty or has no figures, then there are no claims', () => {
    expect(extractClaims('')).toEqual([]);
    expect(extractClaims('The era of easy money is over.')).toEqual([]);
  });

  it('when a comment is cut off mid-sentence, then figures before the cut are still read', () => {
    const claims = extractClaims('Databricks just reported a 60% jump in enterprise', { kind: 'comment' });
    expect(claims).toMatchObject([{ quote: '60%', subject: 'Databricks', direction: 'up', metric: 'revenue_growth' }]);
  });

  it('when a table_row item is given, then figures in the header and first cell are ignored', () => {
    const text = '| Model (2024) | Params |\n| Llama 3 70B (8K ctx) | 70B |';
    expect(extractClaims(text, { kind: 'table_row' })).toMatchObject([
      { quote: '70B', unit: 'params', metric: 'parameters' },
    ]);
  });

  it('when abbreviations and decimals appear, then sentences are not split inside them', () => {
    const claims = extractClaims('The U.S. firm, e.g. Nvidia, earned $2.5 billion. It is est. 3x bigger.');
    expect(claims.map((c) => c.quote)).toEqual(['$2.5 billion', '3x']);
    expect(claims[1].subject).toBe('Nvidia');
  });

  it('when a long text is given, then offsets stay relative to the full input', () => {
    const long = `${'Filler sentence without figures. '.repeat(500)}Revenue rose 12%.`;
    const [claim] = extractClaims(long);
    expect(long.slice(claim.start, claim.end)).toBe('12%');
  });

  it('when the version is read, then it is a non-empty string', () => {
    expect(typeof EXTRACTOR_VERSION).toBe('string');
    expect(EXTRACTOR_VERSION.length).toBeGreaterThan(0);
  });
});
