import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { Logger } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { lockDataDir } from './pglite-lock.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** The one database type domain code sees: PGlite and postgres.js both satisfy it, and so does a transaction. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export type Database = {
  db: Db;
  driver: 'pglite' | 'postgres';
  /** Applies pending drizzle-kit migrations from ./migrations. */
  migrate(): Promise<void>;
  close(): Promise<void>;
};

export const migrationsFolder = fileURLToPath(new URL('../../migrations', import.meta.url));

/**
 * Per-connection settings of a PostgreSQL pool (sent at connection start-up). The web pool uses
 * them so an abandoned or runaway page query is cancelled and never takes both cores.
 */
export type SessionSettings = { statementTimeoutMs?: number; maxParallelWorkersPerGather?: number };

export type OpenOptions = {
  databaseUrl?: string;
  dataDir?: string;
  inMemory?: boolean;
  maxConnections?: number;
  session?: SessionSettings;
  /** Called with every statement drizzle sends (benchmarks and tests count them). */
  logQuery?: (query: string) => void;
};

/** Opens postgres.js when a URL is given, else embedded PGlite on disk (or in memory for tests). */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl)
    return openPostgres(options.databaseUrl, options.maxConnections ?? 10, options.session ?? {}, logger(options));
  return openPglite(options.inMemory ? undefined : `${options.dataDir ?? './data'}/pg`, logger(options));
}

const logger = (options: OpenOptions) => (options.logQuery ? { logQuery: options.logQuery } : undefined);

async function openPglite(dir: string | undefined, logger: Logger | undefined): Promise<Database> {
  if (dir) mkdirSync(dir, { recursive: true });
  const release = dir ? lockDataDir(dir) : () => {};
  const client = dir ? new PGlite(dir) : new PGlite();
  try {
    await client.waitReady;
  } catch (err) {
    release();
    throw err;
  }
  const db = drizzlePglite(client, { schema, logger }) as unknown as Db;
  return {
    db,
    driver: 'pglite',
    migrate: () => migratePglite(db as never, { migrationsFolder }),
    close: async () => {
      await client.close();
      release();
    },
  };
}

async function openPostgres(
  url: string,
  max: number,
  session: SessionSettings,
  logger: Logger | undefined,
): Promise<Database> {
  // Strings: postgres.js leaves out falsy start-up parameters, and 0 is a setting here.
  const connection: Record<string, string> = {};
  if (session.statementTimeoutMs !== undefined) connection.statement_timeout = String(session.statementTimeoutMs);
  if (session.maxParallelWorkersPerGather !== undefined)
    connection.max_parallel_workers_per_gather = String(session.maxParallelWorkersPerGather);
  const client = postgres(url, { max, onnotice: () => {}, connection });
  const db = drizzlePostgres(client, { schema, logger }) as unknown as Db;
  return {
    db,
    driver: 'postgres',
    migrate: () => migratePostgres(db as never, { migrationsFolder }),
    close: () => client.end({ timeout: 5 }),
  };
}

/** True when PostgreSQL cancelled the statement (SQLSTATE 57014: statement_timeout or a cancel request); drizzle wraps it as the cause. */
export function isQueryCanceled(err: unknown): boolean {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { code?: unknown }).code === '57014') return true;
  }
  return false;
}
