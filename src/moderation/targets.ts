import { and, eq, isNull } from 'drizzle-orm';
import { users } from '../accounts/accounts.sql.ts';
import { articles } from '../articles/articles.sql.ts';
import { claims, figures } from '../claims/claims.sql.ts';
import { METRIC_LABELS } from '../claims/format.ts';
import { figureStances } from '../crosscheck/crosscheck.sql.ts';
import type { Db } from '../db/client.ts';
import { comments } from '../discussion/comments.sql.ts';
import { AppError } from '../errors.ts';
import { stories } from '../stories/stories.sql.ts';
import type { FlagTarget } from './moderation.sql.ts';

/** What the queue and the actions work on: an unsupported figure, or a flagged item. */
export const ITEM_KINDS = ['figure', 'claim', 'comment', 'story'] as const;
export type ItemKind = 'figure' | FlagTarget;
export type Item = { kind: ItemKind; id: number };

/** A target as the log and the permission checks need it. */
export type Target = {
  item: Item;
  label: string;
  path: string;
  /** People whose content this is (a moderator among them may not act on it). */
  ownerIds: number[];
  storyId: number | null;
  figureId: number | null;
  /** The comment's author, for warnings and suspensions. */
  author: { userId: number; username: string; role: string } | null;
  deleted: boolean;
};

export const isItemKind = (s: string): s is ItemKind => (ITEM_KINDS as readonly string[]).includes(s);
export const itemKey = (i: Item) => `${i.kind}-${i.id}`;

export async function describe(db: Db, item: Item): Promise<Target> {
  switch (item.kind) {
    case 'figure':
      return figureTarget(db, item.id, item);
    case 'claim': {
      const [c] = await db
        .select({ claim: claims, title: articles.title })
        .from(claims)
        .innerJoin(articles, eq(articles.articleId, claims.articleId))
        .where(eq(claims.claimId, item.id));
      if (!c) throw notFound();
      const figure = c.claim.figureId ? await figureTarget(db, c.claim.figureId, item) : null;
      return {
        item,
        label: `figure “${c.claim.quote}” in the article “${c.title}”`,
        path: `/articles/${c.claim.articleId}#claim-${c.claim.claimId}`,
        ownerIds: figure?.ownerIds ?? [],
        storyId: null,
        figureId: c.claim.figureId,
        author: null,
        deleted: false,
      };
    }
    case 'comment': {
      const [c] = await db
        .select({
          storyId: comments.storyId,
          authorId: comments.authorId,
          deletedAt: comments.deletedAt,
          username: users.username,
          role: users.role,
          title: stories.title,
        })
        .from(comments)
        .innerJoin(users, eq(users.userId, comments.authorId))
        .innerJoin(stories, eq(stories.storyId, comments.storyId))
        .where(eq(comments.commentId, item.id));
      if (!c) throw notFound();
      return {
        item,
        label: `comment #${item.id} by ${c.username} on “${c.title}”`,
        path: `/comments/${item.id}`,
        ownerIds: [c.authorId],
        storyId: c.storyId,
        figureId: null,
        author: { userId: c.authorId, username: c.username, role: c.role },
        deleted: c.deletedAt !== null,
      };
    }
    case 'story': {
      const [s] = await db
        .select({ title: stories.title, mergedInto: stories.mergedInto })
        .from(stories)
        .where(eq(stories.storyId, item.id));
      if (!s) throw notFound();
      return {
        item,
        label: `story “${s.title}”`,
        path: `/stories/${item.id}`,
        ownerIds: [],
        storyId: item.id,
        figureId: null,
        author: null,
        deleted: s.mergedInto !== null,
      };
    }
  }
}

/** A figure is the content of whoever stated it in a comment that is still up, or took a stance on it. */
async function figureTarget(db: Db, figureId: number, item: Item): Promise<Target> {
  const [f] = await db.select().from(figures).where(eq(figures.figureId, figureId));
  if (!f) throw notFound();
  const stated = await db
    .selectDistinct({ userId: comments.authorId })
    .from(claims)
    .innerJoin(comments, eq(comments.commentId, claims.commentId))
    .where(and(eq(claims.figureId, figureId), isNull(comments.deletedAt)));
  const stanced = await db
    .selectDistinct({ userId: figureStances.userId })
    .from(figureStances)
    .where(eq(figureStances.figureId, figureId));
  return {
    item,
    label: `figure “${f.subject} · ${METRIC_LABELS[f.measure] ?? f.measure}${f.period ? ` · ${f.period}` : ''}”`,
    path: `/figures/${figureId}`,
    ownerIds: [...new Set([...stated, ...stanced].map((r) => r.userId))],
    storyId: null,
    figureId,
    author: null,
    deleted: false,
  };
}

const notFound = () => new AppError('not_found', 'Nothing to moderate at that address.', { status: 404 });
