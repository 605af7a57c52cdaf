import type { Db } from '../db/client.ts';
import { figuresOfDiscussion, type CommentFigure } from '../crosscheck/discussion-figures.ts';
import * as FigureStatus from '../crosscheck/figure-status.ts';
import { conflictedClaims, storedComparable } from './compare.ts';
import { checkConsistency, type Finding } from './consistency.ts';
import * as Ledger from './ledger.ts';

export type StoryFigureChip = {
  claim: Ledger.LedgerClaim;
  contested: boolean;
  status: FigureStatus.FigureStatus;
  statusReason: string | null;
};

/**
 * A story's figures as chips, each marked when any source anywhere contradicts it and with its
 * review status; per-article consistency findings; and the figures its discussion states.
 */
export async function storyFigures(
  db: Db,
  storyId: number,
): Promise<{ chips: StoryFigureChip[]; findings: Finding[]; discussion: CommentFigure[] }> {
  const claims = await Ledger.forStory(db, storyId);
  const figureIds = [...new Set(claims.flatMap((c) => (c.figureId ? [c.figureId] : [])))];
  const all = await Ledger.claimsOfFigures(db, figureIds);
  const byFigure = new Map<number, ReturnType<typeof storedComparable>[]>();
  for (const c of all) {
    const list = byFigure.get(c.figureId!);
    if (list) list.push(storedComparable(c));
    else byFigure.set(c.figureId!, [storedComparable(c)]);
  }
  const contested = new Set<number>();
  for (const list of byFigure.values()) for (const c of conflictedClaims(list)) contested.add(c.claimId);
  const byArticle = new Map<number, Ledger.LedgerClaim[]>();
  for (const c of claims)
    if (c.source.kind === 'article')
      byArticle.set(c.source.articleId, [...(byArticle.get(c.source.articleId) ?? []), c]);
  const findings = [...byArticle.values()].flatMap((list) =>
    checkConsistency(
      list.map((c) => ({
        quote: c.quote,
        metric: c.metric as never,
        subject: c.subject,
        value: c.value,
        value_high: c.valueHigh,
        unit: c.unit as never,
        per: c.per,
        period: c.period,
        direction: c.direction as never,
      })),
    ),
  );
  const statuses = await FigureStatus.statusesOf(db, figureIds);
  const statusOf = (id: number | null) => (id ? statuses.get(id) : undefined);
  const chips = claims.map((claim) => ({
    claim,
    contested: contested.has(claim.claimId),
    status: statusOf(claim.figureId)?.status ?? 'unreviewed',
    statusReason: statusOf(claim.figureId)?.change?.reason ?? null,
  }));
  return { chips, findings, discussion: await figuresOfDiscussion(db, storyId) };
}
