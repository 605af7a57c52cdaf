import type { Claim } from '../../src/claims/extract/types.ts';

/** A claim as the extractor would give it: a dollar figure for 2025, with any field overridden. */
export const claimOf = (
  subject: string,
  metric: Claim['metric'],
  value: number,
  extra: Partial<Claim> = {},
): Claim => ({
  quote: `${subject} ${metric} ${value}`,
  start: 0,
  end: 10,
  metric,
  subject,
  value,
  value_high: null,
  unit: 'USD',
  per: null,
  period: '2025',
  direction: null,
  hedged: false,
  ...extra,
});
