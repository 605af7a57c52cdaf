/**
 * Optional pgvector acceleration for nearest-neighbour queries over article embeddings.
 *
 * The `vector` type cannot be in the drizzle schema: plain PostgreSQL (and PGlite without
 * @electric-sql/pglite-pgvector) may lack the extension, and the migrations must apply everywhere.
 * So it lives beside the schema, created at run time and only where `CREATE EXTENSION vector`
 * succeeds: a shadow table `article_vectors (article_id, embedder, embedding vector(N))` with an
 * HNSW index (inner product, which is cosine for the unit vectors we store), kept in step with
 * `article_embeddings` by a trigger, so enrichment code never knows it exists. Where the extension
 * is missing, nothing is created, a stale trigger is dropped, and search stays on the exact
 * in-process path. drizzle-kit never sees the table (it diffs the schema against its snapshots,
 * not the database), and `truncate articles … cascade` reaches it through its foreign key.
 */
import { sql } from 'drizzle-orm';
import { pathToFileURL } from 'node:url';
import type { Db } from '../db/client.ts';
import { inTransaction, queryRows } from '../db/sql.ts';
import { errorMessage } from '../errors.ts';
import { silentLogger, type Logger } from '../log.ts';

/**
 * The pgvector extension for PGlite, for `new PGlite(dir, { extensions: { vector } })`: the
 * optional package @electric-sql/pglite-pgvector when installed, or a vector.tar.gz bundle given
 * by path (its whole content). Undefined when neither is there.
 */
export async function pgliteVectorExtension(bundlePath?: string): Promise<URL | undefined> {
  if (bundlePath) return pathToFileURL(bundlePath);
  const name = '@electric-sql/pglite-pgvector';
  try {
    const mod = (await import(/* @vite-ignore */ name)) as {
      vector?: { setup: (pg: unknown, opts: unknown) => Promise<{ bundlePath?: URL }> };
    };
    return (await mod.vector?.setup(undefined, {}))?.bundlePath;
  } catch {
    return undefined;
  }
}

export type VectorSupport = { available: true; dims: number; version: string } | { available: false; reason: string };

/** Serialises the one-time setup when several processes start at once. */
const SETUP_LOCK = 7_301_002;
/** Candidates the HNSW search keeps per query (pgvector's default is 40); higher buys recall with time. */
export const HNSW_EF_SEARCH = 100;

/** Per database: what start-up (or a first lookup) found, and whether it has finished looking. */
const known = new WeakMap<Db, { support: Promise<VectorSupport>; ready?: VectorSupport }>();

function remember(db: Db, support: Promise<VectorSupport>): Promise<VectorSupport> {
  const entry: { support: Promise<VectorSupport>; ready?: VectorSupport } = { support };
  known.set(db, entry);
  void support.then((s) => (entry.ready = s));
  return support;
}

/**
 * Start-up: creates (or adopts) the shadow table and index when the extension can be created,
 * for vectors of `dims` dimensions (other sizes stay on the exact path). Idempotent.
 */
export async function prepareVectorIndex(db: Db, opts: { dims: number; log?: Logger }): Promise<VectorSupport> {
  const log = opts.log ?? silentLogger;
  // Building the index over existing vectors can take minutes (100k vectors: ~17 min on PGlite);
  // searches meanwhile stay exact rather than waiting, so callers may run this in the background.
  const result = await remember(
    db,
    setUp(db, opts.dims).catch((err): VectorSupport => ({ available: false, reason: errorMessage(err) })),
  );
  if (result.available)
    log.info('pgvector HNSW index ready for nearest-neighbour search', { dims: result.dims, pgvector: result.version });
  else log.info('pgvector unavailable; nearest-neighbour search is exact and in-process', { reason: result.reason });
  return result;
}

async function setUp(db: Db, dims: number): Promise<VectorSupport> {
  if (!Number.isInteger(dims) || dims < 1 || dims > 16_000) throw new Error(`unsupported vector size ${dims}`);
  const [ext] = await queryRows<{ default_version: string }>(
    db,
    sql`SELECT default_version FROM pg_available_extensions WHERE name = 'vector'`,
  );
  if (!ext) {
    // A database once set up with pgvector but opened without it must keep accepting embeddings.
    await db.execute(sql`DROP TRIGGER IF EXISTS article_vectors_sync ON article_embeddings`);
    return { available: false, reason: 'the vector extension is not installed on this database server' };
  }
  return inTransaction(db, async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${SETUP_LOCK})`);
    await tx.execute(sql`CREATE EXTENSION IF NOT EXISTS vector`);
    const existing = await shadowDims(tx);
    if (existing !== null && existing !== dims) await tx.execute(sql`DROP TABLE article_vectors`);
    if (existing !== dims) {
      await tx.execute(
        sql.raw(`CREATE TABLE article_vectors (
          article_id integer PRIMARY KEY REFERENCES articles(article_id) ON DELETE CASCADE,
          embedder text NOT NULL,
          embedding vector(${dims}) NOT NULL)`),
      );
      // Fill before indexing: building HNSW once is much faster than growing it row by row.
      await tx.execute(
        sql.raw(
          `INSERT INTO article_vectors SELECT article_id, embedder, vector::vector(${dims}) FROM article_embeddings WHERE dims = ${dims}`,
        ),
      );
      await tx.execute(
        sql`CREATE INDEX article_vectors_hnsw_idx ON article_vectors USING hnsw (embedding vector_ip_ops)`,
      );
    } else {
      // Catch up on vectors stored while the trigger was gone (the database was opened without pgvector).
      await tx.execute(
        sql.raw(`INSERT INTO article_vectors SELECT e.article_id, e.embedder, e.vector::vector(${dims}) FROM article_embeddings e
          WHERE e.dims = ${dims} AND NOT EXISTS (SELECT 1 FROM article_vectors v WHERE v.article_id = e.article_id AND v.embedder = e.embedder)
          ON CONFLICT (article_id) DO UPDATE SET embedder = EXCLUDED.embedder, embedding = EXCLUDED.embedding`),
      );
    }
    await tx.execute(
      sql.raw(`CREATE OR REPLACE FUNCTION article_vectors_sync() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.dims = ${dims} THEN
            INSERT INTO article_vectors (article_id, embedder, embedding) VALUES (NEW.article_id, NEW.embedder, NEW.vector::vector(${dims}))
            ON CONFLICT (article_id) DO UPDATE SET embedder = EXCLUDED.embedder, embedding = EXCLUDED.embedding;
          ELSE
            DELETE FROM article_vectors WHERE article_id = NEW.article_id;
          END IF;
          RETURN NEW;
        END $$`),
    );
    await tx.execute(
      sql`CREATE OR REPLACE TRIGGER article_vectors_sync AFTER INSERT OR UPDATE ON article_embeddings FOR EACH ROW EXECUTE FUNCTION article_vectors_sync()`,
    );
    const [{ extversion }] = await queryRows<{ extversion: string }>(
      tx,
      sql`SELECT extversion FROM pg_extension WHERE extname = 'vector'`,
    );
    return { available: true, dims, version: extversion };
  });
}

/** The declared size of article_vectors.embedding, or null when the table does not exist. */
async function shadowDims(db: Db): Promise<number | null> {
  const [row] = await queryRows<{ dims: number }>(
    db,
    sql`SELECT atttypmod AS dims FROM pg_attribute WHERE attrelid = to_regclass('article_vectors') AND attname = 'embedding' AND NOT attisdropped`,
  );
  return row ? Number(row.dims) : null;
}

/** Whether HNSW search is usable on this database; looked up once per Db when start-up did not say. */
export function vectorSupport(db: Db): Promise<VectorSupport> {
  return (
    known.get(db)?.support ??
    remember(
      db,
      detect(db).catch((err): VectorSupport => ({ available: false, reason: errorMessage(err) })),
    )
  );
}

async function detect(db: Db): Promise<VectorSupport> {
  const [ext] = await queryRows<{ extversion: string }>(
    db,
    sql`SELECT extversion FROM pg_extension WHERE extname = 'vector'`,
  );
  const [loadable] = await queryRows<{ name: string }>(
    db,
    sql`SELECT name FROM pg_available_extensions WHERE name = 'vector'`,
  );
  const dims = ext && loadable ? await shadowDims(db) : null;
  return dims === null
    ? { available: false, reason: 'no article_vectors index on this database' }
    : { available: true, dims, version: ext.extversion };
}

export type Neighbour = { articleId: number; similarity: number };

/**
 * The `limit` articles of this embedder nearest to `vector` by the HNSW index (approximate), or
 * null when there is no usable index for vectors of this size: the caller then searches exactly.
 */
export async function nearestArticles(
  db: Db,
  vector: ArrayLike<number>,
  embedder: string,
  opts: { limit: number; efSearch?: number },
): Promise<Neighbour[] | null> {
  const entry = known.get(db);
  // While start-up is still building the index, answer exactly instead of waiting for it.
  const support = entry ? entry.ready : await vectorSupport(db);
  if (!support?.available || support.dims !== vector.length) return null;
  const literal = toVectorLiteral(vector);
  const ef = Math.max(opts.efSearch ?? HNSW_EF_SEARCH, opts.limit);
  const rows = await inTransaction(db, async (tx) => {
    await tx.execute(sql.raw(`SET LOCAL hnsw.ef_search = ${Math.floor(ef)}`));
    // pgvector ≥ 0.8 keeps scanning when the embedder filter removes rows, instead of returning fewer.
    if (atLeast(support.version, 0, 8)) await tx.execute(sql`SET LOCAL hnsw.iterative_scan = relaxed_order`);
    return queryRows<{ article_id: number; similarity: number }>(
      tx,
      sql`SELECT article_id, -(embedding <#> ${literal}::vector) AS similarity FROM article_vectors
          WHERE embedder = ${embedder} ORDER BY embedding <#> ${literal}::vector LIMIT ${opts.limit}`,
    );
  });
  // relaxed_order may return rows slightly out of order; the caller expects best first.
  return rows
    .map((r) => ({ articleId: Number(r.article_id), similarity: Number(r.similarity) }))
    .sort((a, b) => b.similarity - a.similarity);
}

export function toVectorLiteral(vector: ArrayLike<number>): string {
  return `[${Array.from(vector, (x) => (Number.isFinite(x) ? x : 0)).join(',')}]`;
}

function atLeast(version: string, major: number, minor: number): boolean {
  const [a = 0, b = 0] = version.split('.').map(Number);
  return a > major || (a === major && b >= minor);
}
