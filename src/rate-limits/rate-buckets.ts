/**
 * Token buckets kept in the database, so that every process serving one database grants one shared
 * allowance (per-process buckets would multiply each limit by the number of processes). The maths is
 * token-bucket.ts; this file only loads, locks and stores buckets. Times come from the caller's clock,
 * never SQL now(), so tests can drive them.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { inTransaction, queryRows } from '../db/sql.ts';
import { chargeAll } from './token-bucket.ts';

/** One key to charge and its capacity (tiered: a new account's is lower). */
export type KeyCharge = { key: string; max: number };
export type ChargeResult = { ok: boolean; retryAfterSeconds: number };

const at = (ms: number) => sql`to_timestamp(${ms}::float8 / 1000)`;

/**
 * Charges one token to every key or to none, atomically across processes: when any key is out of
 * tokens nothing is spent and the answer carries the longest wait.
 */
export async function charge(
  db: Db,
  keys: KeyCharge[],
  opts: { windowMs: number; now: number },
): Promise<ChargeResult> {
  // Rows are locked in one fixed (JS string) order, so two charges sharing keys cannot deadlock.
  const byKey = new Map<string, number>();
  for (const k of keys) byKey.set(k.key, Math.min(k.max, byKey.get(k.key) ?? Infinity));
  const sorted = [...byKey].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (sorted.length === 0) return { ok: true, retryAfterSeconds: 0 };
  const t = opts.now;
  return inTransaction(db, async (tx) => {
    // Creates missing buckets full and locks every row in VALUES order; the no-op update is what takes
    // the lock, and unlike a separate SELECT … FOR UPDATE it cannot miss a row a prune just deleted.
    const rows = await queryRows<{ key: string; tokens: number; at_ms: number }>(
      tx,
      sql`
      INSERT INTO rate_buckets (key, tokens, updated_at)
      VALUES ${sql.join(
        sorted.map(([key, max]) => sql`(${key}::text, ${max}::float8, ${at(t)})`),
        sql`, `,
      )}
      ON CONFLICT (key) DO UPDATE SET tokens = rate_buckets.tokens
      RETURNING key, tokens, round(extract(epoch from updated_at) * 1000)::float8 AS at_ms`,
    );
    const found = new Map(rows.map((r) => [r.key, { tokens: Number(r.tokens), at: Number(r.at_ms) }]));
    const result = chargeAll(
      sorted.map(([key, max]) => ({ bucket: found.get(key), capacity: max })),
      opts.windowMs,
      t,
    );
    if (!result.ok) return { ok: false, retryAfterSeconds: result.retryAfterSeconds };
    const values = result.after.map((b, i) => sql`(${sorted[i][0]}::text, ${b.tokens}::float8, ${b.at}::float8)`);
    await tx.execute(sql`
      UPDATE rate_buckets SET tokens = v.tokens, updated_at = to_timestamp(v.at_ms / 1000)
      FROM (VALUES ${sql.join(values, sql`, `)}) AS v(key, tokens, at_ms)
      WHERE rate_buckets.key = v.key`);
    return { ok: true, retryAfterSeconds: 0 };
  });
}

/**
 * Deletes the buckets under `prefix` untouched for a whole window. Whatever their capacity they have
 * refilled by then, and a missing row is a full bucket, so this forgets nothing; it keeps a flood of
 * distinct addresses from growing the table beyond one window's worth of keys.
 */
export async function prune(db: Db, opts: { prefix: string; windowMs: number; now: number }): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`
    WITH gone AS (
      DELETE FROM rate_buckets WHERE starts_with(key, ${opts.prefix}) AND updated_at <= ${at(opts.now - opts.windowMs)}
      RETURNING 1)
    SELECT count(*)::int AS n FROM gone`,
  );
  return Number(row.n);
}

export type SharedLimiter = { charge(keys: KeyCharge[]): Promise<ChargeResult> };

/** Buckets named `<name>:<key>`, pruned from this process at most once per window. */
export function sharedLimiter(db: Db, opts: { name: string; windowMs: number; now?: () => number }): SharedLimiter {
  const { name, windowMs, now = Date.now } = opts;
  let lastPrune = now();
  return {
    async charge(keys) {
      const t = now();
      const result = await charge(
        db,
        keys.map((k) => ({ key: `${name}:${k.key}`, max: k.max })),
        { windowMs, now: t },
      );
      if (t - lastPrune >= windowMs) {
        lastPrune = t;
        await prune(db, { prefix: `${name}:`, windowMs, now: t });
      }
      return result;
    },
  };
}
