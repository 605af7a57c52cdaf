import { describe, expect, it } from 'vitest';
import { extractClaims } from '../../src/claims/extract/extract.ts';

/** The single claim of a sentence, failing loudly when there is not exactly one. */
function only(text: string) {
  const claims = extractClaims(text);
  expect(claims, JSON.stringify(claims.map((c) => c.quote))).toHaveLength(1);
  return claims[0];
}

describe('scale words and currencies', () => {
  it.each([
    ['The startup raised $450 million from Andreessen Horowitz.', 450e6],
    ['Its revenue reached $1.2T over the decade, analysts said.', 1.2e12],
    ['Sales came in at $3.4bn in the quarter.', 3.4e9],
    ['The deal is worth $2.5B to the chipmaker.', 2.5e9],
    ['The seed round totalled $800K.', 800e3],
    ['SoftBank committed $40 billion dollars to the venture.', 40e9],
    ['The consortium wants to spend half a trillion dollars on data centers.', 5e11],
    ['Analysts expect a billion dollars in bookings.', 1e9],
    ['The API charges 50 cents per million tokens.', 0.5],
  ])('when the text says "%s", then the value is %d USD', (text, value) => {
    const claim = only(text);
    expect(claim.unit).toBe('USD');
    expect(claim.value).toBeCloseTo(value, 6);
  });

  it('when money is in euros, then the unit is other and the metric other', () => {
    const claim = only('The French lab raised €600 million in its latest round.');
    expect(claim).toMatchObject({ value: 600e6, unit: 'other', metric: 'other' });
  });

  it('when a scale word is only an adjective with no number, then there is no claim', () => {
    expect(
      extractClaims('Big Tech keeps pouring money into trillion-dollar bets and multi-billion dollar deals.'),
    ).toEqual([]);
    expect(extractClaims('Hundreds of billions of dollars are going into data centers.')).toEqual([]);
  });
});

describe('percentages', () => {
  it('when a share is written with "percent", then it is a percent of its whole', () => {
    const claim = only('About 60 percent of the cost of a new data center goes to the chips.');
    expect(claim).toMatchObject({ value: 60, unit: 'percent', per: 'cost of a new data center', hedged: true });
  });

  it('when a change is given in percentage points or basis points, then the unit is percent', () => {
    expect(only('Operating margin fell 4 percentage points.').value).toBe(4);
    expect(only('The lender raised its rate by 25 basis points.').value).toBeCloseTo(0.25);
  });
});

describe('scientific notation', () => {
  it.each([
    ['The run used 2.1e25 FLOPs of compute.', 2.1e25],
    ['Training took about 3.2×10^23 FLOP on older hardware.', 3.2e23],
    ['Models trained above 10^26 FLOPs must be reported.', 1e26],
    ['Its largest run reached 5 x 10^24 FLOPs.', 5e24],
    ['The threshold is 10²⁵ FLOP under the act.', 1e25],
  ])('when the text says "%s", then the value is %d FLOP', (text, value) => {
    const claim = only(text);
    expect(claim).toMatchObject({ unit: 'FLOP', metric: 'training_compute' });
    expect(claim.value).toBeCloseTo(value, -Math.log10(value) + 6);
  });

  it('when scraping dropped the caret ("1025 FLOP"), then the intended power of ten is read', () => {
    expect(only('The EU sets the systemic-risk line at 1025 FLOP of training compute.').value).toBe(1e25);
    expect(only('GPT-4 was trained with roughly 2.1×1025 FLOP.').value).toBeCloseTo(2.1e25, -19);
  });
});

describe('ranges', () => {
  it('when both ends carry a currency, then value and value_high hold the ends', () => {
    expect(only('Enterprise seats cost $15.00 - $50.00 a month.')).toMatchObject({
      value: 15,
      value_high: 50,
      per: 'month',
    });
  });

  it('when the scale word is only on the upper end, then it applies to both ends', () => {
    expect(only('The training run cost $5.6 to $6 million in rented compute.')).toMatchObject({
      value: 5.6e6,
      value_high: 6e6,
    });
  });

  it('when "between … and …" leaves the scale off the upper end, then the lower end lends it', () => {
    expect(only('The startup is raising between $41 million and $78 from new backers.')).toMatchObject({
      value: 41e6,
      value_high: 78e6,
    });
  });

  it('when a percent range is written "80-90%", then both ends are percent', () => {
    expect(only('Small models deliver 80-90% of the quality.')).toMatchObject({
      value: 80,
      value_high: 90,
      unit: 'percent',
    });
  });

  it('when "from X to Y" describes a move, then they are two figures, not a range', () => {
    const claims = extractClaims('Revenue grew from $2 billion to $3.5 billion.');
    expect(claims.map((c) => [c.value, c.value_high])).toEqual([
      [2e9, null],
      [3.5e9, null],
    ]);
  });

  it('when a count range is spelled out, then it is a count range', () => {
    expect(only('Only three to five labs can afford such runs.')).toMatchObject({
      value: 3,
      value_high: 5,
      unit: 'count',
    });
  });
});

describe('approximations', () => {
  it.each([
    '~$40 million in compute',
    'roughly $40 million in compute',
    'about $40 million in compute',
    'an est. $40 million in compute',
    'nearly $40 million in compute',
  ])('when the figure reads "%s", then it is hedged', (phrase) => {
    expect(only(`The model needed ${phrase}.`).hedged).toBe(true);
  });

  it('when a plain bound such as "more than" is used, then it is not hedged', () => {
    expect(only('The model needed more than $40 million in compute.').hedged).toBe(false);
  });
});

describe('units read from real text', () => {
  it.each([
    ['Revenue was $5.3 B last quarter.', '$5.3 B', 5.3e9, 'USD'],
    ['The H200 has 141GB of memory.', '141GB', 141e9, 'other'],
    ['It moves 4.8 TB/s of bandwidth.', '4.8 TB/s', 4.8e12, 'other'],
    ['It runs at ~72 tok/s on a laptop.', '~72 tok/s', 72, 'tokens'],
    ['The chip delivers 480 TFLOPS.', '480 TFLOPS', 480e12, 'FLOP'],
    ['Data centers used 4 billion liters of water.', '4 billion liters', 4e9, 'other'],
    ['They bought more than 100K H100s.', '100K H100s', 100e3, 'GPUs'],
    ['It raised $1.5 trillions.', '$1.5 trillions', 1.5e12, 'USD'],
    ['Capex is close to $0.8t now.', '$0.8t', 0.8e12, 'USD'],
    ['They released a 111B MoE model.', '111B MoE model', 111e9, 'params'],
    ['Mistral raised $3,2 billion.', '$3,2 billion', 3.2e9, 'USD'],
    ['It has 1,200 GPUs.', '1,200 GPUs', 1200, 'GPUs'],
  ])('when the text says "%s", then %s is %d %s', (text, quote, value, unit) => {
    const [claim] = extractClaims(text);
    expect([claim.quote, claim.value, claim.unit]).toEqual([quote, value, unit]);
  });
});
