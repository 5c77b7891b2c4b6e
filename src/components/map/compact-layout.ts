/**
 * A compact tree arrangement for the collapsed graph: what argues about a claim sits below it; a
 * claim whose visible children are all leaves gets them in staggered rows of at most
 * {@link MAX_COLUMNS}, so a thesis with ten arguments is a 4-3-3 block that fits a laptop screen at
 * a legible zoom instead of a 3,000 px wide row. Linear in the visible nodes and synchronous
 * (well under a millisecond for the ~50 nodes a collapsed map shows), so it needs no worker.
 * Shown only while something is collapsed, and never saved: the positions people arranged come
 * back on "Expand all".
 */
import type { MapView } from '@/server/domain/maps/get-map';
import { mapTree } from './map-tree';
import { estimateNodeSize } from './node-size';

export type Size = { width: number; height: number };

const GAP_X = 36;
const GAP_ROW = 48;
const LAYER_GAP = 80;
const ROOT_GAP = 120;
export const MAX_COLUMNS = 4;
/** A parent with at most this many leaf children keeps them in one row. */
const ROW_LIMIT = 3;

interface Block {
  width: number;
  height: number;
  place(x: number, y: number, out: Map<string, { x: number; y: number }>): void;
}

/**
 * Top-left positions for every node of `visible` (a map already filtered to what is shown).
 * `extraChild` lets a draft node take its slot under its parent.
 */
export function compactLayout(
  full: MapView,
  visible: MapView,
  sizeOf: (id: string) => Size | null,
  extraChild?: { id: string; parentId: string | null; size: Size },
): Map<string, { x: number; y: number }> {
  const tree = mapTree(full);
  const shown = new Set<string>([...visible.claims.map((claim) => claim.id), ...visible.evidence.map((item) => item.id)]);
  const textOf = new Map<string, { kind: 'claim' | 'evidence'; text: string }>();
  for (const claim of visible.claims) textOf.set(claim.id, { kind: 'claim', text: claim.text });
  for (const item of visible.evidence) textOf.set(item.id, { kind: 'evidence', text: item.exact });
  const size = (id: string): Size => {
    if (extraChild && id === extraChild.id) return extraChild.size;
    const measured = sizeOf(id);
    if (measured) return measured;
    const known = textOf.get(id);
    return known ? estimateNodeSize(known.kind, known.text) : { width: 260, height: 100 };
  };
  const childrenOf = (id: string): string[] => {
    const kids = (tree.childrenOf.get(id) ?? []).filter((child) => shown.has(child));
    if (extraChild && extraChild.parentId === id) kids.push(extraChild.id);
    return kids;
  };

  const block = (id: string, depth: number): Block => {
    const own = size(id);
    const kids = depth > 200 ? [] : childrenOf(id);
    if (kids.length === 0) {
      return { width: own.width, height: own.height, place: (x, y, out) => out.set(id, { x, y }) };
    }
    const blocks = kids.map((kid) => block(kid, depth + 1));
    const isLeafFan = blocks.length > ROW_LIMIT && kids.every((kid) => childrenOf(kid).length === 0);
    let childrenWidth: number;
    let childrenHeight: number;
    let placeChildren: (x: number, y: number, out: Map<string, { x: number; y: number }>) => void;
    if (isLeafFan) {
      const rows = Math.ceil(blocks.length / MAX_COLUMNS);
      const columns = Math.ceil(blocks.length / rows);
      const cell = Math.max(...blocks.map((b) => b.width)) + GAP_X;
      const rowHeights: number[] = [];
      for (let row = 0; row < rows; row += 1) {
        rowHeights.push(Math.max(...blocks.slice(row * columns, (row + 1) * columns).map((b) => b.height)));
      }
      // Odd rows shift by half a cell, so their links rise through the gaps of the row above.
      const stagger = rows > 1 ? cell / 2 : 0;
      childrenWidth = columns * cell - GAP_X + stagger;
      childrenHeight = rowHeights.reduce((sum, h) => sum + h, 0) + GAP_ROW * (rows - 1);
      placeChildren = (x, y, out) => {
        let top = y;
        for (let row = 0; row < rows; row += 1) {
          const items = blocks.slice(row * columns, (row + 1) * columns);
          const shift = row % 2 === 1 ? stagger : 0;
          items.forEach((b, column) => b.place(x + shift + column * cell, top, out));
          top += rowHeights[row]! + GAP_ROW;
        }
      };
    } else {
      childrenWidth = blocks.reduce((sum, b) => sum + b.width, 0) + GAP_X * (blocks.length - 1);
      childrenHeight = Math.max(...blocks.map((b) => b.height));
      placeChildren = (x, y, out) => {
        let left = x;
        for (const b of blocks) {
          b.place(left, y, out);
          left += b.width + GAP_X;
        }
      };
    }
    const width = Math.max(own.width, childrenWidth);
    return {
      width,
      height: own.height + LAYER_GAP + childrenHeight,
      place: (x, y, out) => {
        out.set(id, { x: Math.round(x + (width - own.width) / 2), y });
        placeChildren(x + (width - childrenWidth) / 2, y + own.height + LAYER_GAP, out);
      },
    };
  };

  const out = new Map<string, { x: number; y: number }>();
  const roots = tree.roots.filter((id) => shown.has(id));
  // Nodes the tree does not reach from a shown root (e.g. a child of a hidden secondary parent).
  const reached = new Set<string>();
  const mark = (id: string) => {
    const stack = [id];
    while (stack.length > 0) {
      const next = stack.pop()!;
      if (reached.has(next)) continue;
      reached.add(next);
      stack.push(...childrenOf(next));
    }
  };
  roots.forEach(mark);
  for (const id of shown) {
    if (reached.has(id)) continue;
    roots.push(id);
    mark(id);
  }
  if (extraChild && extraChild.parentId === null) roots.push(extraChild.id);

  let left = 0;
  for (const root of roots) {
    const b = block(root, 0);
    b.place(left, 0, out);
    left += b.width + ROOT_GAP;
  }
  return out;
}
