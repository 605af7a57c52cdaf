import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { openDatabase, type Database, type Db, type OpenOptions } from '../../src/db/client.ts';
import { queryRows } from '../../src/db/sql.ts';

/**
 * Every database test runs against PGlite, and also against a real PostgreSQL server when
 * TEST_DATABASE_URL is set (CI does). Each call makes a fresh, migrated, empty database.
 */
export type Driver = 'pglite' | 'postgres';
export const drivers: Driver[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export type TestDatabase = Database & { url?: string };

export async function openTestDatabase(
  driver: Driver,
  options: Pick<OpenOptions, 'logQuery'> = {},
): Promise<TestDatabase> {
  if (driver === 'pglite') {
    const database = await openDatabase({ inMemory: true, ...options });
    await database.migrate();
    return database;
  }
  const base = process.env.TEST_DATABASE_URL!;
  const name = `crosscheck_test_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = withDatabase(base, name);
  const database = await openDatabase({ databaseUrl: url, maxConnections: 5, ...options });
  await database.migrate();
  return {
    ...database,
    url,
    async close() {
      await database.close();
      const dropper = postgres(base, { max: 1, onnotice: () => {} });
      await dropper.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * Empties every table and restarts every id sequence, keeping the migrated schema: a file opens its
 * database once (beforeAll) and calls this in beforeEach, so each test starts from nothing and passes
 * alone or in any order, whatever the tests before it wrote.
 */
export async function emptyDatabase(db: Db): Promise<void> {
  const tables = await queryRows<{ name: string }>(
    db,
    sql`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'`,
  );
  if (tables.length > 0)
    await db.execute(sql.raw(`TRUNCATE ${tables.map((t) => `"${t.name}"`).join(', ')} RESTART IDENTITY CASCADE`));
}
