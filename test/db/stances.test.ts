import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CurrentUser } from '../../src/accounts/accounts.ts';
import { extractClaims } from '../../src/claims/extract/extract.ts';
import * as Ledger from '../../src/claims/ledger.ts';
import * as FigureStatus from '../../src/crosscheck/figure-status.ts';
import * as Notices from '../../src/crosscheck/notices.ts';
import * as Stances from '../../src/crosscheck/stances.ts';
import { reviewOf } from '../../src/crosscheck/figure-review.ts';
import * as Comments from '../../src/discussion/comments.ts';
import { drivers, emptyDatabase, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { leadArticleOf, makeUser, postChecked } from '../support/crosscheck.ts';
import { seedStory } from '../support/web-client.ts';

const now = new Date('2025-10-27T12:00:00Z');
const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

describe.each(drivers)('stances, status changes and who hears of them, on %s', (driver) => {
  let t: TestDatabase;
  let storyId: number;
  let ada: CurrentUser, bo: CurrentUser, cy: CurrentUser, mod: CurrentUser;
  let figureId: number;
  let statingComment: number;

  beforeAll(async () => {
    t = await openTestDatabase(driver);
  });
  afterAll(() => t?.close());
  // Each case starts from a story whose first comment (ada's) states one unsourced figure.
  beforeEach(async () => {
    await emptyDatabase(t.db);
    storyId = await seedStory(t.db, 'Hyperscalers keep spending');
    [ada, bo, cy, mod] = [
      await makeUser(t.db, 'ada'),
      await makeUser(t.db, 'bo'),
      await makeUser(t.db, 'cy'),
      await makeUser(t.db, 'mo', 'moderator'),
    ];
    const { comment, checks } = await postChecked(t.db, {
      storyId,
      author: ada,
      text: 'Hyperscaler capex is up 50% this year.',
      now,
    });
    statingComment = comment.commentId;
    figureId = checks[0].stored.figureId!;
  });
  /** bo disputes the figure (with evidence), then cy supports it: the first two cases, for those that build on them. */
  const boDisputesCySupports = async () => {
    await Stances.take(t.db, {
      figureId,
      user: bo,
      stance: 'disputes',
      text: 'The filings say 38%.',
      evidenceUrl: 'https://sec.example/10q',
      evidenceQuote: 'capital expenditures increased 38%',
      parentId: statingComment,
      now: later(1),
    });
    await Stances.take(t.db, {
      figureId,
      user: cy,
      stance: 'supports',
      text: '',
      evidenceUrl: 'https://ir.example/q3',
      evidenceQuote: null,
      parentId: null,
      now: later(2),
    });
  };

  it('when a reader takes a stance on a comment’s figure, then a reply is posted under it and the stance is counted with its evidence', async () => {
    const { stance, commentId } = await Stances.take(t.db, {
      figureId,
      user: bo,
      stance: 'disputes',
      text: 'The filings say 38%.',
      evidenceUrl: 'https://sec.example/10q',
      evidenceQuote: 'capital expenditures increased 38%',
      parentId: statingComment,
      now: later(1),
    });
    const reply = await Comments.byId(t.db, commentId);
    expect(reply).toMatchObject({ parentId: statingComment, body: 'The filings say 38%.' });
    expect(stance).toMatchObject({
      figureId,
      userId: bo.userId,
      stance: 'disputes',
      evidenceUrl: 'https://sec.example/10q',
    });
    const review = await reviewOf(t.db, figureId, bo.userId);
    expect(review.counts).toEqual({ supports: 0, disputes: 1, context: 0 });
    expect(review.stances[0]).toMatchObject({ username: 'bo', evidenceQuote: 'capital expenditures increased 38%' });
  });

  it('when no parent is given, then the stance replies to the first comment stating the figure; with no text, a reply is written from the stance', async () => {
    const { commentId } = await Stances.take(t.db, {
      figureId,
      user: cy,
      stance: 'supports',
      text: '',
      evidenceUrl: 'https://ir.example/q3',
      evidenceQuote: null,
      parentId: null,
      now: later(2),
    });
    const reply = await Comments.byId(t.db, commentId);
    expect(reply!.parentId).toBe(statingComment);
    expect(reply!.body).toBe("This supports Hyperscaler's growth: https://ir.example/q3");
  });

  it('when one person changes their stance, then only their latest counts; a removed reply counts for nothing', async () => {
    await boDisputesCySupports();
    const { commentId } = await Stances.take(t.db, {
      figureId,
      user: cy,
      stance: 'disputes',
      text: 'Actually, no: that was guidance.',
      evidenceUrl: null,
      evidenceQuote: null,
      parentId: statingComment,
      now: later(3),
    });
    expect((await reviewOf(t.db, figureId, null)).counts).toEqual({ supports: 0, disputes: 2, context: 0 });
    await Comments.remove(t.db, { commentId, actor: cy, now: later(4) });
    // cy's latest stance is in a removed reply; their earlier "supports" does not come back either.
    expect((await reviewOf(t.db, figureId, null)).counts).toEqual({ supports: 1, disputes: 1, context: 0 });
  });

  it('when a stance is not one of the three, or its evidence is not an http(s) link, then it is refused and nothing is posted', async () => {
    const before = (await reviewOf(t.db, figureId, null)).stances.length;
    await expect(
      Stances.take(t.db, {
        figureId,
        user: bo,
        stance: 'likes',
        text: 'x',
        evidenceUrl: null,
        evidenceQuote: null,
        parentId: null,
        now,
      }),
    ).rejects.toMatchObject({ status: 422 });
    await expect(
      Stances.take(t.db, {
        figureId,
        user: bo,
        stance: 'supports',
        text: 'x',
        evidenceUrl: 'javascript:alert(1)',
        evidenceQuote: null,
        parentId: null,
        now,
      }),
    ).rejects.toMatchObject({ status: 422 });
    expect((await reviewOf(t.db, figureId, null)).stances.length).toBe(before);
  });

  it('when a figure is only in an article, then a stance starts a thread on that article’s story', async () => {
    const other = await seedStory(t.db, 'Neocloud report');
    await Ledger.replaceClaims(
      t.db,
      { articleId: await leadArticleOf(t.db, other) },
      extractClaims('Neocloud capex rose 78% this year.'),
      { extractorVersion: 'test', statedAt: now },
    );
    const [claim] = await Ledger.find(t.db, { subject: 'Neocloud', limit: 1 });
    const { commentId } = await Stances.take(t.db, {
      figureId: claim.figureId!,
      user: bo,
      stance: 'context',
      text: 'That includes leases.',
      evidenceUrl: null,
      evidenceQuote: null,
      parentId: null,
      now,
    });
    expect(await Comments.byId(t.db, commentId)).toMatchObject({ storyId: other, parentId: null });
  });

  it('when a moderator changes the status, then commenters, stance takers and watchers are notified — but not the moderator', async () => {
    await boDisputesCySupports();
    const watcher = await makeUser(t.db, 'wat');
    await Notices.watch(t.db, { userId: watcher.userId, figureId, on: true });
    await Notices.watch(t.db, { userId: mod.userId, figureId, on: true });
    await FigureStatus.setStatus(t.db, {
      figureId,
      to: 'disputed',
      reason: 'Filings show 38%, not 50%.',
      sourceUrl: null,
      moderator: mod,
      now: later(10),
    });
    for (const u of [ada, bo, watcher]) {
      const [notice] = await Notices.forUser(t.db, u.userId, { limit: 5 });
      expect(notice).toMatchObject({
        figureId,
        fromStatus: 'unsupported',
        toStatus: 'disputed',
        moderatorName: 'mo',
        read: false,
      });
    }
    // cy took stances on it, so hears of it too.
    expect(await Notices.unreadCount(t.db, cy.userId)).toBe(1);
    expect(await Notices.unreadCount(t.db, mod.userId)).toBe(0);
    await Notices.markAllRead(t.db, ada.userId, later(11));
    expect(await Notices.unreadCount(t.db, ada.userId)).toBe(0);
  });

  it('when the status change breaks a rule, then it is refused: same status, no reason, verified without a source link', async () => {
    await FigureStatus.setStatus(t.db, {
      figureId,
      to: 'disputed',
      reason: 'Filings show 38%, not 50%.',
      sourceUrl: null,
      moderator: mod,
      now: later(10),
    });
    const set = (to: string, reason: string, sourceUrl: string | null = null) =>
      FigureStatus.setStatus(t.db, { figureId, to, reason, sourceUrl, moderator: mod, now: later(20) });
    await expect(set('disputed', 'again')).rejects.toThrow(/already disputed/);
    await expect(set('incorrect', '   ')).rejects.toThrow(/reason/);
    await expect(set('verified', 'Checked the 10-Q.')).rejects.toThrow(/source/);
    await expect(set('verified', 'Checked the 10-Q.', 'not a url')).rejects.toThrow(/source/);
    await expect(set('unreviewed', 'reset')).rejects.toThrow(/Choose one of/);
    const change = await set('incorrect', 'The 10-Q says 38%.', 'https://sec.example/10q');
    expect(change).toMatchObject({
      fromStatus: 'disputed',
      toStatus: 'incorrect',
      sourceUrl: 'https://sec.example/10q',
      moderatorId: mod.userId,
    });
    expect((await FigureStatus.history(t.db, figureId)).map((h) => [h.toStatus, h.moderatorName])).toEqual([
      ['unsupported', null],
      ['disputed', 'mo'],
      ['incorrect', 'mo'],
    ]);
  });
});
