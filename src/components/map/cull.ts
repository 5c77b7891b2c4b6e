/**
 * Viewport culling for big maps (pure, unit-tested): which nodes and links the graph hands to
 * React Flow, and the region around the screen that decides it.
 */
import { DRAFT_NODE_ID, NODE_WIDTH, type MapFlowNode, type RelationFlowEdge } from './flow-elements';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A node's box in flow coordinates: its measured size when known, else React Flow's, else the estimate. */
export function boxOf(node: MapFlowNode, measured: { width: number; height: number } | null): Rect {
  return {
    x: node.position.x,
    y: node.position.y,
    width: measured?.width ?? node.measured?.width ?? node.initialWidth ?? NODE_WIDTH,
    height: measured?.height ?? node.measured?.height ?? node.initialHeight ?? 100,
  };
}

export const intersects = (a: Rect, b: Rect) =>
  a.x <= b.x + b.width && b.x <= a.x + a.width && a.y <= b.y + b.height && b.y <= a.y + a.height;
export const contains = (outer: Rect, inner: Rect) =>
  inner.x >= outer.x &&
  inner.y >= outer.y &&
  inner.x + inner.width <= outer.x + outer.width &&
  inner.y + inner.height <= outer.y + outer.height;

/**
 * What a big map hands to React Flow: the nodes in `region` (the screen and a screen's width around
 * it), the links that cross it and their ends, the selection, the draft and whatever is being
 * dragged. React Flow's own bookkeeping (its store, which it walks on every change and every
 * viewport move for visibility, edge positions and connections) then grows with what is near the
 * screen, not with the map: a change to a 10,000-claim map costs about what it costs on a small one.
 */
export function cullToRegion(
  nodes: readonly MapFlowNode[],
  edges: readonly RelationFlowEdge[],
  region: Rect,
  sizeOf: (id: string) => { width: number; height: number } | null,
): { nodes: MapFlowNode[]; edges: RelationFlowEdge[] } {
  // Allocation-free boxes (left, top, right, bottom per node): this runs over every node and link
  // of a 10,000-claim map on each change.
  const boxes = new Map<string, [number, number, number, number]>();
  const kept = new Set<string>();
  const right = region.x + region.width;
  const bottom = region.y + region.height;
  for (const node of nodes) {
    const measured = sizeOf(node.id);
    const { x, y } = node.position;
    const box: [number, number, number, number] = [
      x,
      y,
      x + (measured?.width ?? node.measured?.width ?? node.initialWidth ?? NODE_WIDTH),
      y + (measured?.height ?? node.measured?.height ?? node.initialHeight ?? 100),
    ];
    boxes.set(node.id, box);
    const isNear = box[0] <= right && box[1] <= bottom && box[2] >= region.x && box[3] >= region.y;
    if (isNear || node.id === DRAFT_NODE_ID || node.selected || node.dragging) kept.add(node.id);
  }
  const keptEdges = edges.filter((edge) => {
    if (kept.has(edge.source) && kept.has(edge.target)) return true;
    const a = boxes.get(edge.source);
    const b = boxes.get(edge.target);
    if (!a || !b) return false;
    // The box spanning both ends meets the region.
    return (
      Math.min(a[0], b[0]) <= right &&
      Math.min(a[1], b[1]) <= bottom &&
      Math.max(a[2], b[2]) >= region.x &&
      Math.max(a[3], b[3]) >= region.y
    );
  });
  for (const edge of keptEdges) {
    kept.add(edge.source);
    kept.add(edge.target);
  }
  return { nodes: nodes.filter((node) => kept.has(node.id)), edges: keptEdges };
}

/** The screen in flow coordinates. */
export function viewOf(transform: [number, number, number], width: number, height: number): Rect {
  const [x, y, zoom] = transform;
  const w = width > 0 ? width : window.innerWidth;
  const h = height > 0 ? height : window.innerHeight;
  return { x: -x / zoom, y: -y / zoom, width: w / zoom, height: h / zoom };
}

/** The screen and half a screen's width and height around it. */
export const regionAround = (view: Rect): Rect => ({
  x: view.x - view.width / 2,
  y: view.y - view.height / 2,
  width: view.width * 2,
  height: view.height * 2,
});
