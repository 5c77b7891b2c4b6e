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
  const byId = new Map<string, MapFlowNode>();
  const kept = new Set<string>();
  for (const node of nodes) {
    byId.set(node.id, node);
    if (node.id === DRAFT_NODE_ID || node.selected || node.dragging || intersects(boxOf(node, sizeOf(node.id)), region)) kept.add(node.id);
  }
  const keptEdges = edges.filter((edge) => {
    if (kept.has(edge.source) && kept.has(edge.target)) return true;
    const source = byId.get(edge.source);
    const target = byId.get(edge.target);
    if (!source || !target) return false;
    const a = boxOf(source, sizeOf(source.id));
    const b = boxOf(target, sizeOf(target.id));
    const x = Math.min(a.x, b.x);
    const y = Math.min(a.y, b.y);
    return intersects(
      { x, y, width: Math.max(a.x + a.width, b.x + b.width) - x, height: Math.max(a.y + a.height, b.y + b.height) - y },
      region,
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

/** The screen and one screen's width and height around it. */
export const regionAround = (view: Rect): Rect => ({
  x: view.x - view.width,
  y: view.y - view.height,
  width: view.width * 3,
  height: view.height * 3,
});
