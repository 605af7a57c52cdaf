import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CurrentUser } from '../../src/accounts/accounts.ts';
import { extractClaims } from '../../src/claims/extract/extract.ts';
import * as Ledger from '../../src/claims/ledger.ts';
import { checkText } from '../../src/crosscheck/check.ts';
import { recordCommentFigures } from '../../src/crosscheck/comment-figures.ts';
import * as FigureStatus from '../../src/crosscheck/figure-status.ts';
import { leadArticleOf, makeUser, postChecked, seedDemoLedger } from '../support/crosscheck.ts';
import { drivers, emptyDatabase, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { seedStory } from '../support/web-client.ts';

const now = new Date('2025-10-27T12:00:00Z');

describe.each(drivers)('figures in comments, checked against the ledger, on %s', (driver) => {
  let t: TestDatabase;
  let storyId: number;
  let ada: CurrentUser;
  let mod: CurrentUser;
  const post = (text: string, parentId: number | null = null) =>
    postChecked(t.db, { storyId, parentId, author: ada, text, now });

  beforeAll(async () => {
    t = await openTestDatabase(driver);
  });
  afterAll(() => t?.close());
  // Each case starts from the demo ledger, one story and two accounts, whatever ran before it.
  beforeEach(async () => {
    await emptyDatabase(t.db);
    await seedDemoLedger(t.db);
    storyId = await seedStory(t.db, 'AI capex keeps climbing');
    [ada, mod] = [await makeUser(t.db, 'ada'), await makeUser(t.db, 'mo', 'moderator')];
  });

  it('when a comment states a figure an article states in the same terms, then it is supported by that article and quote', async () => {
    const [check] = await checkText(t.db, 'Cloud AI infrastructure spend grew 65% in 2023, which is wild.');
    expect(check.outcome).toBe('supported');
    expect(check.support[0]).toMatchObject({
      quote: '65%',
      source: { kind: 'article', feedTitle: expect.any(String) },
    });
    // The other article's 150% for the same figure is listed as a conflict beside the support.
    expect(check.conflicts.map((c) => c.value)).toEqual([150]);
  });

  it('when a comment states the figure beyond the tolerance of every source, then it conflicts with each', async () => {
    const [check] = await checkText(t.db, 'Cloud AI infrastructure spend grew 40% in 2023.');
    expect(check.outcome).toBe('conflicts');
    expect(check.conflicts.map((c) => c.value).sort((a, b) => a - b)).toEqual([65, 150]);
  });

  it('when a comment names no period, then every period of the figure is considered', async () => {
    const [check] = await checkText(t.db, 'Cloud AI infrastructure spend is up 45%.');
    expect(check.outcome).toBe('supported');
    expect(check.support[0].period).toMatch(/2024-2025/);
    expect(check.byEstimate).toBe(true); // only the projection agrees
  });

  it('when nobody states a figure and the comment cites nothing, then it is stored unsourced and its figure becomes unsupported', async () => {
    const { comment, checks } = await post('Hyperscaler capex is up 50% and nobody shows the returns.');
    expect(checks.map((c) => c.outcome)).toEqual(['unsourced']);
    const stored = await Ledger.figureById(t.db, checks[0].stored.figureId!);
    expect(stored!.claims.map((c) => c.source)).toEqual([{ kind: 'comment', commentId: comment.commentId }]);
    const status = await FigureStatus.statusOf(t.db, checks[0].stored.figureId!);
    expect(status).toMatchObject({ status: 'unsupported', change: { fromStatus: 'unreviewed', moderatorId: null } });
    expect(status.change!.reason).toContain('50%');
  });

  it('when a comment links a source for its figure, then the link is its citation and it is not marked unsupported', async () => {
    const { checks } = await post('Sovereign AI fund capex is up 30% ([filing](https://sec.example/10k)).');
    expect(checks[0]).toMatchObject({ outcome: 'cited', evidenceUrl: 'https://sec.example/10k' });
    expect((await FigureStatus.statusOf(t.db, checks[0].stored.figureId!)).status).toBe('unreviewed');
  });

  it('when a reply names nobody ("capex is up 50%"), then it is about whom its thread is about', async () => {
    const { comment, checks: parent } = await post('Hyperscaler capex is up 50% again.');
    const { checks } = await post('Right, capex is up 50% and still climbing.', comment.commentId);
    expect(checks[0].claim.subject).toBe('Hyperscaler');
    expect(checks[0].stored.figureId).toBe(parent[0].stored.figureId);
  });

  it('when no one in the thread or the title is named, then the figure is unattributed and files no figure', async () => {
    const { checks } = await post('capex is up 50%');
    expect(checks[0]).toMatchObject({ outcome: 'unattributed', stored: { figureId: null } });
  });

  it('when an article later states an automatically unsupported figure, then the next comment that finds it marks it supported', async () => {
    const articleStory = await seedStory(t.db, 'Neocloud capex report');
    const { checks } = await post('Neocloud capex is up 80%.');
    const figureId = checks[0].stored.figureId!;
    expect((await FigureStatus.statusOf(t.db, figureId)).status).toBe('unsupported');
    const text = 'Neocloud capex rose 78% this year.';
    const articleId = await leadArticleOf(t.db, articleStory);
    await Ledger.replaceClaims(t.db, { articleId }, extractClaims(text), { extractorVersion: 'test', statedAt: now });
    const again = await post('As I said, Neocloud capex is up 80%.');
    expect(again.checks[0].outcome).toBe('supported');
    const status = await FigureStatus.statusOf(t.db, figureId);
    expect(status).toMatchObject({ status: 'supported', change: { fromStatus: 'unsupported', moderatorId: null } });
  });

  it('when a moderator has decided a figure, then later checks never change its status', async () => {
    const { checks } = await post('Edge AI capex is up 25%.');
    const figureId = checks[0].stored.figureId!;
    await FigureStatus.setStatus(t.db, {
      figureId,
      to: 'disputed',
      reason: 'Edge capex is not reported separately.',
      sourceUrl: null,
      moderator: mod,
      now,
    });
    await post('Edge AI capex is up 25%, I insist.');
    expect((await FigureStatus.history(t.db, figureId)).map((h) => h.toStatus)).toEqual(['unsupported', 'disputed']);
  });

  it('when a comment is edited, then its figures and checks are replaced, not added to', async () => {
    const { comment } = await post('Robotics capex is up 10%.');
    const edited = 'Robotics capex is up 12% and robotics revenue rose 5%.';
    const checks = await recordCommentFigures(t.db, { ...comment, body: edited }, { now });
    expect(checks.map((c) => c.claim.quote)).toEqual(['12%', '5%']);
    const all = await Ledger.find(t.db, { subject: 'Robotics', limit: 10 });
    expect(all.map((c) => c.quote).sort()).toEqual(['12%', '5%']);
  });
});
