/** Small vector helpers for unit vectors stored as real[] (cosine = dot product when normalised). */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) s += a[i] * b[i];
  return s;
}

export function normalize(v: ArrayLike<number>): number[] {
  const norm = Math.sqrt(dot(v, v)) || 1;
  return Array.from(v, (x) => x / norm);
}

/** The unit mean of `count` unit vectors summarised by `centroid`, plus one more. */
export function addToCentroid(centroid: ArrayLike<number>, count: number, v: ArrayLike<number>): number[] {
  return normalize(Array.from(centroid, (x, i) => x * count + v[i]));
}
