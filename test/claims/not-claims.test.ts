import { describe, expect, it } from 'vitest';
import { extractClaims } from '../../src/claims/extract/extract.ts';

const quotes = (text: string) => extractClaims(text).map((c) => c.quote);

describe('what is not a claim', () => {
  it.each([
    ['model names', 'OpenAI released GPT-4 and GPT-4o while Meta shipped Llama 3 70B and Mistral Mixtral 8x22B.'],
    ['chips', 'Nvidia sells the H100, the H200 and the Blackwell B200 alongside the GB200 NVL72.'],
    ['names with numbers', 'A survey of Fortune 500 CIOs and Microsoft 365 admins was published.'],
    ['versions', 'The firm pitched Vertical SaaS 2.0 and version 3 of its agent.'],
    ['years and year ranges', 'In 2021-2022, funding chased pedigree; by 2025 it chased revenue.'],
    ['dates', 'The model launched on January 15 and was updated on 3 March, then on 2024-06-01.'],
    ['clock times', 'The keynote starts at 10:30 a.m. and ends at 4 pm.'],
    ['ranks and ordinals', 'It is the No. 1 chatbot, the #2 app and ranked 3 in the 2nd half.'],
    ['list enumerators', '2. Tier 2 (The Financially Backed): well-funded independents.'],
    ['identifiers', 'See `state-spaces/mamba` at https://github.com/x/y/123 or call 1-800-555-0199.'],
    ['addresses', 'The lab moved to 1600 Amphitheatre Parkway last year.'],
    ['time references', 'In the next five to 10 years, and within 18 months, the market will change.'],
    [
      'anonymous sources',
      'The deal is close, according to three people familiar with the matter and 2 people familiar with it.',
    ],
    ['statistical parameters', 'The fit had p < 0.05 and R² = 0.93.'],
    ['definitional constants', 'To annualise monthly revenue, multiply by 12.'],
    ['vague amounts', 'The buildout needs multiple gigawatts and double-digit growth.'],
    ['specs glued to letters', 'It renders 1080p video at 30fps on a 4K screen with 5G.'],
    ['process nodes', "TSMC's 3-nm and 2nm lines are full."],
    ['ages', 'Jensen Huang, 61, spoke first.'],
  ])('when the text has %s, then no claim is extracted', (_what, text) => {
    expect(quotes(text)).toEqual([]);
  });

  it('when a sentence invents a hypothetical, then neither it nor the next sentence yields claims', () => {
    const text =
      'Consider a one-minute video at 30 frames per second. A model must generate 1800 frames. Nvidia sold 500,000 GPUs.';
    expect(quotes(text)).toEqual(['500,000 GPUs']);
  });

  it('when a duration is a measured quantity rather than a time reference, then it is an other figure', () => {
    expect(extractClaims('The training run took 54 days on the cluster.')).toMatchObject([
      { value: 54, unit: 'other', metric: 'other' },
    ]);
  });

  it('when a rate has a number in its denominator, then that number is not a claim of its own', () => {
    expect(quotes('The old API cost $0.002 per 1K tokens.')).toEqual(['$0.002']);
  });

  it('when a move is followed by a price ("rose 4.5% to $140"), then they are two figures, not a range', () => {
    expect(extractClaims('The stock rose 4.5% to $140.15.').map((c) => [c.unit, c.value, c.value_high])).toEqual([
      ['percent', 4.5, null],
      ['USD', 140.15, null],
    ]);
  });

  it('when a figure follows a model name in a possessive, then it is a claim', () => {
    expect(extractClaims("GPT-3's 175B parameters were a record.")).toMatchObject([{ value: 175e9, unit: 'params' }]);
  });

  it('when a phone number or a product number ("my 3090 rig") is written, then it is no figure; a price per million tokens written "/1M" is one', () => {
    expect(extractClaims('Call (415) 555-0100 for details.', { kind: 'comment' })).toEqual([]);
    expect(extractClaims('I run it on my 3090 rig.', { kind: 'comment' })).toEqual([]);
    expect(extractClaims('Flash is $0.05/1M.').map((c) => [c.value, c.unit, c.per])).toEqual([
      [0.05, 'USD', '1M tokens'],
    ]);
    expect(extractClaims('GPT-5 is $3 / MTok for input.').map((c) => [c.value, c.per])).toEqual([[3, '1M tokens']]);
  });

  it('when a sentence sets up a worked example ("If you have $1 cash…", "Assume there is…"), then its figures are not claims', () => {
    expect(
      extractClaims('If you have $1 cash on hand and a burn rate of $2 a year, then you have six months of runway.', {
        kind: 'comment',
      }),
    ).toEqual([]);
    expect(
      extractClaims('Assume there is hardware that performs twice as fast at the same energy.', { kind: 'comment' }),
    ).toEqual([]);
    expect(extractClaims('If Nvidia sells 2 million GPUs, revenue rises.', { kind: 'comment' }).length).toBeGreaterThan(
      0,
    );
  });
});
