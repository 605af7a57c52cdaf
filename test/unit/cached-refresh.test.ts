import { describe, expect, it } from 'vitest';
import { cached, cachedByKey } from '../../src/web/http/cached.ts';

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

describe('values kept per key', () => {
  it('when more keys are asked for than are kept, then the oldest key is dropped and computed again when asked for', async () => {
    const loads: string[] = [];
    const value = cachedByKey(async (key: string) => (loads.push(key), key.toUpperCase()), {
      ttlMs: 60_000,
      maxKeys: 2,
    });
    expect([await value('a'), await value('b'), await value('a')]).toEqual(['A', 'B', 'A']);
    expect(loads).toEqual(['a', 'b']);
    await value('c'); // drops a, the first kept
    await value('b');
    await value('a');
    expect(loads).toEqual(['a', 'b', 'c', 'a']);
  });
});
