import { sql, type SQL } from 'drizzle-orm';
import type { Db } from './client.ts';

/** Runs raw SQL and returns its rows whichever driver is underneath (PGlite wraps them, postgres.js does not). */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/**
 * Runs fn in a transaction. Given a transaction, drizzle opens a savepoint inside it: fn's work
 * commits or rolls back with the outer transaction, and a failure in fn rolls back only fn's work.
 */
export function inTransaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction((tx) => fn(tx as unknown as Db));
}

/** An int[] parameter (one bound value however many ids, for `= ANY(…)`). */
export const intArray = (ids: number[]): SQL => sql`${`{${ids.join(',')}}`}::int[]`;
