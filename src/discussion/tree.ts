/**
 * Materialised paths for threaded comments. A path is one fixed-width base-36 segment per level
 * (`000001.00000a`), so sorting paths as plain strings lists a thread depth-first with siblings in
 * creation order, and a whole subtree is one `path LIKE 'p.%'` range. Store the column with
 * `COLLATE "C"` so Postgres compares bytes as this module does.
 */

export const SEGMENT_WIDTH = 6;
const MAX_SEQ = 36 ** SEGMENT_WIDTH - 1; // ~2.2 billion replies per parent
const PATH_SHAPE = /^[0-9a-z]{6}(\.[0-9a-z]{6})*$/;

export function isValidPath(path: string): boolean {
  return PATH_SHAPE.test(path);
}

/** Path of the `siblingSeq`-th reply (1-based) to `parentPath`, or of a top-level comment when null. */
export function childPath(parentPath: string | null, siblingSeq: number): string {
  if (!Number.isInteger(siblingSeq) || siblingSeq < 1 || siblingSeq > MAX_SEQ) {
    throw new RangeError(`Sibling sequence out of range: ${siblingSeq}`);
  }
  if (parentPath !== null && !isValidPath(parentPath)) throw new RangeError(`Malformed comment path: ${parentPath}`);
  const segment = siblingSeq.toString(36).padStart(SEGMENT_WIDTH, '0');
  return parentPath === null ? segment : `${parentPath}.${segment}`;
}

/** 0 for a top-level comment, 1 for a reply to it, and so on. */
export function depthOf(path: string): number {
  return (path.length + 1) / (SEGMENT_WIDTH + 1) - 1;
}

export function parentPathOf(path: string): string | null {
  return path.length > SEGMENT_WIDTH ? path.slice(0, -(SEGMENT_WIDTH + 1)) : null;
}

export type TreeNode<T> = {
  row: T;
  /** Level within this tree (0 for its roots), so a "continue this thread" page starts again at 0. */
  depth: number;
  children: TreeNode<T>[];
  /** Replies cut by visibleDepthCut: non-zero means render "continue this thread (N more)". */
  hiddenReplies: number;
};

function byPath(a: { path: string }, b: { path: string }): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/**
 * Nests rows by path. Rows are sorted here (code-unit order), so callers need not trust the database
 * collation. A row whose parent is absent hangs from its nearest present ancestor, or becomes a root,
 * so filtering one comment out never hides its replies.
 */
export function buildTree<T extends { path: string }>(rows: readonly T[]): TreeNode<T>[] {
  const roots: TreeNode<T>[] = [];
  const nodes = new Map<string, TreeNode<T>>();
  for (const row of [...rows].sort(byPath)) {
    let parent: TreeNode<T> | undefined;
    for (let p = parentPathOf(row.path); p !== null && !parent; p = parentPathOf(p)) parent = nodes.get(p);
    const node: TreeNode<T> = { row, depth: parent ? parent.depth + 1 : 0, children: [], hiddenReplies: 0 };
    (parent ? parent.children : roots).push(node);
    nodes.set(row.path, node);
  }
  return roots;
}

/** Number of nodes below `node`; iterative because a single reply chain can be thousands deep. */
export function countDescendants<T>(node: TreeNode<T>): number {
  let count = 0;
  const stack = [...node.children];
  for (let next = stack.pop(); next; next = stack.pop()) {
    count += 1 + next.hiddenReplies;
    stack.push(...next.children);
  }
  return count;
}

/**
 * A copy of the tree showing depths 0..maxDepth. Nodes at maxDepth lose their children and record
 * how many replies were hidden, for a "continue this thread" link to the node's own page.
 */
export function visibleDepthCut<T>(tree: readonly TreeNode<T>[], maxDepth: number): TreeNode<T>[] {
  return tree.map((node) => {
    if (node.depth < maxDepth) return { ...node, children: visibleDepthCut(node.children, maxDepth) };
    return { ...node, children: [], hiddenReplies: countDescendants(node) + node.hiddenReplies };
  });
}

/**
 * Keeps about `budget` nodes, in reading order (depth-first, siblings as sorted). Nodes at depth
 * `alwaysDepth` or less always stay: roots on a discussion page (top-level comments paginate
 * elsewhere), a permalink's root and its direct replies (its link could lead nowhere else). Where
 * the budget runs out, a node keeps the replies read so far and counts the rest in hiddenReplies,
 * so its "continue this thread" link leads to them: a single thread of thousands of replies
 * renders a page, not a megabyte. In place.
 */
export function limitNodes<T>(tree: TreeNode<T>[], budget: number, alwaysDepth = 0): TreeNode<T>[] {
  let left = budget - tree.length;
  for (const root of tree) {
    // Explicit stack of [node, next child index]: a reply chain can be thousands deep.
    const stack: [TreeNode<T>, number][] = [[root, 0]];
    while (stack.length) {
      const top = stack[stack.length - 1];
      const [node, i] = top;
      const child = node.children[i];
      if (!child) {
        stack.pop();
      } else if (left <= 0 && child.depth > alwaysDepth) {
        const cut = node.children.splice(i);
        node.hiddenReplies += cut.reduce((n, c) => n + 1 + countDescendants(c) + c.hiddenReplies, 0);
        stack.pop();
      } else {
        left -= 1;
        top[1] = i + 1;
        stack.push([child, 0]);
      }
    }
  }
  return tree;
}

/**
 * Orders every node's replies by `compare` (e.g. commentScore, then age), in place: buildTree and
 * visibleDepthCut hand out fresh arrays. Iterative for the same reason as countDescendants.
 */
export function sortSiblings<T>(tree: TreeNode<T>[], compare: (a: T, b: T) => number): TreeNode<T>[] {
  const lists = [tree];
  for (let list = lists.pop(); list; list = lists.pop()) {
    list.sort((a, b) => compare(a.row, b.row));
    for (const node of list) lists.push(node.children);
  }
  return tree;
}
