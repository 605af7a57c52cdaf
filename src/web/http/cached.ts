/**
 * A value that is expensive to compute (a count over a whole table) kept for `ttlMs`: readers in
 * that window get the kept value, and readers who arrive while it is being recomputed wait for that
 * one computation instead of starting their own. A failed computation is not kept. ttlMs 0 computes
 * on every call.
 */
export function cached<T>(load: () => Promise<T>, opts: { ttlMs: number; now?: () => number }): () => Promise<T> {
  const now = opts.now ?? Date.now;
  let kept: { value: T; at: number } | null = null;
  let pending: Promise<T> | null = null;
  return () => {
    if (kept && now() - kept.at < opts.ttlMs) return Promise.resolve(kept.value);
    if (pending) return pending;
    const started = now();
    pending = load()
      .then((value) => {
        kept = { value, at: started };
        return value;
      })
      .finally(() => (pending = null));
    return pending;
  };
}
