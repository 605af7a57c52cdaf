/**
 * Token-bucket maths for the buckets kept in the database (rate-buckets.ts), pure so it is tested
 * without one. A bucket holds `capacity` tokens and refills
 * at `capacity` per `windowMs`: bursts up to capacity pass and the sustained rate is capacity/window,
 * without a fixed window's edge doubling. Times are milliseconds from the caller's clock.
 */
export type Bucket = { tokens: number; at: number };

export type RateLimitResult = { ok: boolean; remaining: number; retryAfterSeconds: number };

/** The bucket as of `t`; a bucket never seen (or pruned) is full. */
export function refill(bucket: Bucket | undefined, capacity: number, windowMs: number, t: number): Bucket {
  if (!bucket) return { tokens: capacity, at: t };
  // Another process's clock may run behind the one that last charged: time never runs backwards here.
  const at = Math.max(bucket.at, t);
  return { tokens: Math.min(capacity, bucket.tokens + ((at - bucket.at) * capacity) / windowMs), at };
}

/** The answer for a bucket holding `tokens`; when refused, the wait until one token is back. */
export function verdict(tokens: number, capacity: number, windowMs: number, ok: boolean): RateLimitResult {
  const perMs = capacity / windowMs;
  const retryAfterSeconds = ok ? 0 : Math.max(1, Math.ceil((1 - tokens) / perMs / 1000));
  return { ok, remaining: Math.floor(tokens), retryAfterSeconds };
}

export type Charge = { bucket: Bucket | undefined; capacity: number };

/**
 * Charges one token to every bucket or to none: when any is empty nothing is spent and the wait is
 * the longest of the refused ones. `after` holds every bucket as of `t` (charged only when ok).
 */
export function chargeAll(
  charges: Charge[],
  windowMs: number,
  t: number,
): { ok: boolean; retryAfterSeconds: number; after: Bucket[] } {
  const now = charges.map((c) => refill(c.bucket, c.capacity, windowMs, t));
  const refused = now
    .map((b, i) => verdict(b.tokens, charges[i].capacity, windowMs, b.tokens >= 1))
    .filter((r) => !r.ok);
  if (refused.length > 0)
    return { ok: false, retryAfterSeconds: Math.max(...refused.map((r) => r.retryAfterSeconds)), after: now };
  return { ok: true, retryAfterSeconds: 0, after: now.map((b) => ({ tokens: b.tokens - 1, at: b.at })) };
}
