import { and, asc, desc, eq, gt, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import { users } from '../accounts/accounts.sql.ts';
import type { Db } from '../db/client.ts';
import { commentViewColumns, type CommentView } from './comments.ts';
import { comments, storyDiscussions } from './comments.sql.ts';
import { buildTree, limitNodes, SEGMENT_WIDTH, sortSiblings, type TreeNode } from './tree.ts';

export type Sort = 'best' | 'new' | 'old';
export const SORTS: readonly Sort[] = ['best', 'new', 'old'];
export const parseSort = (value: string | undefined): Sort =>
  SORTS.includes(value as Sort) ? (value as Sort) : 'best';

/** Levels shown inline before "continue this thread"; enough for a real argument, still readable on a phone. */
export const MAX_VISIBLE_DEPTH = 6;
/** Top-level threads per page ("load more" fetches the next ones). */
export const THREADS_PER_PAGE = 30;
/** Most comments one page renders; the rest sit behind "continue this thread" links (tree.ts limitNodes). */
export const MAX_COMMENTS_PER_PAGE = 300;

export type ThreadNode = TreeNode<CommentView>;

const SQL_ORDER: Record<Sort, SQL[]> = {
  best: [desc(comments.score), asc(comments.createdAt), asc(comments.commentId)],
  new: [desc(comments.createdAt), desc(comments.commentId)],
  old: [asc(comments.createdAt), asc(comments.commentId)],
};

const byTime = (a: CommentView, b: CommentView) =>
  a.createdAt.getTime() - b.createdAt.getTime() || a.commentId - b.commentId;
const COMPARE: Record<Sort, (a: CommentView, b: CommentView) => number> = {
  best: (a, b) => b.score - a.score || byTime(a, b),
  new: (a, b) => byTime(b, a),
  old: byTime,
};

export type ThreadPage = { threads: ThreadNode[]; nextOffset: number | null; commentCount: number };

/**
 * One page of a story's discussion: `limit` top-level comments in `sort` order, each with its
 * replies down to maxDepth (siblings in the same order), at most maxComments in all. Deeper and
 * cut replies are counted, not rendered, for the "continue this thread" links. Three queries whatever the thread's size.
 */
export async function page(
  db: Db,
  opts: { storyId: number; sort: Sort; offset?: number; limit?: number; maxDepth?: number; maxComments?: number },
): Promise<ThreadPage> {
  const limit = opts.limit ?? THREADS_PER_PAGE;
  const offset = opts.offset ?? 0;
  const maxDepth = opts.maxDepth ?? MAX_VISIBLE_DEPTH;
  const roots = await db
    .select({ path: comments.path })
    .from(comments)
    .where(and(eq(comments.storyId, opts.storyId), eq(comments.depth, 0)))
    .orderBy(...SQL_ORDER[opts.sort])
    .limit(limit + 1)
    .offset(offset);
  const [counts] = await db
    .select({ n: storyDiscussions.commentCount })
    .from(storyDiscussions)
    .where(eq(storyDiscussions.storyId, opts.storyId));
  const shown = roots.slice(0, limit).map((r) => r.path);
  const nextOffset = roots.length > limit ? offset + limit : null;
  if (shown.length === 0) return { threads: [], nextOffset, commentCount: counts?.n ?? 0 };
  const inThreads = and(
    eq(comments.storyId, opts.storyId),
    inArray(sql`left(${comments.path}, ${SEGMENT_WIDTH})`, shown),
  );
  const threads = await load(db, inThreads!, 0, maxDepth, opts.sort);
  // buildTree sorted roots by path; restore the page's order.
  const rank = new Map(shown.map((p, i) => [p, i]));
  threads.sort((a, b) => rank.get(a.row.path)! - rank.get(b.row.path)!);
  limitNodes(threads, opts.maxComments ?? MAX_COMMENTS_PER_PAGE);
  return { threads, nextOffset, commentCount: counts?.n ?? 0 };
}

/** A comment with its replies to maxDepth below it, as its permalink page shows it. */
export async function subtree(
  db: Db,
  root: CommentView,
  opts: { sort: Sort; maxDepth?: number; maxComments?: number },
): Promise<ThreadNode> {
  const maxDepth = opts.maxDepth ?? MAX_VISIBLE_DEPTH;
  // Paths below p sort between "p." and "p/" ('/' follows '.' in byte order), so this is one index range.
  const below = and(
    eq(comments.storyId, root.storyId),
    or(
      eq(comments.path, root.path),
      and(gt(comments.path, `${root.path}.`), sql`${comments.path} < ${`${root.path}/`}`),
    ),
  );
  const [node] = await load(db, below!, root.depth, maxDepth, opts.sort);
  limitNodes([node], opts.maxComments ?? MAX_COMMENTS_PER_PAGE, 1);
  return node;
}

/** Rows matching `where` down to baseDepth+maxDepth as a tree, with deeper replies counted on the cut nodes. */
async function load(db: Db, where: SQL, baseDepth: number, maxDepth: number, sort: Sort): Promise<ThreadNode[]> {
  const cutDepth = baseDepth + maxDepth;
  const rows = await db
    .select(commentViewColumns)
    .from(comments)
    .innerJoin(users, eq(users.userId, comments.authorId))
    .where(and(where, lte(comments.depth, cutDepth)));
  const prefix = (cutDepth + 1) * (SEGMENT_WIDTH + 1) - 1;
  const hidden = await db
    .select({ ancestor: sql<string>`left(${comments.path}, ${prefix})`, n: sql<number>`count(*)::int` })
    .from(comments)
    .where(and(where, gt(comments.depth, cutDepth)))
    .groupBy(sql`1`);
  const hiddenBelow = new Map(hidden.map((h) => [h.ancestor, h.n]));
  const tree = sortSiblings(buildTree(rows), COMPARE[sort]);
  if (hiddenBelow.size) markHidden(tree, hiddenBelow, cutDepth);
  return tree;
}

function markHidden(tree: ThreadNode[], hiddenBelow: Map<string, number>, cutDepth: number): void {
  const stack = [...tree];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.row.depth === cutDepth) node.hiddenReplies = hiddenBelow.get(node.row.path) ?? 0;
    else stack.push(...node.children);
  }
}

/** Every comment id in these trees (to look up the viewer's votes in one query). */
export function idsOf(tree: ThreadNode[]): number[] {
  const ids: number[] = [];
  const stack = [...tree];
  for (let node = stack.pop(); node; node = stack.pop()) {
    ids.push(node.row.commentId);
    stack.push(...node.children);
  }
  return ids;
}
