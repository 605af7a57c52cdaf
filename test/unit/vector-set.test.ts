import { describe, expect, it } from 'vitest';
import { VectorSet } from '../../src/stories/vector-set.ts';
import { dot, normalize } from '../../src/stories/vectors.ts';

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0) / 2 ** 32;
}

describe('VectorSet', () => {
  const random = seeded(3);
  const unit = (dims: number) => normalize(Array.from({ length: dims }, () => random() - 0.5));

  it('when thousands of vectors are put, replaced and removed past the cap, then it keeps the newest cap and ranks them like a full sort', () => {
    const set = new VectorSet(8, 1500);
    const reference = new Map<number, { vector: number[]; order: number }>();
    let order = 0;
    for (let step = 0; step < 6000; step++) {
      const id = 1 + Math.floor(random() * 4000);
      if (random() < 0.1) {
        set.remove(id);
        reference.delete(id);
      } else {
        const vector = unit(8);
        set.put(id, Float32Array.from(vector), step);
        reference.set(id, { vector: Array.from(Float32Array.from(vector)), order: order++ });
      }
      // The reference drops its oldest writes past the cap, as the set should.
      while (reference.size > 1500) {
        const oldest = [...reference].reduce((a, b) => (b[1].order < a[1].order ? b : a))[0];
        reference.delete(oldest);
      }
    }
    expect(set.size).toBe(reference.size);
    expect([...reference.keys()].every((id) => set.has(id))).toBe(true);
    for (let probe = 0; probe < 20; probe++) {
      const query = unit(8);
      const expected = [...reference]
        .map(([id, r]) => ({ id, similarity: dot(r.vector, query) }))
        .sort((a, b) => b.similarity - a.similarity)
        .slice(0, 7);
      expect(set.nearest(query, 7)).toEqual(expected);
    }
  });

  it('when a floor or an excluded id is given, then nothing below the floor and not the excluded one comes back', () => {
    const set = new VectorSet(2, 10);
    set.put(1, [1, 0], 1);
    set.put(2, [0.8, 0.6], 2);
    set.put(3, [0, 1], 3);
    set.put(4, [-1, 0], 4);
    expect(set.nearest([1, 0], 10, { minSimilarity: 0 }).map((n) => n.id)).toEqual([1, 2, 3]);
    expect(set.nearest([1, 0], 2, { exclude: 1 })).toEqual([
      { id: 2, similarity: expect.closeTo(0.8, 6) },
      { id: 3, similarity: 0 },
    ]);
    expect(set.nearest([1, 0, 0], 2)).toEqual([]);
    expect(set.stampOf(3)).toBe(3);
    expect(() => set.put(5, [1, 0, 0], 5)).toThrow(/dimensions/);
  });
});
