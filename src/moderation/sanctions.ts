import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { userSanctions, type SanctionKind, type UserSanction } from './moderation.sql.ts';

export const MAX_SUSPENSION_DAYS = 365;
const DAY_MS = 86_400_000;

export async function record(
  tx: Db,
  input: { userId: number; kind: SanctionKind; reason: string; days: number | null; moderatorId: number; now: Date },
): Promise<UserSanction> {
  const until = input.kind === 'suspension' ? new Date(input.now.getTime() + input.days! * DAY_MS) : null;
  const [row] = await tx
    .insert(userSanctions)
    .values({
      userId: input.userId,
      kind: input.kind,
      reason: input.reason,
      until,
      moderatorId: input.moderatorId,
      createdAt: input.now,
    })
    .returning();
  return row;
}

/** The suspension in force (the one ending last), or undefined. */
export async function activeSuspension(db: Db, userId: number, now: Date): Promise<UserSanction | undefined> {
  const [row] = await db
    .select()
    .from(userSanctions)
    .where(and(eq(userSanctions.userId, userId), eq(userSanctions.kind, 'suspension'), gt(userSanctions.until, now)))
    .orderBy(desc(userSanctions.until))
    .limit(1);
  return row;
}

export async function ofUser(db: Db, userId: number): Promise<UserSanction[]> {
  return db.select().from(userSanctions).where(eq(userSanctions.userId, userId)).orderBy(desc(userSanctions.createdAt));
}

/** Warnings and suspensions the user has not yet seen in their inbox. */
export async function unseenCount(db: Db, userId: number): Promise<number> {
  const rows = await db
    .select({ id: userSanctions.sanctionId })
    .from(userSanctions)
    .where(and(eq(userSanctions.userId, userId), isNull(userSanctions.seenAt)));
  return rows.length;
}

export async function markSeen(db: Db, userId: number, now: Date): Promise<void> {
  await db
    .update(userSanctions)
    .set({ seenAt: now })
    .where(and(eq(userSanctions.userId, userId), isNull(userSanctions.seenAt)));
}
