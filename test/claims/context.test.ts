import { describe, expect, it } from 'vitest';
import { extractClaims } from '../../src/claims/extract/extract.ts';

function only(text: string) {
  const claims = extractClaims(text);
  expect(claims, JSON.stringify(claims.map((c) => c.quote))).toHaveLength(1);
  return claims[0];
}

describe('directions', () => {
  it.each([
    ['Cloud revenue rose 28% in the quarter.', 'up'],
    ['Shares dropped 9% after the report.', 'down'],
    ['The company cut list prices by 30%.', 'down'],
    ['Capex surged 62% from a year earlier.', 'up'],
    ['Bookings saw a 45% jump in the period.', 'up'],
    ['Margins fell to 61% last quarter.', 'down'],
    ['The startup raised prices by 20% for heavy users.', 'up'],
    ['Revenue growth of 33% beat estimates.', 'up'],
    ['Inference spend was down 12% QoQ.', 'down'],
    ['Alphabet will spend 43% more than in 2024.', 'up'],
  ])('when the text says "%s", then the direction is %s', (text, direction) => {
    expect(only(text).direction).toBe(direction);
  });

  it.each([
    'Nvidia holds 80% of the accelerator market.',
    'The company raised $2 billion from investors.',
    'Budgets are up to $5 million per team.',
    'Inference is 10x more expensive than search.',
    'HBM will make up 50% of shipments.',
    'OpenAI lost $5 billion last year.',
  ])('when "%s" states a level or a bound, then there is no direction', (text) => {
    expect(only(text).direction).toBeNull();
  });

  it('when a growth column holds a rate, then it is up', () => {
    const row = '| Segment | 2023 Growth |\n| Cloud AI | 150% |';
    expect(extractClaims(row, { kind: 'table_row' })[0].direction).toBe('up');
  });
});

describe('periods', () => {
  it.each([
    ['Revenue rose 12% year-over-year.', 'YoY'],
    ['Nvidia earned $19 billion in the third quarter of fiscal 2025.', 'Q3 FY2025'],
    ['Sales hit $4 billion in Q2 FY2026.', 'Q2 FY2026'],
    ['Capex will be $75 billion in FY2025.', 'FY2025'],
    ['Usage grew 40% this quarter.', 'this quarter'],
    ['Revenue grew 20% QoQ in Q3 2024.', 'Q3 2024 QoQ'],
    ['By the end of 2026 it expects 1 billion users.', 'by 2026'],
    ['Sales were $2 billion in the first half of 2024.', 'H1 2024'],
  ])('when the text says "%s", then the period is %s', (text, period) => {
    expect(only(text).period).toBe(period);
  });

  it('when a year is named as the comparison base, then it is the basis, not the period', () => {
    const claims = extractClaims('Nvidia revenue was $60.9 billion in fiscal 2024, up 126% from fiscal 2023.');
    expect(claims.map((c) => c.period)).toEqual(['FY2024', 'FY2024 YoY']);
    expect(extractClaims('Revenue reached $9 billion in 2025, higher than 2024.')[0].period).toBe('2025');
  });

  it('when a time follows a comparison base ("up from $40.3 billion last year"), then it is the base\'s, not the figure\'s', () => {
    const [now, base] = extractClaims(
      'Meta’s Family of Apps segment generated $50.8 billion in revenue, up from $40.3 billion last year.',
    );
    // With no period reported, the base keeps its own words; with one, "last year" is that period a year back.
    expect([now.period, base.period]).toEqual([null, 'last year']);
    const [, rate, yearAgo, sequential, quarterAgo] = extractClaims(
      'Revenue reached $57 billion in the quarter, a 62% increase from $35.08 billion in the same period last year, and a 22% increase from $46.74 billion in the previous quarter.',
    );
    expect([rate.period, yearAgo.period, sequential.period, quarterAgo.period]).toEqual([
      'in the quarter YoY',
      'in the quarter year-ago',
      'in the quarter QoQ',
      'in the quarter quarter-ago',
    ]);
    expect(
      extractClaims('Revenue was $50.8 billion in Q3 2025, compared with $40.3 billion a year earlier.')[0].period,
    ).toBe('Q3 2025');
  });

  it('when a period sits in another clause, then it does not apply', () => {
    const [first, second] = extractClaims('Prices fell 10x this quarter but capex is up 50%.');
    expect(first.period).toBe('this quarter');
    expect(second.period).toBeNull();
  });

  it("when a later part of the sentence opens with its own time and figure, then that time is not the first figure's", () => {
    const [reported, guided] = extractClaims(
      'Chip revenue hit $5.2 billion, and Q4 chip revenue is guided to $6.2 billion, boosting the fiscal 2026 outlook.',
    );
    expect([reported.period, guided.period]).toEqual([null, 'Q4']);
    // The time opening the phrase is not who the figure is about.
    expect(guided.subject).toBe('chip');
    // A time trailing after every figure stays everyone's; an aside in brackets is the figure's own.
    const trailing = extractClaims(
      'AWS revenue was $29.27bn, up 17%, and profit of $11.55bn, up 23%, for the first quarter.',
    );
    expect(trailing.map((c) => c.period)).toEqual(['Q1', 'Q1', 'Q1', 'Q1']);
    expect(extractClaims('Rent is ~$2.35/GPU-hour (1-year contract, March 2026), up ~40% from a low.')[0].period).toBe(
      'march 2026',
    );
  });

  it('when a flow is called quarterly, then its period is the quarter; "annual revenue" stays a rate with no period', () => {
    expect(extractClaims('The segment generated record quarterly revenue of $35.6 billion.')[0].period).toBe(
      'the quarter',
    );
    expect(extractClaims('xAI generates annual revenues of around $100 million.')[0].period).toBeNull();
  });

  it('when a growth rate is measured from a base "a year earlier", then its basis is year on year', () => {
    const [, rate, base] = extractClaims(
      'Data center sales were $41.1 billion, up 56% from $26.2 billion a year earlier.',
    );
    expect([rate.period, base.period]).toEqual(['YoY', 'year-ago']);
    const [, sequential] = extractClaims('Cloud revenue was $9 billion, up 8% from $8.3 billion last quarter.');
    expect(sequential.period).toBe('QoQ');
  });

  it('when two rates each name their basis in words, then each takes the basis written right after it', () => {
    const [yearly, sequential] = extractClaims(
      'The segment had a 56% increase from one year to the next and a 17% increase from the previous quarter.',
    );
    expect([yearly.period, sequential.period]).toEqual(['YoY', 'QoQ']);
  });

  it('when a time is "mid-2025" or "by late 2024", then it is that point of the year', () => {
    const [, launch, mid] = extractClaims('Prices fell 64%, from $8/hr at 2023 launch to $1.70/hr in mid-2025.');
    expect([launch.period, mid.period]).toEqual(['2023 earlier', 'mid 2025']);
  });

  it('when a comparison base is "last quarter", then it is the quarter before the one reported', () => {
    const [, base] = extractClaims('AWS generated revenue of $29.3 billion, up from $28.8 billion last quarter.');
    expect(base.period).toBe('the previous quarter');
  });
});

describe('hedges', () => {
  it.each([
    'The company reportedly lost $5 billion.',
    'OpenAI expects revenue of $12 billion.',
    'The model is rumored to have 1.8T parameters.',
    'Capex could reach $100 billion.',
    'The lab plans to buy 350,000 GPUs.',
    'Guidance calls for $28 billion in sales.',
    'Analysts forecast 30% growth.',
    'If only 5 labs can afford it, diversity suffers.',
  ])('when the text says "%s", then the figure is hedged', (text) => {
    expect(only(text).hedged).toBe(true);
  });

  it.each([
    'Databricks reported a 60% jump in revenue.',
    'The company has at least 3,000 employees.',
    'Revenue was over $1 billion.',
  ])('when the text says "%s", then the figure is not hedged', (text) => {
    expect(only(text).hedged).toBe(false);
  });

  it('when a hedge sits in another clause, then it does not reach the figure', () => {
    const [first, second] = extractClaims('Every lab claims inference got 10x cheaper, but capex is up 50%.');
    expect([first.hedged, second.hedged]).toEqual([true, false]);
  });

  it('when a forecast names its starting point, then the starting point is not hedged', () => {
    const [target, start] = extractClaims('Data centers could use 9% of US power by 2030, up from 4% today.');
    expect([target.hedged, start.hedged]).toEqual([true, false]);
  });
});
