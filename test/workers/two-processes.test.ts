import { spawn, type ChildProcess } from 'node:child_process';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertFeedItems } from '../../src/articles/upsert.ts';
import { queryRows } from '../../src/db/sql.ts';
import * as Feeds from '../../src/feeds/feeds.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';
import { item } from '../support/items.ts';

const WORDS =
  'chip capex model inference revenue cloud power data center token price funding valuation lab startup cluster'.split(
    ' ',
  );

// Two `crosscheck worker` processes share one PostgreSQL job queue (PGlite is single-process, so Postgres only).
describe.skipIf(!process.env.TEST_DATABASE_URL)('two worker processes on one PostgreSQL database', () => {
  let t: TestDatabase;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    t = await openTestDatabase('postgres');
  });
  afterAll(async () => {
    for (const c of children) c.kill('SIGKILL');
    await t?.close();
  });

  it('when two workers drain the backlog together, then every job is done exactly once and both took part', async () => {
    const feed = await Feeds.add(t.db, { url: 'https://load.example/feed' });
    const items = Array.from({ length: 400 }, (_, i) =>
      item(i, { title: `${WORDS[i % WORDS.length]} ${WORDS[(i * 7) % WORDS.length]} report ${i}` }),
    );
    await upsertFeedItems(t.db, feed.feedId, items);
    const env = {
      ...process.env,
      DATABASE_URL: t.url!,
      POOL_SIZE: '1',
      ENRICH_BATCH_SIZE: '8',
      LOG_LEVEL: 'warn',
      MODEL_DIR: '/nonexistent',
    };
    for (let i = 0; i < 2; i++)
      children.push(spawn(process.execPath, ['src/bin/crosscheck.mjs', 'worker'], { env, stdio: 'ignore' }));
    const deadline = Date.now() + 90_000;
    let left = Infinity;
    while (Date.now() < deadline && left > 0) {
      await new Promise((r) => setTimeout(r, 500));
      [{ left }] = await queryRows<{ left: number }>(
        t.db,
        sql`select count(*)::int as "left" from enrichment_jobs where status <> 'done'`,
      );
    }
    expect(left).toBe(0);
    const [stats] = await queryRows<{
      jobs: number;
      max_attempts: number;
      owners: number;
      embeddings: number;
      claimed: number;
    }>(
      t.db,
      sql`select count(*)::int as jobs, max(attempts)::int as max_attempts, count(distinct lease_owner)::int as owners,
                 (select count(*)::int from article_embeddings) as embeddings,
                 (select count(*)::int from articles where story_id is not null) as claimed
          from enrichment_jobs`,
    );
    expect(stats).toEqual({ jobs: 800, max_attempts: 1, owners: 2, embeddings: 400, claimed: 400 });
  }, 120_000);
});
