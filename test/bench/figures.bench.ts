/**
 * The figure list (`npm run bench:figures`): time to fill one page of /figures per filter over a
 * synthetic ledger on in-memory PGlite. Worst case for the verdict filters: every figure has two
 * sources with slightly different values (so none is skipped before comparing), 1 % contradict.
 * BENCH_FIGURES sets the ledger's size. Figures are printed, never asserted.
 */
import os from 'node:os';
import { sql } from 'drizzle-orm';
import * as FigureIndex from '../../src/claims/figure-index.ts';
import { openDatabase } from '../../src/db/client.ts';

const N = Number(process.env.BENCH_FIGURES ?? 20_000);
const cpus = os.cpus();
console.log(
  `machine: ${cpus[0]?.model ?? 'unknown cpu'}, ${cpus.length} cores, node ${process.version}, load ${os.loadavg()[0].toFixed(1)}`,
);
const database = await openDatabase({ inMemory: true });
await database.migrate();
await database.db.execute(
  sql`INSERT INTO figures (subject_key, measure, subject, metric, period_key) SELECT 's' || g, 'capex', 'S' || g, 'capex', '' FROM generate_series(1, ${N}) g`,
);
await database.db.execute(sql`
  INSERT INTO claims (comment_id, figure_id, quote, start_offset, end_offset, metric, subject, value, unit, hedged, extractor_version, stated_at)
  SELECT g * 2 + k, g, 'q', 0, 1, 'capex', 'S' || g, CASE WHEN g % 100 = 0 AND k = 1 THEN 300 ELSE 100 + k END, 'USD', false, 'bench',
         timestamp '2025-01-01' + make_interval(mins => g)
  FROM generate_series(1, ${N}) g, generate_series(0, 1) k`);
const figures: string[] = [];
for (const [filter, page] of [
  ['all', 1],
  ['all', 6],
  ['agreed', 1],
  ['contested', 1],
  ['contested', 6],
] as const) {
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    const { items } = await FigureIndex.list(database.db, { filter, limit: 30, offset: (page - 1) * 30 });
    runs.push(performance.now() - start);
    if (items.length !== 30) throw new Error(`${filter} page ${page}: ${items.length} rows`);
  }
  const median = runs.sort((a, b) => a - b)[2];
  console.log(`${filter} page ${page}: median ${median.toFixed(0)} ms over 5 runs`);
  figures.push(`${filter}_p${page}_ms=${median.toFixed(0)}`);
}
await database.close();
console.log(`figures: n=${N} ${figures.join(' ')}`);
