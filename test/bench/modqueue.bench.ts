/**
 * The moderation queue (`npm run bench:modqueue`): time to fill the first /moderation page, and the
 * SQL statements it sends, with 10,000 open items in a fresh database (PostgreSQL when
 * TEST_DATABASE_URL is set, else in-memory PGlite): 8,500 flagged comments on 100 stories with
 * readers and replies, 1,000 flagged stories and 500 unsupported figures stated in comments.
 * BENCH_MODQUEUE_ITEMS scales it. Figures are printed, never asserted.
 */
import os from 'node:os';
import { sql } from 'drizzle-orm';
import * as Queue from '../../src/moderation/queue.ts';
import { openTestDatabase } from '../support/db.ts';

const N = Number(process.env.BENCH_MODQUEUE_ITEMS ?? 10_000);
const [stories, figures] = [Math.round(N / 10), Math.round(N / 20)];
const comments = N - stories - figures;
const cpus = os.cpus();
console.log(
  `machine: ${cpus[0]?.model ?? 'unknown cpu'}, ${cpus.length} cores, node ${process.version}, load ${os.loadavg()[0].toFixed(1)}`,
);
let statements = 0;
const database = await openTestDatabase(process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite', {
  logQuery: () => void statements++,
});
const db = database.db;
const NOW = new Date('2025-10-27T12:00:00Z');
await db.execute(sql`
  INSERT INTO users (username, role, created_at)
  SELECT 'user' || g, 'commenter', timestamp '2025-01-01' FROM generate_series(1, 200) g`);
await db.execute(sql`
  INSERT INTO stories (title, article_count, first_published_at, last_published_at)
  SELECT 'Story ' || g, 1, timestamp '2025-10-01', timestamp '2025-10-01' FROM generate_series(1, ${stories}) g`);
await db.execute(sql`
  INSERT INTO story_discussions (story_id, comment_count) SELECT story_id, 0 FROM stories`);
await db.execute(sql`
  INSERT INTO story_visits (user_id, story_id, seen_at)
  SELECT u, s, timestamp '2025-10-20' FROM generate_series(1, 200) u, generate_series(1, 100) s WHERE (u + s) % 3 = 0`);
await db.execute(sql`
  INSERT INTO comments (story_id, path, depth, author_id, body, body_html, reply_seq, created_at)
  SELECT 1 + g % 100, lpad(to_hex(g), 6, '0'), 0, 1 + g % 200, 'Comment ' || g, '<p>Comment ' || g || '</p>', g % 4,
         timestamp '2025-10-20' + make_interval(secs => g)
  FROM generate_series(1, ${comments + figures}) g`);
await db.execute(sql`
  INSERT INTO figures (subject_key, measure, subject, metric, period_key)
  SELECT 's' || g, 'capex', 'S' || g, 'capex', '' FROM generate_series(1, ${figures}) g`);
await db.execute(sql`
  INSERT INTO claims (comment_id, figure_id, quote, start_offset, end_offset, metric, subject, value, unit, hedged, extractor_version, stated_at)
  SELECT ${comments} + g, g, 'q', 0, 1, 'capex', 'S' || g, 100, 'USD', false, 'bench', timestamp '2025-10-20' + make_interval(mins => g)
  FROM generate_series(1, ${figures}) g`);
await db.execute(sql`
  INSERT INTO figure_status_changes (figure_id, from_status, to_status, reason, created_at)
  SELECT g, 'unreviewed', 'unsupported', 'no source', timestamp '2025-10-20' + make_interval(mins => g)
  FROM generate_series(1, ${figures}) g`);
await db.execute(sql`
  INSERT INTO flags (target_kind, target_id, user_id, reason, weight, created_at)
  SELECT 'comment', g, 1 + (g + k) % 200, 'spam', 1, timestamp '2025-10-25' + make_interval(secs => g * 7 + k)
  FROM generate_series(1, ${comments}) g, generate_series(0, g % 3) k`);
await db.execute(sql`
  INSERT INTO flags (target_kind, target_id, user_id, reason, weight, created_at)
  SELECT 'story', g, 1 + g % 200, 'off_topic', 0.5, timestamp '2025-10-25' + make_interval(secs => g * 11)
  FROM generate_series(1, ${stories}) g`);

const runs: { ms: number; statements: number; total: number }[] = [];
for (let i = 0; i < 5; i++) {
  statements = 0;
  const start = performance.now();
  const { items, total } = await Queue.queue(db, { limit: Queue.QUEUE_PAGE, now: NOW });
  runs.push({ ms: performance.now() - start, statements, total });
  if (items.length !== Queue.QUEUE_PAGE) throw new Error(`first page: ${items.length} rows`);
}
const median = runs.map((r) => r.ms).sort((a, b) => a - b)[2];
console.log(`runs (ms): ${runs.map((r) => r.ms.toFixed(0)).join(', ')}`);
console.log(
  `modqueue: driver=${database.driver} open_items=${runs[0].total} first_page_ms=${median.toFixed(0)} statements_per_page=${runs[0].statements}`,
);
await database.close();
