import { describe, expect, it } from 'vitest';
import {
  type TreeNode,
  buildTree,
  childPath,
  countDescendants,
  depthOf,
  isValidPath,
  limitNodes,
  parentPathOf,
  sortSiblings,
  visibleDepthCut,
} from '../../src/discussion/tree.ts';

type Row = { id: number; path: string };

function flatten<T>(tree: TreeNode<T>[]): T[] {
  return tree.flatMap((n) => [n.row, ...flatten(n.children)]);
}

/** A deterministic pseudo-random thread: each comment replies to an earlier one or starts a new thread. */
function randomThread(size: number): Row[] {
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const rows: Row[] = [];
  const replies = new Map<string | null, number>();
  for (let id = 1; id <= size; id++) {
    const parent = rows.length === 0 || random() < 0.1 ? null : rows[Math.floor(random() * rows.length)].path;
    const seq = (replies.get(parent) ?? 0) + 1;
    replies.set(parent, seq);
    rows.push({ id, path: childPath(parent, seq) });
  }
  return rows;
}

describe('childPath and depthOf', () => {
  it('when building paths, then segments are six base-36 characters joined by dots', () => {
    expect(childPath(null, 1)).toBe('000001');
    expect(childPath('000001', 10)).toBe('000001.00000a');
    expect(childPath('000001.00000a', 36)).toBe('000001.00000a.000010');
  });

  it('when measuring depth, then top-level is 0 and each reply adds one', () => {
    expect(depthOf('000001')).toBe(0);
    expect(depthOf('000001.00000a.000010')).toBe(2);
    expect(parentPathOf('000001.00000a')).toBe('000001');
    expect(parentPathOf('000001')).toBeNull();
  });

  it('when sorting paths as strings, then parents precede children and siblings keep sequence order', () => {
    const paths = [
      childPath(null, 2),
      childPath(null, 1),
      childPath('000001', 36),
      childPath('000001', 9),
      childPath('000001', 10),
    ];
    expect([...paths].sort()).toEqual(['000001', '000001.000009', '000001.00000a', '000001.000010', '000002']);
  });

  it('when the sequence or parent is invalid, then childPath throws', () => {
    for (const seq of [0, -1, 1.5, 36 ** 6]) expect(() => childPath(null, seq)).toThrow(RangeError);
    expect(() => childPath('00001', 1)).toThrow(RangeError);
    expect(isValidPath('000001.00000A')).toBe(false);
  });
});

describe('buildTree', () => {
  it('when rows arrive in any order, then they nest under their parents in path order', () => {
    const rows = [
      { id: 3, path: '000001.000002' },
      { id: 1, path: '000001' },
      { id: 4, path: '000002' },
      { id: 2, path: '000001.000001' },
      { id: 5, path: '000001.000001.000001' },
    ];
    const tree = buildTree(rows);
    expect(tree.map((n) => n.row.id)).toEqual([1, 4]);
    expect(tree[0].children.map((n) => n.row.id)).toEqual([2, 3]);
    expect(tree[0].children[0].children[0]).toMatchObject({ depth: 2, row: { id: 5 } });
  });

  it('when a parent is missing, then its replies hang from the nearest present ancestor', () => {
    const tree = buildTree([
      { id: 1, path: '000001' },
      { id: 3, path: '000001.000001.000001' },
      { id: 9, path: '000005.000001' },
    ]);
    expect(tree.map((n) => n.row.id)).toEqual([1, 9]);
    expect(tree[0].children[0]).toMatchObject({ depth: 1, row: { id: 3 } });
  });

  it('when building a subtree page, then depth restarts at its root', () => {
    const tree = buildTree([
      { id: 1, path: '000001.000001' },
      { id: 2, path: '000001.000001.000001' },
    ]);
    expect(tree[0].depth).toBe(0);
    expect(tree[0].children[0].depth).toBe(1);
  });

  it('when given 5,000 comments, then every one appears once, depth-first in path order', () => {
    const rows = randomThread(5000);
    const tree = buildTree([...rows].reverse());
    const flat = flatten(tree);
    expect(flat).toHaveLength(5000);
    expect(flat.map((r) => r.path)).toEqual(rows.map((r) => r.path).sort());
    expect(tree.reduce((sum, root) => sum + 1 + countDescendants(root), 0)).toBe(5000);
  });

  it('when one reply chain is 5,000 deep, then building, counting and sorting do not overflow the stack', () => {
    const rows: Row[] = [];
    let path: string | null = null;
    for (let id = 1; id <= 5000; id++) rows.push({ id, path: (path = childPath(path, 1)) });
    const tree = buildTree(rows);
    expect(countDescendants(tree[0])).toBe(4999);
    expect(sortSiblings(tree, (a, b) => a.id - b.id)).toBe(tree);
    expect(visibleDepthCut(tree, 8)[0].children[0].children).toHaveLength(1);
  });
});

describe('visibleDepthCut', () => {
  const rows = [
    { id: 1, path: '000001' },
    { id: 2, path: '000001.000001' },
    { id: 3, path: '000001.000001.000001' },
    { id: 4, path: '000001.000001.000001.000001' },
    { id: 5, path: '000001.000002' },
  ];

  it('when a thread is deeper than maxDepth, then nodes at maxDepth lose their replies and count them', () => {
    const cut = visibleDepthCut(buildTree(rows), 1);
    const two = cut[0].children[0];
    expect(two).toMatchObject({ row: { id: 2 }, children: [], hiddenReplies: 2 });
    expect(cut[0].children[1]).toMatchObject({ row: { id: 5 }, hiddenReplies: 0 });
    expect(cut[0].hiddenReplies).toBe(0);
  });

  it('when cutting, then the original tree is unchanged', () => {
    const tree = buildTree(rows);
    visibleDepthCut(tree, 0);
    expect(flatten(tree)).toHaveLength(5);
  });

  it('when cutting 5,000 comments at depth 5, then visible plus hidden adds up to all of them', () => {
    const cut = visibleDepthCut(buildTree(randomThread(5000)), 5);
    const visible: TreeNode<Row>[] = [];
    const walk = (nodes: TreeNode<Row>[]) =>
      nodes.forEach((n) => {
        visible.push(n);
        walk(n.children);
      });
    walk(cut);
    expect(Math.max(...visible.map((n) => n.depth))).toBeLessThanOrEqual(5);
    expect(visible.length + visible.reduce((s, n) => s + n.hiddenReplies, 0)).toBe(5000);
  });
});

describe('sortSiblings', () => {
  it('when sorting by a score, then each level is reordered and the nesting kept', () => {
    const tree = buildTree([
      { id: 1, path: '000001' },
      { id: 2, path: '000002' },
      { id: 3, path: '000001.000001' },
      { id: 4, path: '000001.000002' },
    ]);
    sortSiblings(tree, (a, b) => b.id - a.id);
    expect(tree.map((n) => n.row.id)).toEqual([2, 1]);
    expect(tree[1].children.map((n) => n.row.id)).toEqual([4, 3]);
  });
});

describe('limitNodes', () => {
  const total = (tree: TreeNode<Row>[]) => tree.reduce((n, r) => n + 1 + countDescendants(r) + r.hiddenReplies, 0);

  it('when a page holds more comments than the budget, then the first ones in reading order stay and every cut one is counted where it was cut', () => {
    const rows = randomThread(2_000);
    const full = buildTree(rows);
    const order = flatten(full).map((r) => r.id);
    const cut = limitNodes(buildTree(rows), 300);
    const shown = flatten(cut).map((r) => r.id);
    const roots = full.length;
    expect(shown.length).toBe(Math.max(300, roots));
    // Reading order is kept; replies come in order up to the budget, later threads keep only their roots.
    expect(shown.filter((id) => !full.some((r) => r.row.id === id))).toEqual(
      order.filter((id) => !full.some((r) => r.row.id === id)).slice(0, shown.length - roots),
    );
    expect(total(cut)).toBe(rows.length);
  });

  it('when a chain is thousands deep, then it is cut without recursion and the cut node counts the rest', () => {
    const rows: Row[] = [];
    for (let id = 1, path: string | null = null; id <= 5_000; id++)
      rows.push({ id, path: (path = childPath(path, 1)) });
    const [root] = limitNodes(buildTree(rows), 10);
    expect(flatten([root])).toHaveLength(10);
    expect(total([root])).toBe(5_000);
  });

  it('when a permalink root has more direct replies than the budget, then all of them stay and only their replies are cut', () => {
    const rows: Row[] = [{ id: 0, path: childPath(null, 1) }];
    for (let i = 1; i <= 50; i++) {
      rows.push({ id: i, path: childPath(rows[0].path, i) });
      rows.push({ id: 1000 + i, path: childPath(childPath(rows[0].path, i), 1) });
    }
    const [root] = limitNodes(buildTree(rows), 20, 1);
    expect(root.children).toHaveLength(50);
    expect(root.hiddenReplies).toBe(0);
    expect(total([root])).toBe(101);
    // Budget 20: the root, nine replies with their answers, the tenth reply; its answer and every later one are cut.
    expect(root.children.filter((c) => c.hiddenReplies === 1)).toHaveLength(41);
  });
});
