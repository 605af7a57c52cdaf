/**
 * Unit vectors of one embedder in one contiguous Float32Array (ids in an Int32Array), for exact
 * nearest-neighbour search in memory: a scan of 100k 384-d vectors takes tens of milliseconds,
 * where reading them from the database takes seconds (bench:stories).
 *
 * Slots are kept in arrival order, so the front holds the oldest: past `cap` vectors the front is
 * dropped. Replacing or removing a vector marks its slot dead (id -1); dead slots are squeezed out
 * when the arrays fill up.
 */
export type Neighbour = { id: number; similarity: number };

const DEAD = -1;
const MIN_CAPACITY = 1024;

export class VectorSet {
  private ids: Int32Array;
  private stamps: Float64Array;
  private data: Float32Array;
  private start = 0;
  private end = 0;
  private live = 0;
  private readonly slotOf = new Map<number, number>();

  constructor(
    readonly dims: number,
    readonly cap: number,
  ) {
    if (!Number.isInteger(dims) || dims < 1) throw new Error(`vector size must be a positive integer, not ${dims}`);
    if (!Number.isInteger(cap) || cap < 1) throw new Error(`vector cap must be a positive integer, not ${cap}`);
    const capacity = Math.min(MIN_CAPACITY, cap + 1);
    this.ids = new Int32Array(capacity);
    this.stamps = new Float64Array(capacity);
    this.data = new Float32Array(capacity * dims);
  }

  get size(): number {
    return this.live;
  }

  has(id: number): boolean {
    return this.slotOf.has(id);
  }

  /** When the stored vector of `id` was written (the caller's clock, e.g. created_at in µs). */
  stampOf(id: number): number | undefined {
    const slot = this.slotOf.get(id);
    return slot === undefined ? undefined : this.stamps[slot];
  }

  /** Stores (or replaces) a vector as the newest; the oldest go once there are more than `cap`. */
  put(id: number, vector: ArrayLike<number>, stamp: number): void {
    if (vector.length !== this.dims) throw new Error(`vector ${id} has ${vector.length} dimensions, not ${this.dims}`);
    this.remove(id);
    if (this.end === this.ids.length) this.repack();
    const slot = this.end++;
    this.ids[slot] = id;
    this.stamps[slot] = stamp;
    this.data.set(vector, slot * this.dims);
    this.slotOf.set(id, slot);
    this.live += 1;
    while (this.live > this.cap) this.dropOldest();
  }

  remove(id: number): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    this.ids[slot] = DEAD;
    this.slotOf.delete(id);
    this.live -= 1;
  }

  /**
   * The `k` most similar vectors (dot product: cosine for unit vectors), best first, at or above
   * `minSimilarity`. A bounded min-heap keeps the best k, so nothing is sorted but the answer.
   */
  nearest(query: ArrayLike<number>, k: number, opts: { minSimilarity?: number; exclude?: number } = {}): Neighbour[] {
    if (query.length !== this.dims || k < 1) return [];
    const q = Float64Array.from(query);
    const min = opts.minSimilarity ?? -Infinity;
    const exclude = opts.exclude ?? DEAD;
    const heap = new TopK(k);
    const { ids, data, dims } = this;
    for (let slot = this.start; slot < this.end; slot++) {
      const id = ids[slot];
      if (id === DEAD || id === exclude) continue;
      let s = 0;
      for (let d = 0, o = slot * dims; d < dims; d++, o++) s += data[o] * q[d];
      if (s >= min) heap.offer(id, s);
    }
    return heap.best();
  }

  private dropOldest(): void {
    while (this.start < this.end && this.ids[this.start] === DEAD) this.start++;
    if (this.start === this.end) return;
    this.slotOf.delete(this.ids[this.start]);
    this.ids[this.start++] = DEAD;
    this.live -= 1;
  }

  /** Moves the live slots, in order, to the front of arrays sized for half as many again. */
  private repack(): void {
    const capacity = Math.max(Math.min(MIN_CAPACITY, this.cap + 1), Math.ceil(this.live * 1.5) + 1);
    const ids = new Int32Array(capacity);
    const stamps = new Float64Array(capacity);
    const data = new Float32Array(capacity * this.dims);
    let next = 0;
    for (let slot = this.start; slot < this.end; slot++) {
      const id = this.ids[slot];
      if (id === DEAD) continue;
      ids[next] = id;
      stamps[next] = this.stamps[slot];
      data.set(this.data.subarray(slot * this.dims, (slot + 1) * this.dims), next * this.dims);
      this.slotOf.set(id, next++);
    }
    this.ids = ids;
    this.stamps = stamps;
    this.data = data;
    this.start = 0;
    this.end = next;
  }
}

/** A min-heap of the k best (id, score) pairs seen so far. */
class TopK {
  private readonly scores: Float64Array;
  private readonly ids: Int32Array;
  private n = 0;

  constructor(private readonly k: number) {
    this.scores = new Float64Array(k);
    this.ids = new Int32Array(k);
  }

  offer(id: number, score: number): void {
    if (this.n < this.k) {
      let i = this.n++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (this.scores[parent] <= score) break;
        this.set(i, this.ids[parent], this.scores[parent]);
        i = parent;
      }
      this.set(i, id, score);
    } else if (score > this.scores[0]) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= this.n) break;
        const c = l + 1 < this.n && this.scores[l + 1] < this.scores[l] ? l + 1 : l;
        if (this.scores[c] >= score) break;
        this.set(i, this.ids[c], this.scores[c]);
        i = c;
      }
      this.set(i, id, score);
    }
  }

  best(): Neighbour[] {
    const out: Neighbour[] = [];
    for (let i = 0; i < this.n; i++) out.push({ id: this.ids[i], similarity: this.scores[i] });
    return out.sort((a, b) => b.similarity - a.similarity || a.id - b.id);
  }

  private set(i: number, id: number, score: number): void {
    this.ids[i] = id;
    this.scores[i] = score;
  }
}
