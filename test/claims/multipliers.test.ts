import { describe, expect, it } from 'vitest';
import { extractClaims } from '../../src/claims/extract/extract.ts';

function only(text: string) {
  const claims = extractClaims(text);
  expect(claims, JSON.stringify(claims.map((c) => c.quote))).toHaveLength(1);
  return claims[0];
}

describe('multipliers', () => {
  it('when a price got "10x cheaper", then the factor is 10, down, a price change (the measure by the rules; the learned stage decides from data)', () => {
    expect(only('Serving the model got 10x cheaper after the new kernels shipped.')).toMatchObject({
      value: 10,
      unit: 'ratio',
      direction: 'down',
    });
    expect(
      extractClaims('Serving the model got 10x cheaper after the new kernels shipped.', { rulesOnly: true })[0].metric,
    ).toBe('price_change');
  });

  it.each([
    ['Quarterly revenue doubled at the cloud unit.', 2, 'up'],
    ['Its capex tripled as it raced to build data centers.', 3, 'up'],
    ['Training compute quadrupled each year.', 4, 'up'],
    ['The lab halved its API prices.', 2, 'down'],
  ])('when the text says "%s", then the factor is %d with direction %s', (text, value, direction) => {
    expect(only(text)).toMatchObject({ value, unit: 'ratio', direction });
  });

  it('when a fold change is written with digits or words, then the factor is read', () => {
    expect(only('Token prices fell 1,000-fold in three years.')).toMatchObject({ value: 1000, direction: 'down' });
    expect(only('Usage grew tenfold after the launch.')).toMatchObject({ value: 10, direction: 'up' });
  });

  it('when a static fraction is written "one-tenth", then it is stored as written, 0.1', () => {
    expect(only('The distilled model runs at one-tenth of the price.')).toMatchObject({
      value: 0.1,
      unit: 'ratio',
      direction: null,
    });
  });

  it('when the comparison is static ("higher than"), then there is no direction', () => {
    expect(only('Video inference is 1-2 orders of magnitude more expensive than text.')).toMatchObject({
      value: 10,
      value_high: 100,
      direction: null,
    });
  });

  it('when "doubling down" is an idiom, then it is not a figure', () => {
    expect(extractClaims('The labs are doubling down on reasoning models.')).toEqual([]);
  });

  it('when "nearly doubled" describes revenue, then it is revenue growth and hedged', () => {
    expect(only('Revenue nearly doubled in the first half.')).toMatchObject({
      value: 2,
      metric: 'revenue_growth',
      hedged: true,
    });
  });
});

describe('rates', () => {
  it('when a token price is per million output tokens, then per is normalised to "1M output tokens"', () => {
    expect(only('The new tier costs $15 per million output tokens.')).toMatchObject({
      value: 15,
      per: '1M output tokens',
      metric: 'cost_per_token',
    });
  });

  it('when a rental rate is per GPU-hour, then per is "GPU-hour" and the metric other', () => {
    expect(only('Spot H100s now rent for $2.10 per GPU-hour.')).toMatchObject({
      value: 2.1,
      per: 'GPU-hour',
      metric: 'other',
    });
  });

  it('when revenue is given "a year", then per is "year"', () => {
    expect(only('The company now makes $4 billion a year from subscriptions.').per).toBe('year');
  });

  it('when "a year ago" follows a figure, then it is a time, not a rate', () => {
    expect(extractClaims('Rent dropped to $2 per hour from $8 a year ago.').map((c) => c.per)).toEqual(['hour', null]);
  });

  it('when a share is written as "half" ("nearly half of its revenue"), then it is 0.5, hedged only by its own words; "the first half of 2024" is a period', () => {
    expect(
      extractClaims('Nvidia gets nearly half of its revenue from four customers.').map((c) => [
        c.quote,
        c.value,
        c.unit,
      ]),
    ).toEqual([['nearly half', 0.5, 'ratio']]);
    expect(extractClaims('Sales were $2 billion in the first half of 2024.').map((c) => c.quote)).toEqual([
      '$2 billion',
    ]);
  });

  it('when a move is written as a gerund ("shares tumbling 12%"), then it has a direction', () => {
    expect(extractClaims('Shares tumbling 12% erased the gains.')[0].direction).toBe('down');
    expect(extractClaims('Revenue advancing 8% surprised analysts.')[0].direction).toBe('up');
  });
});
