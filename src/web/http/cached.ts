/**
 * A value that is expensive to compute (a count over a whole table, a ranked list) kept for `ttlMs`:
 * readers in that window get the kept value, and readers who arrive while it is being recomputed wait
 * for that one computation instead of starting their own. With `refreshAfterMs` (below `ttlMs`), a
 * reader past that age still gets the kept value at once and starts the recomputation in the
 * background, so under steady traffic nobody waits and the value is never older than `ttlMs`. A
 * failed computation is not kept. ttlMs 0 computes on every call.
 */
export function cached<T>(
  load: () => Promise<T>,
  opts: { ttlMs: number; refreshAfterMs?: number; now?: () => number },
): () => Promise<T> {
  const now = opts.now ?? Date.now;
  const refreshAfterMs = opts.refreshAfterMs ?? opts.ttlMs;
  let kept: { value: T; at: number } | null = null;
  let pending: Promise<T> | null = null;
  const start = () => {
    const started = now();
    pending = load()
      .then((value) => {
        kept = { value, at: started };
        return value;
      })
      .finally(() => (pending = null));
    return pending;
  };
  return () => {
    const age = kept ? now() - kept.at : Infinity;
    if (kept && age < refreshAfterMs) return Promise.resolve(kept.value);
    if (kept && age < opts.ttlMs) {
      // The kept value is still good: refresh behind it. A failure here surfaces to the reader who waits later.
      if (!pending) start().catch(() => {});
      return Promise.resolve(kept.value);
    }
    return pending ?? start();
  };
}

/**
 * cached() per key (a page's query, a figure's id): each key's value kept and refreshed as above.
 * At most `maxKeys` are kept; past that the oldest key is dropped, so rare keys cannot fill memory.
 */
export function cachedByKey<K, T>(
  load: (key: K) => Promise<T>,
  opts: { ttlMs: number; refreshAfterMs?: number; maxKeys: number; now?: () => number },
): (key: K) => Promise<T> {
  const kept = new Map<K, () => Promise<T>>();
  return (key) => {
    let value = kept.get(key);
    if (!value) {
      if (kept.size >= opts.maxKeys) kept.delete(kept.keys().next().value!);
      value = cached(() => load(key), opts);
      kept.set(key, value);
    }
    return value();
  };
}
