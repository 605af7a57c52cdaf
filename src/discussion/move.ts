import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { SEGMENT_WIDTH } from './tree.ts';
import { comments, storyDiscussions } from './comments.sql.ts';

/**
 * Moves a story's whole discussion under another story (a moderator merged the stories). Each
 * top-level thread keeps its shape and order and is appended after the target's own threads, by
 * renumbering the first path segment; must run inside the merge's transaction.
 */
export async function moveDiscussion(tx: Db, fromStoryId: number, intoStoryId: number): Promise<number> {
  const [from] = await tx.select().from(storyDiscussions).where(eq(storyDiscussions.storyId, fromStoryId));
  if (!from) return 0;
  await tx.insert(storyDiscussions).values({ storyId: intoStoryId }).onConflictDoNothing();
  const [into] = await tx
    .select()
    .from(storyDiscussions)
    .where(eq(storyDiscussions.storyId, intoStoryId))
    .for('update');
  const offset = into.topLevelSeq;
  const heads = await tx
    .selectDistinct({ head: sql<string>`substr(${comments.path}, 1, ${SEGMENT_WIDTH})` })
    .from(comments)
    .where(eq(comments.storyId, fromStoryId));
  let moved = 0;
  for (let i = 0; i < heads.length; i += 500) {
    const mapping = heads
      .slice(i, i + 500)
      .map(({ head }) => sql`(${head}, ${(parseInt(head, 36) + offset).toString(36).padStart(SEGMENT_WIDTH, '0')})`);
    const rows = await tx.execute(sql`
      UPDATE comments SET story_id = ${intoStoryId}, path = m.head_new || substr(comments.path, ${SEGMENT_WIDTH + 1})
      FROM (VALUES ${sql.join(mapping, sql`, `)}) AS m(head_old, head_new)
      WHERE comments.story_id = ${fromStoryId} AND substr(comments.path, 1, ${SEGMENT_WIDTH}) = m.head_old
      RETURNING comments.comment_id`);
    moved += Array.isArray(rows) ? rows.length : ((rows as { rows?: unknown[] }).rows?.length ?? 0);
  }
  await tx
    .update(storyDiscussions)
    .set({
      topLevelSeq: offset + from.topLevelSeq,
      commentCount: sql`${storyDiscussions.commentCount} + ${from.commentCount}`,
      lastCommentAt: sql`greatest(${storyDiscussions.lastCommentAt}, (select last_comment_at from story_discussions where story_id = ${fromStoryId}))`,
    })
    .where(eq(storyDiscussions.storyId, intoStoryId));
  await tx
    .update(storyDiscussions)
    .set({ topLevelSeq: 0, commentCount: 0 })
    .where(eq(storyDiscussions.storyId, fromStoryId));
  return moved;
}
