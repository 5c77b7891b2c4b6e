/**
 * "Auto-layout" for very big maps (above TREE_LAYOUT_ABOVE nodes, see layout.ts): the linear tree
 * arrangement of compact-layout.ts over the whole map. Kept apart from layout.ts so the worker that
 * runs it (tree-layout.worker.ts) does not bundle ELK.
 */
import type { MapView } from '@/server/domain/maps/get-map';
import { compactLayout } from './compact-layout';
import type { NodeMove } from './map-cache';

/** What the tree arrangement needs of a map: ids, texts and links (small enough to post to a worker). */
export type TreeLayoutInput = Pick<MapView, 'claims' | 'evidence' | 'links' | 'sources'>;

export interface TreeLayoutRequest {
  map: TreeLayoutInput;
  sizes: Record<string, { width: number; height: number }>;
}

export function treeLayoutMoves({ map, sizes }: TreeLayoutRequest): NodeMove[] {
  const view = map as MapView;
  const positions = compactLayout(view, view, (id) => sizes[id] ?? null);
  const evidenceIds = new Set(map.evidence.map((item) => item.id));
  return [...positions].map(([id, { x, y }]) => ({
    id,
    kind: evidenceIds.has(id) ? 'evidence' : 'claim',
    x: Math.round(x),
    y: Math.round(y),
  }));
}
