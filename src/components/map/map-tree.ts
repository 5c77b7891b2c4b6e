/**
 * The map read as a tree for navigation and collapsing: every node hangs under one "primary"
 * parent (the claim its first link points to), theses are the roots. A claim that argues about
 * several claims still appears once, under its first; cycles are cut where they close.
 * Pure and memoised per MapView, so the graph, the focus view and the layout share one pass.
 */
import type { MapView } from '@/server/domain/maps/get-map';
import { indexMap, linkFromId, rootClaims } from './map-index';

export interface MapTree {
  /** Primary parent claim of every claim and passage reached from a root. */
  parentOf: Map<string, string>;
  /** Children in the tree (claims and passages), supporters before opposers, then creation order. */
  childrenOf: Map<string, string[]>;
  /** 0 for theses. */
  depthOf: Map<string, number>;
  /** How many nodes hang below each node in the tree. */
  descendantCount: Map<string, number>;
  /** Tree roots in order (theses, then whatever no thesis reaches). */
  roots: string[];
}

const cache = new WeakMap<MapView, MapTree>();

export function mapTree(map: MapView): MapTree {
  const cached = cache.get(map);
  if (cached) return cached;
  const index = indexMap(map);
  const parentOf = new Map<string, string>();
  const childrenOf = new Map<string, string[]>();
  const depthOf = new Map<string, number>();
  const roots: string[] = [];
  /** Every node in visiting order: parents before their children. */
  const order: string[] = [];

  const visit = (rootId: string) => {
    if (depthOf.has(rootId)) return;
    roots.push(rootId);
    depthOf.set(rootId, 0);
    const queue = [rootId];
    for (let head = 0; head < queue.length; head += 1) {
      const id = queue[head]!;
      order.push(id);
      const links = index.incoming.get(id) ?? [];
      const kids: string[] = [];
      // Supporters first, then opposers, each in creation order.
      for (const relation of ['support', 'oppose'] as const) {
        for (const link of links) {
          if (link.relation !== relation) continue;
          const childId = linkFromId(link);
          if (depthOf.has(childId)) continue;
          if (!index.claimById.has(childId) && !index.evidenceById.has(childId)) continue;
          depthOf.set(childId, depthOf.get(id)! + 1);
          parentOf.set(childId, id);
          kids.push(childId);
          queue.push(childId);
        }
      }
      if (kids.length > 0) childrenOf.set(id, kids);
    }
  };
  for (const claim of rootClaims(map)) visit(claim.id);
  // Whatever no thesis reaches (a cycle with nothing above it, a stray passage) gets its own tree.
  for (const claim of map.claims) visit(claim.id);
  for (const item of map.evidence) visit(item.id);

  const descendantCount = new Map<string, number>();
  const count = (id: string): number => {
    const known = descendantCount.get(id);
    if (known !== undefined) return known;
    let total = 0;
    const stack = [...(childrenOf.get(id) ?? [])];
    while (stack.length > 0) {
      const next = stack.pop()!;
      total += 1;
      for (const child of childrenOf.get(next) ?? []) stack.push(child);
    }
    descendantCount.set(id, total);
    return total;
  };
  // Children before parents (the reverse of the visit), so each count reuses its children's.
  for (let i = order.length - 1; i >= 0; i -= 1) {
    const id = order[i]!;
    let total = 0;
    for (const child of childrenOf.get(id) ?? []) total += 1 + (descendantCount.get(child) ?? count(child));
    descendantCount.set(id, total);
  }

  const tree = { parentOf, childrenOf, depthOf, descendantCount, roots };
  cache.set(map, tree);
  return tree;
}

/** From the thesis down to `id` (inclusive). */
export function pathToRoot(map: MapView, id: string): string[] {
  const { parentOf } = mapTree(map);
  const path = [id];
  const seen = new Set(path);
  let current = parentOf.get(id);
  while (current && !seen.has(current)) {
    path.unshift(current);
    seen.add(current);
    current = parentOf.get(current);
  }
  return path;
}

/** Above this many nodes a map opens collapsed. */
export const COLLAPSE_THRESHOLD = 60;
/** A map opens with at most this many nodes shown (when it is collapsed at all), so they fit a laptop screen legibly. */
export const OPENING_NODE_BUDGET = 16;

/** The nodes to collapse so that only levels 0..level show: every node at `level` that has children. */
export function collapseToLevel(map: MapView, level: number): Set<string> {
  const tree = mapTree(map);
  const collapsed = new Set<string>();
  for (const [id, depth] of tree.depthOf) if (depth === level && tree.childrenOf.has(id)) collapsed.add(id);
  return collapsed;
}

/**
 * How a map opens: small maps fully expanded; bigger ones with the thesis and the first two
 * levels when those fit {@link OPENING_NODE_BUDGET}, else the thesis and the first level (the demo
 * map: a thesis with ten arguments, each of which has two to six of its own).
 */
export function defaultCollapsed(map: MapView): Set<string> {
  const total = map.claims.length + map.evidence.length;
  if (total <= COLLAPSE_THRESHOLD) return new Set();
  return collapseToLevel(map, defaultLevel(map));
}

export function defaultLevel(map: MapView): number {
  const { depthOf } = mapTree(map);
  const upTo = (level: number) => [...depthOf.values()].filter((depth) => depth <= level).length;
  return upTo(2) <= OPENING_NODE_BUDGET ? 2 : 1;
}

/** Nodes hidden because an ancestor is collapsed. */
export function hiddenNodes(map: MapView, collapsed: ReadonlySet<string>): Set<string> {
  const hidden = new Set<string>();
  if (collapsed.size === 0) return hidden;
  const { childrenOf } = mapTree(map);
  for (const id of collapsed) {
    if (hidden.has(id)) continue;
    const stack = [...(childrenOf.get(id) ?? [])];
    while (stack.length > 0) {
      const next = stack.pop()!;
      if (hidden.has(next)) continue;
      hidden.add(next);
      for (const child of childrenOf.get(next) ?? []) stack.push(child);
    }
  }
  return hidden;
}

/** The map without the hidden nodes and the links that touch them (same objects otherwise). */
export function visibleMap(map: MapView, hidden: ReadonlySet<string>): MapView {
  if (hidden.size === 0) return map;
  return {
    ...map,
    claims: map.claims.filter((claim) => !hidden.has(claim.id)),
    evidence: map.evidence.filter((item) => !hidden.has(item.id)),
    links: map.links.filter((link) => !hidden.has(link.toClaimId) && !hidden.has(linkFromId(link))),
  };
}
