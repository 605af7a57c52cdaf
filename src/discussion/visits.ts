import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { storyVisits } from './comments.sql.ts';

/** When this user last opened the story's discussion (null: never), for "new" markers. */
export async function lastVisit(db: Db, userId: number, storyId: number): Promise<Date | null> {
  const [row] = await db
    .select({ seenAt: storyVisits.seenAt })
    .from(storyVisits)
    .where(and(eq(storyVisits.userId, userId), eq(storyVisits.storyId, storyId)));
  return row?.seenAt ?? null;
}

export async function recordVisit(db: Db, userId: number, storyId: number, now: Date): Promise<void> {
  await db
    .insert(storyVisits)
    .values({ userId, storyId, seenAt: now })
    .onConflictDoUpdate({ target: [storyVisits.userId, storyVisits.storyId], set: { seenAt: now } });
}

/** A deleted account keeps no reading history. */
export async function forgetUser(tx: Db, userId: number): Promise<void> {
  await tx.delete(storyVisits).where(eq(storyVisits.userId, userId));
}
