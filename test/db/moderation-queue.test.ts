import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as Accounts from '../../src/accounts/accounts.ts';
import * as Comments from '../../src/discussion/comments.ts';
import * as Flags from '../../src/moderation/flags.ts';
import * as Queue from '../../src/moderation/queue.ts';
import { drivers, emptyDatabase, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { seedStory } from '../support/web-client.ts';

const NOW = new Date('2025-10-27T12:00:00Z');
const OLD = new Date('2025-01-01T00:00:00Z');

describe.each(drivers)('moderation queue on %s', (driver) => {
  let t: TestDatabase;
  let statements = 0;
  let storyId: number;
  let author: Accounts.CurrentUser;
  let flaggers: Accounts.CurrentUser[];

  beforeAll(async () => {
    t = await openTestDatabase(driver, { logQuery: () => void statements++ });
  });
  afterAll(() => t?.close());
  beforeEach(async () => {
    await emptyDatabase(t.db);
    storyId = await seedStory(t.db, 'Queue story');
    const user = async (name: string) =>
      Accounts.toCurrentUser(
        await Accounts.create(t.db, { username: name, password: null, role: 'commenter', createdAt: OLD }),
        NOW,
      );
    author = await user('author');
    flaggers = [await user('flagger-a'), await user('flagger-b')];
  });

  /** `n` comments, each flagged by one or two people a minute apart, so their ranks differ. */
  const flagComments = async (n: number) => {
    for (let i = 0; i < n; i++) {
      const at = new Date(NOW.getTime() - (n - i) * 60_000);
      const c = await Comments.post(t.db, { storyId, parentId: null, author, text: `Comment ${i}`, now: at });
      for (const user of flaggers.slice(0, 1 + (i % 2)))
        await Flags.raise(t.db, {
          user,
          targetKind: 'comment',
          targetId: c.commentId,
          reason: 'spam',
          detail: null,
          mergeTargetId: null,
          now: at,
        });
    }
  };
  const countStatements = async (fn: () => Promise<unknown>) => {
    statements = 0;
    await fn();
    return statements;
  };

  it('when the queue grows from 25 to 75 flagged items, then a page costs the same number of statements', async () => {
    await flagComments(25);
    const small = await countStatements(() => Queue.queue(t.db, { limit: Queue.QUEUE_PAGE, now: NOW }));
    await flagComments(50);
    const large = await countStatements(() => Queue.queue(t.db, { limit: Queue.QUEUE_PAGE, now: NOW }));
    expect(large).toBe(small);
    expect(small).toBeLessThanOrEqual(20 + 6 * Queue.QUEUE_PAGE);
  });

  it('when the queue is read page by page, then the pages join into the whole ranking without gaps or repeats', async () => {
    await flagComments(45);
    const whole = await Queue.queue(t.db, { limit: 100, now: NOW });
    expect(whole.total).toBe(45);
    const pages = [];
    for (let offset = 0; offset < whole.total; offset += Queue.QUEUE_PAGE) {
      const page = await Queue.queue(t.db, { limit: Queue.QUEUE_PAGE, offset, now: NOW });
      expect(page.total).toBe(45);
      pages.push(...page.items.map((q) => q.key));
    }
    expect(pages).toEqual(whole.items.map((q) => q.key));
    expect(new Set(pages).size).toBe(45);
    const priorities = whole.items.map((q) => q.priority);
    expect(priorities).toEqual([...priorities].sort((a, b) => b - a));
    expect(whole.items[0].flags).toHaveLength(2);
  });
});
