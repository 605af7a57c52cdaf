import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CurrentUser } from '../../src/accounts/accounts.ts';
import { figuresOfComments } from '../../src/crosscheck/discussion-figures.ts';
import * as Comments from '../../src/discussion/comments.ts';
import { silentLogger } from '../../src/log.ts';
import * as Locks from '../../src/moderation/locks.ts';
import { editComment, postComment, previewComment } from '../../src/use-cases/comments.ts';
import { makeUser } from '../support/crosscheck.ts';
import { drivers, emptyDatabase, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { seedStory } from '../support/web-client.ts';

const now = new Date('2025-10-27T12:00:00Z');

describe.each(drivers)('writing a comment (src/use-cases/comments.ts) on %s', (driver) => {
  let t: TestDatabase;
  let storyId: number;
  let ada: CurrentUser;
  const deps = () => ({ db: t.db, log: silentLogger });

  beforeAll(async () => {
    t = await openTestDatabase(driver);
  });
  afterAll(() => t?.close());
  beforeEach(async () => {
    await emptyDatabase(t.db);
    storyId = await seedStory(t.db, 'Hyperscalers keep spending');
    ada = await makeUser(t.db, 'ada');
  });

  it('when a text is previewed and then posted, then the preview shows exactly the body that is stored', async () => {
    const text = '\r\n\r\nCapex is up **50%** this year.\u202E\r\nSecond line.  \r\n\r\n';
    const shown = await previewComment(deps(), { text, storyId, parentId: null, now });
    const posted = await postComment(deps(), { storyId, parentId: null, author: ada, text, now });
    expect(shown.problem).toBeNull();
    if (shown.problem !== null) return;
    expect(shown.body).toBe(posted.body);
    expect(shown.html).toBe(posted.bodyHtml);
    expect(shown.checks.map((c) => c.claim.quote)).toEqual(expect.arrayContaining([expect.stringContaining('50%')]));
  });

  it('when a text cannot be posted, then the preview gives the same reason posting does', async () => {
    const shown = await previewComment(deps(), { text: '\u202E  ', storyId, parentId: null, now });
    const refused = await postComment(deps(), { storyId, parentId: null, author: ada, text: '\u202E  ', now }).catch(
      (e) => e,
    );
    expect(shown).toEqual({ problem: refused.userMessage });
  });

  it('when the thread is locked, then posting is refused before the rate limit is charged, and nothing is stored', async () => {
    const top = await postComment(deps(), { storyId, parentId: null, author: ada, text: 'Lock below me', now });
    await Locks.lock(t.db, { storyId, commentId: top.commentId, by: ada.userId, now });
    let charged = 0;
    const admit = async () => void charged++;
    await expect(
      postComment(deps(), { storyId, parentId: top.commentId, author: ada, text: 'A reply', now }, { admit }),
    ).rejects.toMatchObject({ status: 409 });
    expect(charged).toBe(0);
    expect(await Comments.countOn(t.db, storyId)).toBe(1);
    await postComment(deps(), { storyId, parentId: null, author: ada, text: 'Another thread', now }, { admit });
    expect(charged).toBe(1);
  });

  it('when a comment is edited, then its figures are checked again', async () => {
    const posted = await postComment(deps(), { storyId, parentId: null, author: ada, text: 'No figures here.', now });
    const edited = await editComment(deps(), {
      commentId: posted.commentId,
      actor: ada,
      text: 'Capex is up 50% this year.',
      now,
    });
    expect(edited.body).toBe('Capex is up 50% this year.');
    expect((await figuresOfComments(t.db, [posted.commentId])).get(posted.commentId)?.length).toBe(1);
  });
});
