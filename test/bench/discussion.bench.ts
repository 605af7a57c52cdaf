/**
 * Discussion benchmark (`npx tsx test/bench/discussion.bench.ts`): a story with 5,000 comments in
 * three shapes, then the time to build the first page of threads (three queries and the tree),
 * to render the whole story page through the app, to fetch "load more" and to open a deep
 * permalink. Medians of repeated runs; printed with the machine, never asserted.
 * Uses in-memory PGlite; set DATABASE_URL to measure PostgreSQL instead.
 */
import os from 'node:os';
import { eq } from 'drizzle-orm';
import * as Accounts from '../../src/accounts/accounts.ts';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { comments, storyDiscussions } from '../../src/discussion/comments.sql.ts';
import * as Comments from '../../src/discussion/comments.ts';
import { commentScore } from '../../src/discussion/ranking.ts';
import * as Thread from '../../src/discussion/thread.ts';
import { childPath } from '../../src/discussion/tree.ts';
import { testApp } from '../support/app.ts';
import { seedStory, WebClient } from '../support/web-client.ts';

const N = Number(process.env.BENCH_COMMENTS ?? 5000);
const RUNS = Number(process.env.BENCH_RUNS ?? 15);

type Shape = { name: string; parentOf: (i: number, rand: () => number) => number | null };
const SHAPES: Shape[] = [
  // 250 opening threads, then 5% new threads; replies favour recent comments (conversations run on).
  {
    name: 'realistic (about 500 threads, replies mostly to recent comments)',
    parentOf: (i, r) => (i < 250 || r() < 0.05 ? null : Math.floor(i - 1 - Math.pow(r(), 3) * (i - 1))),
  },
  { name: 'flat (5,000 top-level comments)', parentOf: () => null },
  {
    name: 'one hot thread (a single top-level comment, 4,999 replies)',
    parentOf: (i, r) => (i === 0 ? null : Math.floor(r() * i)),
  },
];

function random(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

async function seed(database: Database, shape: Shape): Promise<{ storyId: number; deepest: number }> {
  const db = database.db;
  const storyId = await seedStory(db, `Bench: ${shape.name}`);
  const authors = [];
  for (let a = 0; a < 50; a++)
    authors.push(
      (
        await Accounts.create(db, {
          username: `b${storyId}u${a}`,
          password: null,
          role: 'commenter',
          createdAt: new Date('2025-01-01'),
        })
      ).userId,
    );
  const rand = random(42);
  const rows: { path: string; depth: number; parent: number | null; replies: number }[] = [];
  let top = 0;
  const html = (
    await Comments.render(
      db,
      'A typical comment with **some** markdown, a [link](https://example.com) and a figure: capex up 50%.',
    )
  ).html;
  const values = [];
  for (let i = 0; i < N; i++) {
    const parent = shape.parentOf(i, rand);
    const p = parent === null ? null : rows[parent];
    const path = p ? childPath(p.path, ++p.replies) : childPath(null, ++top);
    rows.push({ path, depth: p ? p.depth + 1 : 0, parent, replies: 0 });
    const upvotes = Math.floor(Math.pow(rand(), 4) * 40);
    values.push({
      storyId,
      path,
      depth: rows[i].depth,
      authorId: authors[i % authors.length],
      body: 'A typical comment',
      bodyHtml: html,
      upvotes,
      score: commentScore({ upvotes }),
      createdAt: new Date(Date.UTC(2025, 9, 27, 12, 0, i)),
    });
  }
  for (let i = 0; i < values.length; i += 500) await db.insert(comments).values(values.slice(i, i + 500));
  await db.insert(storyDiscussions).values({ storyId, topLevelSeq: top, commentCount: N });
  const deepestIndex = rows.reduce((best, r, i) => (r.depth > rows[best].depth ? i : best), 0);
  const [deep] = await db
    .select({ id: comments.commentId, depth: comments.depth })
    .from(comments)
    .where(eq(comments.path, rows[deepestIndex].path));
  console.log(`  seeded ${N} comments, ${top} top-level, deepest at depth ${deep.depth}`);
  return { storyId, deepest: deep.id };
}

async function median(fn: () => Promise<unknown>): Promise<number> {
  await fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const database = await openDatabase(
  process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : { inMemory: true },
);
await database.migrate();
const app = testApp(database.db);
const client = new WebClient(app);
console.log(
  `Discussion benchmark: ${N} comments, median of ${RUNS} runs, ${database.driver}; ${os.cpus().length}× ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}`,
);
for (const shape of SHAPES) {
  console.log(`\n${shape.name}`);
  const { storyId, deepest } = await seed(database, shape);
  const page = await median(() => Thread.page(database.db, { storyId, sort: 'best' }));
  const shown = Thread.idsOf((await Thread.page(database.db, { storyId, sort: 'best' })).threads).length;
  let bytes = 0;
  const full = await median(async () => void (bytes = (await (await client.get(`/stories/${storyId}`)).text()).length));
  const more = await median(() =>
    client.get(`/stories/${storyId}/comments?sort=new&offset=30`, { htmx: true }).then((r) => r.text()),
  );
  const permalink = await median(() => client.get(`/comments/${deepest}`).then((r) => r.text()));
  console.log(`  first page of threads (queries + tree): ${page.toFixed(1)} ms, ${shown} comments shown`);
  console.log(`  story page, full HTML:                  ${full.toFixed(1)} ms, ${(bytes / 1024).toFixed(0)} KiB`);
  console.log(`  "load more" fragment:                   ${more.toFixed(1)} ms`);
  console.log(`  permalink of the deepest comment:       ${permalink.toFixed(1)} ms`);
}
await database.close();
