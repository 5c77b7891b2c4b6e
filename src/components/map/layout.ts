/**
 * Auto-layout with ELK's layered algorithm: theses on top, what argues for or against a claim in
 * the layer below it. A link points from the arguing node up to the claim it argues about, so
 * ELK gets each edge reversed (claim → arguing node) with direction DOWN. ELK breaks cycles
 * itself; self-links and duplicate pairs are dropped here so it never sees them.
 */
import type { ElkNode, ELK as ElkApi } from 'elkjs/lib/elk-api';
import type { MapView } from '@/server/domain/maps/get-map';
import type { NodeMove } from './map-cache';
import { estimateNodeSize } from './node-size';
import { treeLayoutMoves, type TreeLayoutInput, type TreeLayoutRequest } from './tree-layout';

export type SizeOf = (id: string, kind: 'claim' | 'evidence') => { width: number; height: number } | null;

export const LAYOUT_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.spacing.nodeNode': '36',
  'elk.layered.spacing.nodeNodeBetweenLayers': '80',
  'elk.spacing.componentComponent': '80',
  'elk.layered.cycleBreaking.strategy': 'GREEDY',
  // A claim centred over what argues about it, rather than aligned with its first argument.
  'elk.layered.nodePlacement.bk.fixedAlignment': 'BALANCED',
};

/**
 * Above this many nodes ELK's defaults take 10–20 s on a busy laptop core; one crossing-
 * minimisation pass and simple node placement bring a 2,000-node map to a few seconds. (The
 * model-order options would keep siblings in creation order but take over a minute there.)
 */
export const LARGE_LAYOUT = 300;
const FAST_OPTIONS: Record<string, string> = {
  'elk.layered.thoroughness': '1',
  'elk.layered.nodePlacement.strategy': 'SIMPLE',
};

export function buildLayoutGraph(map: MapView, sizeOf: SizeOf = () => null): ElkNode {
  const claimIds = new Set(map.claims.map((claim) => claim.id));
  const evidenceIds = new Set(map.evidence.map((item) => item.id));
  const children: ElkNode[] = [
    ...map.claims.map((claim) => ({ id: claim.id, ...(sizeOf(claim.id, 'claim') ?? estimateNodeSize('claim', claim.text)) })),
    ...map.evidence.map((item) => ({ id: item.id, ...(sizeOf(item.id, 'evidence') ?? estimateNodeSize('evidence', item.exact)) })),
  ];
  const seen = new Set<string>();
  const edges: NonNullable<ElkNode['edges']> = [];
  for (const link of map.links) {
    const from = link.fromClaimId ?? link.fromEvidenceId;
    if (!from || from === link.toClaimId || !claimIds.has(link.toClaimId)) continue;
    if (!(claimIds.has(from) || evidenceIds.has(from))) continue;
    const pair = `${link.toClaimId}>${from}`;
    if (seen.has(pair)) continue;
    seen.add(pair);
    edges.push({ id: link.id, sources: [link.toClaimId], targets: [from] });
  }
  const layoutOptions = children.length > LARGE_LAYOUT ? { ...LAYOUT_OPTIONS, ...FAST_OPTIONS } : LAYOUT_OPTIONS;
  return { id: 'root', layoutOptions, children, edges };
}

/** Runs ELK and returns one move per node (top-left positions, as React Flow uses). */
export async function computeLayout(elk: ElkApi, map: MapView, sizeOf?: SizeOf): Promise<NodeMove[]> {
  const graph = buildLayoutGraph(map, sizeOf);
  if (!graph.children?.length) return [];
  const result = await elk.layout(graph);
  const evidenceIds = new Set(map.evidence.map((item) => item.id));
  return (result.children ?? []).map((node) => ({
    id: node.id,
    kind: evidenceIds.has(node.id) ? 'evidence' : 'claim',
    x: Math.round(node.x ?? 0),
    y: Math.round(node.y ?? 0),
  }));
}

/**
 * Above this many nodes even ELK's fast settings take minutes (10,000 claims did not finish in 30),
 * so "Auto-layout" uses the linear tree arrangement of compact-layout.ts instead, also in a worker.
 */
export const TREE_LAYOUT_ABOVE = 3000;

function treeLayoutRequest(map: MapView, sizeOf: SizeOf): TreeLayoutRequest {
  const sizes: Record<string, { width: number; height: number }> = {};
  const claims = map.claims.map((claim) => {
    const size = sizeOf(claim.id, 'claim');
    if (size) sizes[claim.id] = size;
    return { id: claim.id, text: claim.text, x: null, y: null };
  });
  const evidence = map.evidence.map((item) => {
    const size = sizeOf(item.id, 'evidence');
    if (size) sizes[item.id] = size;
    return { id: item.id, exact: item.exact, x: null, y: null };
  });
  const links = map.links.map(({ id, fromClaimId, fromEvidenceId, toClaimId, relation }) => ({
    id,
    fromClaimId,
    fromEvidenceId,
    toClaimId,
    relation,
  }));
  return { map: { claims, evidence, links, sources: [] } as unknown as TreeLayoutInput, sizes };
}

/** The tree arrangement of a whole map, in a Web Worker when there is one. */
export function computeTreeLayout(map: MapView, sizeOf: SizeOf = () => null): Promise<NodeMove[]> {
  const request = treeLayoutRequest(map, sizeOf);
  if (typeof Worker === 'undefined') return Promise.resolve(treeLayoutMoves(request));
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./tree-layout.worker.ts', import.meta.url));
    worker.onmessage = (event: MessageEvent<NodeMove[]>) => {
      resolve(event.data);
      worker.terminate();
    };
    worker.onerror = (event) => {
      reject(new Error(event.message || 'the layout worker failed'));
      worker.terminate();
    };
    worker.postMessage(request);
  });
}

let elkPromise: Promise<ElkApi> | null = null;

/**
 * ELK runs in a Web Worker (elkjs's own worker build, loaded only when a layout is first needed),
 * so laying out 2,000 claims never blocks the page. Without Worker support (tests, old
 * browsers) it falls back to the bundled build on the main thread.
 */
export function loadElk(): Promise<ElkApi> {
  elkPromise ??=
    typeof Worker === 'undefined'
      ? import('elkjs/lib/elk.bundled.js').then(({ default: ELK }) => new ELK())
      : import('elkjs/lib/elk-api.js').then(
          ({ default: ELK }) => new ELK({ workerFactory: () => new Worker(new URL('./elk.worker.ts', import.meta.url)) }),
        );
  return elkPromise;
}

/** Whether a map should be laid out on open: most of its nodes were never placed. */
export function needsInitialLayout(map: MapView): boolean {
  const total = map.claims.length + map.evidence.length;
  if (total < 2) return false;
  const unplaced = [...map.claims, ...map.evidence].filter((item) => item.x === null || item.y === null).length;
  return unplaced * 2 > total;
}
