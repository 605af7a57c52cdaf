import { and, asc, eq, isNotNull } from 'drizzle-orm';
import { canonicalEntity } from '../claims/entities.ts';
import { claims } from '../claims/claims.sql.ts';
import { EXTRACTOR_VERSION } from '../claims/extract/extract.ts';
import { findEntities } from '../claims/extract/subjects.ts';
import * as Ledger from '../claims/ledger.ts';
import type { Db } from '../db/client.ts';
import { inTransaction } from '../db/sql.ts';
import { errorMessage } from '../errors.ts';
import type { Logger } from '../log.ts';
import { comments, type Comment } from '../discussion/comments.sql.ts';
import { stories } from '../stories/stories.sql.ts';
import { checkText, type FigureCheck } from './check.ts';
import { claimChecks } from './crosscheck.sql.ts';
import * as FigureStatus from './figure-status.ts';

export type RecordedCheck = FigureCheck & { stored: Ledger.StoredClaim };

export type CommentFacts = Pick<Comment, 'commentId' | 'storyId' | 'parentId' | 'authorId' | 'body'>;

/**
 * Files a posted (or edited) comment's figures in the ledger with their checks. Figures nobody
 * sources are marked unsupported (the moderators' queue lists them); a later comment that finds
 * an article for an automatically unsupported figure marks it supported again.
 * The comment row itself belongs to the discussion module: this only reads it.
 */
export async function recordCommentFigures(
  db: Db,
  comment: CommentFacts,
  options: { now: Date },
): Promise<RecordedCheck[]> {
  const input = { ...comment, now: options.now };
  const threadSubjects = await threadSubjectsOf(db, input.parentId, input.storyId);
  const checks = await checkText(db, input.body, { threadSubjects, now: input.now });
  return inTransaction(db, async (tx) => {
    const stored = await Ledger.replaceClaims(
      tx,
      { commentId: input.commentId },
      checks.map((c) => c.claim),
      { extractorVersion: EXTRACTOR_VERSION, statedAt: input.now },
    );
    if (stored.length === 0) return [];
    const matched = (c: FigureCheck) => (c.support[0] ?? c.conflicts[0])?.claimId ?? null;
    await tx.insert(claimChecks).values(
      checks.map((c, i) => ({
        claimId: stored[i].claimId,
        outcome: c.outcome,
        matchedClaimId: matched(c),
        evidenceUrl: c.evidenceUrl,
        checkedAt: input.now,
      })),
    );
    for (const [i, c] of checks.entries()) {
      const figureId = stored[i].figureId;
      if (figureId === null) continue;
      if (c.outcome === 'unsourced') {
        await FigureStatus.markAutomatically(tx, {
          figureId,
          to: 'unsupported',
          reason: `No source found for “${c.claim.quote}” (comment #${input.commentId}).`,
          actorId: input.authorId,
          now: input.now,
        });
      } else if (c.outcome === 'supported') {
        await FigureStatus.markAutomatically(tx, {
          figureId,
          to: 'supported',
          reason: `Stated by ${sourceOf(c.support[0])}: “${c.support[0].quote}”.`,
          actorId: input.authorId,
          now: input.now,
        });
      }
    }
    return checks.map((c, i) => ({ ...c, stored: stored[i] }));
  });
}

/**
 * Who a thread is about, nearest first, for figures whose sentence names no known entity: the
 * subjects of the ancestor comments' figures, then of the story's article figures (most stated
 * first), then an entity in the story's title.
 */
export async function threadSubjectsOf(db: Db, parentId: number | null, storyId: number): Promise<string[]> {
  const found: string[] = [];
  for (let id = parentId, hops = 0; id !== null && hops < 50; hops++) {
    const named = await db
      .select({ subject: claims.subject })
      .from(claims)
      .where(and(eq(claims.commentId, id), isNotNull(claims.subject)))
      .orderBy(asc(claims.startOffset));
    found.push(...named.map((n) => n.subject!));
    const [parent] = await db.select({ parentId: comments.parentId }).from(comments).where(eq(comments.commentId, id));
    id = parent?.parentId ?? null;
  }
  const story = await Ledger.forStory(db, storyId);
  const counts = new Map<string, number>();
  for (const c of story)
    if (c.subject && canonicalEntity(c.subject)) counts.set(c.subject, (counts.get(c.subject) ?? 0) + 1);
  found.push(...[...counts].sort((a, b) => b[1] - a[1]).map(([s]) => s));
  const [row] = await db.select({ title: stories.title }).from(stories).where(eq(stories.storyId, storyId));
  if (row) found.push(...findEntities(row.title, { start: 0, end: row.title.length }).map((e) => e.name));
  return [...new Set(found)];
}

const sourceOf = (c: Ledger.LedgerClaim) =>
  c.source.kind === 'article' ? (c.source.feedTitle ?? c.source.title) : `comment #${c.source.commentId}`;

/**
 * For the comment-posting path: files the figures, but a failed check never fails the comment
 * (the reader would post it twice); it is logged and the comment simply has no checked figures.
 */
export async function recordAfterPosting(
  deps: { db: Db; log: Logger },
  comment: CommentFacts,
  options: { now: Date },
): Promise<void> {
  try {
    await recordCommentFigures(deps.db, comment, options);
  } catch (err) {
    deps.log.warn('figure check of a comment failed', { commentId: comment.commentId, error: errorMessage(err) });
  }
}
