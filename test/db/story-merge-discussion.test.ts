import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Accounts from '../../src/accounts/accounts.ts';
import { comments } from '../../src/discussion/comments.sql.ts';
import * as Comments from '../../src/discussion/comments.ts';
import * as Thread from '../../src/discussion/thread.ts';
import { merge } from '../../src/stories/merge.ts';
import { drivers, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { seedStory } from '../support/web-client.ts';

describe.each(drivers)('merging stories with discussions on %s', (driver) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(driver);
  });
  afterAll(() => t?.close());

  it("when a story is merged into another, then its threads follow, after the target's own, with shapes and counts intact", async () => {
    const zara = Accounts.toCurrentUser(
      await Accounts.create(t.db, {
        username: 'Zara',
        password: null,
        role: 'commenter',
        createdAt: new Date('2025-01-01'),
      }),
      new Date(),
    );
    const [into, from] = [
      await seedStory(t.db, 'Broadcom builds chips for OpenAI'),
      await seedStory(t.db, 'OpenAI and Broadcom chip deal'),
    ];
    const now = new Date('2025-10-27T12:00:00Z');
    const post = (storyId: number, text: string, parentId: number | null = null) =>
      Comments.post(t.db, { storyId, parentId, author: zara, text, now });
    await post(into, 'first on target');
    const a = await post(from, 'first on merged');
    await post(from, 'reply on merged', a.commentId);
    await post(from, 'second on merged');
    await merge(t.db, from, into);
    const rows = await t.db
      .select({ path: comments.path, body: comments.body })
      .from(comments)
      .where(eq(comments.storyId, into))
      .orderBy(comments.path);
    expect(rows).toEqual([
      { path: '000001', body: 'first on target' },
      { path: '000002', body: 'first on merged' },
      { path: '000002.000001', body: 'reply on merged' },
      { path: '000003', body: 'second on merged' },
    ]);
    expect((await Thread.page(t.db, { storyId: into, sort: 'old' })).commentCount).toBe(4);
    const next = await post(into, 'after the merge');
    expect(next.path).toBe('000004');
  });
});
