import { describe, expect, it } from 'vitest';
import { cached } from '../../src/web/http/cached.ts';

describe('a kept value refreshed ahead', () => {
  it('when read past refreshAfterMs but within ttlMs, then the kept value answers at once and one recomputation runs behind it', async () => {
    let clock = 0;
    let loads = 0;
    const value = cached(async () => ++loads, { ttlMs: 1000, refreshAfterMs: 500, now: () => clock });
    expect(await value()).toBe(1);
    clock = 600;
    expect(await Promise.all([value(), value()])).toEqual([1, 1]);
    await Promise.resolve();
    expect(loads).toBe(2);
    expect(await value()).toBe(2); // kept from clock 600 on
    clock = 1700;
    expect(await value()).toBe(3); // past ttlMs: the reader waits for a fresh value
  });

  it('when the computation behind the kept value fails, then the kept value still answers and the next reader past ttlMs sees the failure', async () => {
    let clock = 0;
    let fail = false;
    const value = cached(
      async () => {
        if (fail) throw new Error('database gone');
        return 'ok';
      },
      { ttlMs: 1000, refreshAfterMs: 500, now: () => clock },
    );
    expect(await value()).toBe('ok');
    fail = true;
    clock = 600;
    expect(await value()).toBe('ok');
    clock = 1000;
    await expect(value()).rejects.toThrow('database gone');
  });
});
