import { describe, expect, it } from 'vitest';
import { checkConsistency } from '../../src/claims/consistency.ts';

type C = Parameters<typeof checkConsistency>[0][number];
const c = (o: Partial<C>): C => ({
  quote: 'q',
  metric: 'capex',
  subject: 'Meta',
  value: 0,
  value_high: null,
  unit: 'USD',
  per: null,
  period: null,
  direction: null,
  ...o,
});

describe('consistency notes', () => {
  it('when stated levels imply another growth rate, then the note writes the levels as the chips do ("$28B → $40B")', () => {
    const [note] = checkConsistency([
      c({ unit: 'percent', value: 80, direction: 'up', period: '2025' }),
      c({ value: 40e9, period: '2025' }),
      c({ value: 28e9, period: '2024' }),
    ]);
    expect(note.message).toBe('States up 80% but the levels it gives ($28B → $40B) imply 42.9%.');
  });

  it('when training compute is far from 6 × parameters × tokens, then the note names each with its unit, not "7.0e10"', () => {
    const [note] = checkConsistency([
      c({ subject: 'Llama', metric: 'training_compute', unit: 'FLOP', value: 2.1e25 }),
      c({ subject: 'Llama', metric: 'parameters', unit: 'params', value: 70e9 }),
      c({ subject: 'Llama', metric: 'other', unit: 'tokens', value: 1.5e12 }),
    ]);
    expect(note.message).toBe(
      'Llama: 2.1e25 FLOP stated, but 6 × 70B params × 1.5T tokens ≈ 6.3e23 FLOP (off by 33.3×).',
    );
  });
});
