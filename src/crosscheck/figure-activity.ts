import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { intArray, queryRows } from '../db/sql.ts';

/** Where and when figures are being discussed, for many figures at once (the moderation queue ranks by it). */

/** The figure each claim files under (null: not filed). */
export async function figuresOfClaims(db: Db, claimIds: number[]): Promise<Map<number, number | null>> {
  if (claimIds.length === 0) return new Map();
  const rows = await queryRows<{ id: number; figure_id: number | null }>(
    db,
    sql`SELECT claim_id AS id, figure_id FROM claims WHERE claim_id = ANY(${intArray(claimIds)})`,
  );
  return new Map(rows.map((r) => [r.id, r.figure_id]));
}

/** The figures each comment states, once per statement (a figure stated twice is listed twice). */
export async function figuresStatedIn(db: Db, commentIds: number[]): Promise<Map<number, number[]>> {
  const out = new Map(commentIds.map((id) => [id, [] as number[]]));
  if (commentIds.length === 0) return out;
  const rows = await queryRows<{ id: number; figure_id: number }>(
    db,
    sql`SELECT comment_id AS id, figure_id FROM claims
        WHERE comment_id = ANY(${intArray(commentIds)}) AND figure_id IS NOT NULL`,
  );
  for (const r of rows) out.get(r.id)!.push(r.figure_id);
  return out;
}

export type FigureReach = { storyIds: number[]; replies: number };

/**
 * The stories each figure appears in (through comments still up that state it, or articles) and the
 * replies to those comments (summed per statement).
 */
export async function reachOfFigures(db: Db, figureIds: number[]): Promise<Map<number, FigureReach>> {
  const out = new Map(figureIds.map((id) => [id, { storyIds: [] as number[], replies: 0 }]));
  if (figureIds.length === 0) return out;
  const rows = await queryRows<{ figure_id: number; story_ids: number[]; replies: number }>(
    db,
    sql`WITH places AS (
          SELECT cl.figure_id, c.story_id, c.reply_seq AS replies
          FROM claims cl JOIN comments c ON c.comment_id = cl.comment_id
          WHERE cl.figure_id = ANY(${intArray(figureIds)}) AND c.deleted_at IS NULL
          UNION ALL
          SELECT cl.figure_id, a.story_id, 0
          FROM claims cl JOIN articles a ON a.article_id = cl.article_id
          WHERE cl.figure_id = ANY(${intArray(figureIds)}) AND a.story_id IS NOT NULL
        )
        SELECT figure_id, array_agg(DISTINCT story_id) AS story_ids, sum(replies)::int AS replies
        FROM places GROUP BY figure_id`,
  );
  for (const r of rows) out.set(r.figure_id, { storyIds: r.story_ids.map(Number), replies: r.replies });
  return out;
}

/** When each figure was last stated without a source (a restatement makes it current again). */
export async function lastUnsourced(db: Db, figureIds: number[]): Promise<Map<number, Date>> {
  if (figureIds.length === 0) return new Map();
  const rows = await queryRows<{ figure_id: number; at: string | Date }>(
    db,
    sql`SELECT cl.figure_id, max(cl.stated_at) AS at
        FROM claims cl JOIN claim_checks k ON k.claim_id = cl.claim_id
        WHERE cl.figure_id = ANY(${intArray(figureIds)}) AND k.outcome = 'unsourced'
        GROUP BY cl.figure_id`,
  );
  return new Map(rows.map((r) => [r.figure_id, new Date(r.at)]));
}
