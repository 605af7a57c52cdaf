import { and, asc, desc, eq, isNotNull, isNull, ne } from 'drizzle-orm';
import { articles } from '../articles/articles.sql.ts';
import { claims, figures } from '../claims/claims.sql.ts';
import * as Ledger from '../claims/ledger.ts';
import { figuresOfComments, type CommentFigure } from '../crosscheck/discussion-figures.ts';
import type { Db } from '../db/client.ts';
import { comments } from '../discussion/comments.sql.ts';
import { commentRemovals, flags } from './moderation.sql.ts';
import type { Target } from './targets.ts';

/** A quote in the text around it, for judging it without opening the page. */
export type Snippet = { before: string; quote: string; after: string; href: string; label: string };

/** What a queue row shows to judge the item: quotes in context and the ledger's entries. */
export type QueueContext = {
  snippets: Snippet[];
  /** The ledger's article entries for the same figure (any period). */
  ledger: Ledger.LedgerClaim[];
  /** When it has none: the nearest entries of the same measure about other subjects. */
  related: Ledger.LedgerClaim[];
  commentFigures: CommentFigure[];
  /** A comment's text (kept text when a moderator removed it). */
  body: string | null;
  storyArticles: { articleId: number; title: string }[];
  mergeSuggestion: number | null;
};

const AROUND = 140;

export async function contextOf(db: Db, target: Target): Promise<QueueContext> {
  const ctx: QueueContext = {
    snippets: [],
    ledger: [],
    related: [],
    commentFigures: [],
    body: null,
    storyArticles: [],
    mergeSuggestion: null,
  };
  const { kind, id } = target.item;
  if (target.figureId !== null) {
    ctx.snippets = kind === 'claim' ? await articleSnippet(db, id) : await commentSnippets(db, target.figureId);
    const entries = await entriesOfKey(db, target.figureId);
    ctx.ledger = entries.filter((e) => !(kind === 'claim' && e.claimId === id));
    if (ctx.ledger.length === 0) ctx.related = await relatedEntries(db, target.figureId);
  }
  if (kind === 'comment') {
    const [c] = await db
      .select({ body: comments.body, deletedAt: comments.deletedAt })
      .from(comments)
      .where(eq(comments.commentId, id));
    const [kept] = c?.deletedAt
      ? await db.select({ body: commentRemovals.body }).from(commentRemovals).where(eq(commentRemovals.commentId, id))
      : [];
    ctx.body = c?.deletedAt ? (kept?.body ?? null) : (c?.body ?? null);
    ctx.commentFigures = (await figuresOfComments(db, [id])).get(id) ?? [];
  }
  if (kind === 'story') {
    ctx.storyArticles = await db
      .select({ articleId: articles.articleId, title: articles.title })
      .from(articles)
      .where(eq(articles.storyId, id))
      .orderBy(asc(articles.publishedAt));
    const [suggested] = await db
      .select({ to: flags.mergeTargetId })
      .from(flags)
      .where(and(eq(flags.targetKind, 'story'), eq(flags.targetId, id), isNotNull(flags.mergeTargetId)))
      .orderBy(desc(flags.createdAt))
      .limit(1);
    ctx.mergeSuggestion = suggested?.to ?? null;
  }
  return ctx;
}

export function snippet(text: string, start: number, end: number): Pick<Snippet, 'before' | 'quote' | 'after'> {
  const from = Math.max(0, start - AROUND);
  const to = Math.min(text.length, end + AROUND);
  return {
    before: `${from > 0 ? '…' : ''}${text.slice(from, start)}`,
    quote: text.slice(start, end),
    after: `${text.slice(end, to)}${to < text.length ? '…' : ''}`,
  };
}

/** The latest comments still up that state the figure, each around its quote. */
async function commentSnippets(db: Db, figureId: number): Promise<Snippet[]> {
  const rows = await db
    .select({ commentId: comments.commentId, body: comments.body, start: claims.startOffset, end: claims.endOffset })
    .from(claims)
    .innerJoin(comments, eq(comments.commentId, claims.commentId))
    .where(and(eq(claims.figureId, figureId), isNull(comments.deletedAt)))
    .orderBy(desc(claims.statedAt))
    .limit(2);
  return rows.map((r) => ({
    ...snippet(r.body, r.start, r.end),
    href: `/comments/${r.commentId}`,
    label: `comment #${r.commentId}`,
  }));
}

async function articleSnippet(db: Db, claimId: number): Promise<Snippet[]> {
  const [r] = await db
    .select({
      articleId: articles.articleId,
      title: articles.title,
      text: articles.contentText,
      start: claims.startOffset,
      end: claims.endOffset,
    })
    .from(claims)
    .innerJoin(articles, eq(articles.articleId, claims.articleId))
    .where(eq(claims.claimId, claimId));
  return r
    ? [{ ...snippet(r.text, r.start, r.end), href: `/articles/${r.articleId}#claim-${claimId}`, label: r.title }]
    : [];
}

/** Article entries of every figure with this figure's subject and measure (periods apart), oldest first. */
async function entriesOfKey(db: Db, figureId: number): Promise<Ledger.LedgerClaim[]> {
  const [f] = await db.select().from(figures).where(eq(figures.figureId, figureId));
  const same = await db
    .select({ id: figures.figureId })
    .from(figures)
    .where(and(eq(figures.subjectKey, f.subjectKey), eq(figures.measure, f.measure)));
  return Ledger.articleClaimsOfFigures(
    db,
    same.map((s) => s.id),
  );
}

/** Up to three article entries of the same measure whose subjects share the most words with this one's. */
async function relatedEntries(db: Db, figureId: number): Promise<Ledger.LedgerClaim[]> {
  const [f] = await db.select().from(figures).where(eq(figures.figureId, figureId));
  const words = new Set(f.subjectKey.split(' '));
  const others = await db
    .select()
    .from(figures)
    .where(and(eq(figures.measure, f.measure), ne(figures.subjectKey, f.subjectKey)));
  const ranked = others
    .map((o) => ({ o, shared: o.subjectKey.split(' ').filter((w) => words.has(w)).length }))
    .sort((a, b) => b.shared - a.shared || a.o.figureId - b.o.figureId);
  const out: Ledger.LedgerClaim[] = [];
  for (const { o } of ranked) {
    if (out.length >= 3) break;
    out.push(
      ...((await Ledger.figureById(db, o.figureId))?.claims ?? [])
        .filter((c) => c.source.kind === 'article')
        .slice(0, 3 - out.length),
    );
  }
  return out;
}
