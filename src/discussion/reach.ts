import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { intArray, queryRows } from '../db/sql.ts';
import { storyDiscussions } from './comments.sql.ts';

/** Who has seen or answered discussions, for many at once (the moderation queue ranks by it). */

/**
 * Distinct signed-in readers of each group of stories (a reader of two stories in one group counts
 * once). Groups with the same stories are counted once: most are one story each.
 */
export async function readersOf(db: Db, groups: Map<string, number[]>): Promise<Map<string, number>> {
  const setOf = (storyIds: number[]) => [...new Set(storyIds)].sort((a, b) => a - b).join(',');
  const sets = new Map([...groups.values()].map((ids) => [setOf(ids), ids]));
  const pairs = [...sets].flatMap(([set, storyIds]) => storyIds.map((storyId) => ({ set, story_id: storyId })));
  const counts = new Map<string, number>();
  if (pairs.length > 0) {
    const rows = await queryRows<{ set: string; n: number }>(
      db,
      sql`SELECT g.set, count(DISTINCT v.user_id)::int AS n
          FROM jsonb_to_recordset(${JSON.stringify(pairs)}::jsonb) AS g(set text, story_id int)
          JOIN story_visits v ON v.story_id = g.story_id
          GROUP BY g.set`,
    );
    for (const r of rows) counts.set(r.set, r.n);
  }
  return new Map([...groups].map(([key, storyIds]) => [key, counts.get(setOf(storyIds)) ?? 0]));
}

/** Each comment's story and its replies at any depth (one index range per comment: see thread.ts). */
export async function repliesBelow(
  db: Db,
  commentIds: number[],
): Promise<Map<number, { storyId: number; replies: number }>> {
  if (commentIds.length === 0) return new Map();
  const rows = await queryRows<{ id: number; story_id: number; n: number }>(
    db,
    sql`SELECT c.comment_id AS id, c.story_id, count(d.comment_id)::int AS n
        FROM comments c
        LEFT JOIN comments d ON d.story_id = c.story_id AND d.path > c.path || '.' AND d.path < c.path || '/'
        WHERE c.comment_id = ANY(${intArray(commentIds)})
        GROUP BY c.comment_id, c.story_id`,
  );
  return new Map(rows.map((r) => [r.id, { storyId: r.story_id, replies: r.n }]));
}

/** Each story's comment count as its discussion heading shows it (deleted comments uncounted). */
export async function commentCounts(db: Db, storyIds: number[]): Promise<Map<number, number>> {
  const out = new Map(storyIds.map((id) => [id, 0]));
  if (storyIds.length === 0) return out;
  const rows = await db
    .select({ id: storyDiscussions.storyId, n: storyDiscussions.commentCount })
    .from(storyDiscussions)
    .where(sql`${storyDiscussions.storyId} = ANY(${intArray(storyIds)})`);
  for (const r of rows) out.set(r.id, r.n);
  return out;
}
