/**
 * MapView → React Flow nodes and edges. Pure, so it is unit-tested; node and edge objects are
 * reused while their inputs are unchanged, so memoized node components skip re-rendering and a
 * change to one claim of a 2,000-claim map re-renders one node.
 */
import { Position, type Edge, type Node, type NodeChange } from '@xyflow/react';
import type { ClaimView, EvidenceView, LinkView, MapView } from '@/server/domain/maps/get-map';
import { excerpt, indexMap } from './map-index';
import { estimateNodeSize, NODE_WIDTH } from './node-size';
import type { Relation } from './outline';

export { estimateNodeSize, NODE_WIDTH };

export interface PeerMark {
  userId: string;
  name: string;
  color: string;
  isEditing: boolean;
}

export type ClaimNodeData = {
  claim: ClaimView;
  isEditing: boolean;
  canEdit: boolean;
  peers: readonly PeerMark[];
  /** In [0,1] when the strength overlay is on and a strength is known. */
  strength: number | null;
  /** The overlay is on and nobody voted on this claim or below it. */
  isUnrated: boolean;
  supporterCount: number;
  opposerCount: number;
  isRecent: boolean;
  /** Visible comments on the claim. */
  commentCount?: number;
  /** Nodes hanging below this claim in the tree (0 when it has none). */
  descendantCount: number;
  /** Whether its subtree is collapsed (hidden) in this browser. */
  isCollapsed: boolean;
};

export type EvidenceNodeData = {
  evidence: EvidenceView;
  sourceTitle: string;
  canEdit: boolean;
  peers: readonly PeerMark[];
  strength: number | null;
  commentCount?: number;
  isUnrated: boolean;
};

export type DraftNodeData = {
  parentId: string | null;
  relation: Relation | null;
};

export type ClaimFlowNode = Node<ClaimNodeData, 'claim'>;
export type EvidenceFlowNode = Node<EvidenceNodeData, 'evidence'>;
export type DraftFlowNode = Node<DraftNodeData, 'draft'>;
export type MapFlowNode = ClaimFlowNode | EvidenceFlowNode | DraftFlowNode;

export type RelationEdgeData = { relation: Relation; link: LinkView };
export type RelationFlowEdge = Edge<RelationEdgeData, 'relation'>;

export const DRAFT_NODE_ID = '__draft__';

export interface Draft {
  parentId: string | null;
  relation: Relation | null;
  x: number;
  y: number;
}

export interface NodeDecorations {
  selectedId: string | null;
  editingId: string | null;
  canEdit: boolean;
  peersByNode: ReadonlyMap<string, readonly PeerMark[]>;
  /** Present only while the strength overlay is on. */
  strengths: Readonly<Record<string, number>> | null;
  draft: Draft | null;
  /** Where to draw nodes that have no saved position yet. */
  fallbackPositions: ReadonlyMap<string, { x: number; y: number }>;
  /** Positions that win over saved ones: a layout a read-only visitor ran, which is never saved. */
  overridePositions?: ReadonlyMap<string, { x: number; y: number }>;
  /** Nodes others changed a moment ago, highlighted briefly. */
  recentIds?: ReadonlySet<string>;
  /** Collapsed subtrees and the size of every subtree (see map-tree). */
  collapse?: { collapsed: ReadonlySet<string>; descendantCount: ReadonlyMap<string, number> };
  /** While the strength overlay is on: nodes with no votes on them or below them. */
  unratedIds?: ReadonlySet<string> | null;
}

const NO_PEERS: readonly PeerMark[] = [];

// Hex, not CSS variables: React Flow draws markers into <defs> keyed by colour.
const MARKERS = {
  support: { type: 'arrowclosed', color: '#1f7a3d', width: 16, height: 16 },
  oppose: { type: 'arrowclosed', color: '#b3261e', width: 16, height: 16 },
} as const;

/**
 * Handle positions given to React Flow up front, so edges to nodes that were never rendered
 * (`onlyRenderVisibleElements` skips off-screen nodes) are still drawn. Recomputed from the
 * measured size once a node has been rendered.
 */
const handleCache = new Map<string, NonNullable<Node['handles']>>();

export function handlesFor(type: MapFlowNode['type'], width: number, height: number): NonNullable<Node['handles']> {
  // Shared per size, so an unchanged node keeps identical props (see createReuseCache).
  const key = `${type === 'evidence' ? 'e' : 'c'}:${width}:${height}`;
  const cached = handleCache.get(key);
  if (cached) return cached;
  const out = { id: 'out', type: 'source', position: Position.Top, x: width / 2, y: 0 } as const;
  const handles: NonNullable<Node['handles']> =
    type === 'evidence' ? [out] : [out, { id: 'in', type: 'target', position: Position.Bottom, x: width / 2, y: height }];
  if (handleCache.size > 5000) handleCache.clear();
  handleCache.set(key, handles);
  return handles;
}

/** Applies React Flow's size measurements to our handle positions. */
export function refreshHandles(nodes: MapFlowNode[], changes: NodeChange<MapFlowNode>[]): MapFlowNode[] {
  const measured = new Set(changes.filter((change) => change.type === 'dimensions').map((change) => change.id));
  if (measured.size === 0) return nodes;
  return nodes.map((node) =>
    measured.has(node.id) && node.measured?.width && node.measured.height
      ? { ...node, handles: handlesFor(node.type, node.measured.width, node.measured.height) }
      : node,
  );
}

function shallowEqual(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.is(a[key], b[key]));
}

/**
 * Remembers one round of objects by id; in the next round a candidate that `isSame` as the
 * remembered one is replaced by it, so React sees an unchanged object.
 */
function createGenerationCache<T>(isSame: (old: T, candidate: T) => boolean) {
  let previous = new Map<string, T>();
  return {
    begin() {
      const before = previous;
      const next = new Map<string, T>();
      previous = next;
      const reuse = (id: string, candidate: T): T => {
        const old = before.get(id);
        const kept = old !== undefined && (old === candidate || isSame(old, candidate)) ? old : candidate;
        next.set(id, kept);
        return kept;
      };
      /** Carries a value known to be unchanged over to the next round without comparing it. */
      const keep = (id: string, value: T) => void next.set(id, value);
      return Object.assign(reuse, { keep });
    },
  };
}

/** Keeps the previous object when a freshly built one is shallowly equal to it. */
export function createReuseCache<T extends object>() {
  return createGenerationCache<T>((old, candidate) => shallowEqual(old as Record<string, unknown>, candidate as Record<string, unknown>));
}

/** The previous list when every element is the same object, so React Flow sees no change at all. */
export function sameListOr<T>(previous: readonly T[] | null, next: T[]): T[] {
  if (!previous || previous.length !== next.length) return next;
  for (let i = 0; i < next.length; i += 1) if (previous[i] !== next[i]) return next;
  return previous as T[];
}

function sameExceptPosition<T extends object>(a: T, b: T): boolean {
  const keys = Object.keys(b) as (keyof T)[];
  return keys.length === Object.keys(a).length && keys.every((key) => key === 'x' || key === 'y' || Object.is(a[key], b[key]));
}

/**
 * The claim (or passage) object to hand to a node: the previous one when only its position changed,
 * so a layout or a drag of 2,000 nodes does not re-render 2,000 node components (they do not show
 * the position; React Flow places them from the node's `position`).
 */
function createContentCache<T extends { id: string; x: number | null; y: number | null }>() {
  const cache = createGenerationCache<T>(sameExceptPosition);
  return {
    begin() {
      const reuse = cache.begin();
      return Object.assign((item: T): T => reuse(item.id, item), { keep: reuse.keep });
    },
  };
}

export function claimAriaLabel(claim: ClaimView): string {
  return `Claim: ${excerpt(claim.text, 140)}`;
}

export function createFlowNodeBuilder() {
  const dataCache = createReuseCache<ClaimNodeData | EvidenceNodeData>();
  const nodeCache = createReuseCache<MapFlowNode>();
  const positionCache = createReuseCache<{ x: number; y: number }>();
  const claimCache = createContentCache<ClaimView>();
  const evidenceCache = createContentCache<EvidenceView>();
  let previousNodes: MapFlowNode[] | null = null;
  /** Each claim's node with the claim object it was built from, for the fast path below. */
  let lastClaimNodes = new Map<string, { claim: ClaimView; node: ClaimFlowNode }>();

  return function toFlowNodes(map: MapView, decorations: NodeDecorations): MapFlowNode[] {
    const index = indexMap(map);
    const reuseData = dataCache.begin();
    const reuseNode = nodeCache.begin();
    const reusePosition = positionCache.begin();
    const sameClaim = claimCache.begin();
    const sameEvidence = evidenceCache.begin();
    const position = (item: ClaimView | EvidenceView) =>
      reusePosition(
        item.id,
        decorations.overridePositions?.get(item.id) ??
          (item.x !== null && item.y !== null ? { x: item.x, y: item.y } : (decorations.fallbackPositions.get(item.id) ?? { x: 0, y: 0 })),
      );
    const isUnrated = (id: string) => decorations.unratedIds?.has(id) ?? false;
    const strengthOf = (id: string) => (decorations.strengths && !isUnrated(id) ? (decorations.strengths[id] ?? null) : null);
    const nodes: MapFlowNode[] = [];
    const claimNodes = new Map<string, { claim: ClaimView; node: ClaimFlowNode }>();

    for (const claim of map.claims) {
      let supporterCount = 0;
      let opposerCount = 0;
      for (const link of index.incoming.get(claim.id) ?? []) {
        if (link.relation === 'support') supporterCount += 1;
        else opposerCount += 1;
      }
      // Fast path (most nodes on most changes): the same claim object and the same decorations give
      // the same node, checked field by field without building a candidate to compare.
      const last = lastClaimNodes.get(claim.id);
      // A claim that only moved (a layout, a drag, someone else's move) counts as the same claim here.
      if (last && (last.claim === claim || sameExceptPosition(last.claim, claim))) {
        const { data } = last.node;
        const override = decorations.overridePositions?.get(claim.id);
        const fallback = claim.x === null || claim.y === null ? decorations.fallbackPositions.get(claim.id) : undefined;
        const x = override ? override.x : claim.x !== null && claim.y !== null ? claim.x : (fallback?.x ?? 0);
        const y = override ? override.y : claim.x !== null && claim.y !== null ? claim.y : (fallback?.y ?? 0);
        if (
          last.node.selected === (decorations.selectedId === claim.id) &&
          last.node.draggable === decorations.canEdit &&
          data.canEdit === decorations.canEdit &&
          data.isEditing === (decorations.editingId === claim.id) &&
          data.peers === (decorations.peersByNode.get(claim.id) ?? NO_PEERS) &&
          data.strength === strengthOf(claim.id) &&
          data.isUnrated === isUnrated(claim.id) &&
          data.supporterCount === supporterCount &&
          data.opposerCount === opposerCount &&
          data.isRecent === (decorations.recentIds?.has(claim.id) ?? false) &&
          data.commentCount === (map.commentCounts?.[claim.id] ?? 0) &&
          data.descendantCount === (decorations.collapse?.descendantCount.get(claim.id) ?? 0) &&
          data.isCollapsed === (decorations.collapse?.collapsed.has(claim.id) ?? false)
        ) {
          const isMoved = last.node.position.x !== x || last.node.position.y !== y;
          const node = isMoved ? { ...last.node, position: { x, y } } : last.node;
          reuseData.keep(claim.id, data);
          reuseNode.keep(claim.id, node);
          reusePosition.keep(claim.id, node.position);
          sameClaim.keep(claim.id, data.claim);
          claimNodes.set(claim.id, isMoved || last.claim !== claim ? { claim, node } : last);
          nodes.push(node);
          continue;
        }
      }
      const data = reuseData(claim.id, {
        claim: sameClaim(claim),
        isEditing: decorations.editingId === claim.id,
        canEdit: decorations.canEdit,
        peers: decorations.peersByNode.get(claim.id) ?? NO_PEERS,
        strength: strengthOf(claim.id),
        isUnrated: isUnrated(claim.id),
        supporterCount,
        opposerCount,
        isRecent: decorations.recentIds?.has(claim.id) ?? false,
        commentCount: map.commentCounts?.[claim.id] ?? 0,
        descendantCount: decorations.collapse?.descendantCount.get(claim.id) ?? 0,
        isCollapsed: decorations.collapse?.collapsed.has(claim.id) ?? false,
      } satisfies ClaimNodeData) as ClaimNodeData;
      const size = estimateNodeSize('claim', claim.text);
      const node = reuseNode(claim.id, {
        id: claim.id,
        type: 'claim',
        position: position(claim),
        initialWidth: size.width,
        initialHeight: size.height,
        handles: handlesFor('claim', size.width, size.height),
        data,
        selected: decorations.selectedId === claim.id,
        ariaLabel: claimAriaLabel(claim),
        draggable: decorations.canEdit,
        connectable: decorations.canEdit,
      } satisfies ClaimFlowNode) as ClaimFlowNode;
      claimNodes.set(claim.id, { claim, node });
      nodes.push(node);
    }
    lastClaimNodes = claimNodes;
    for (const passage of map.evidence) {
      const data = reuseData(passage.id, {
        evidence: sameEvidence(passage),
        sourceTitle: index.sourceById.get(passage.sourceId)?.title ?? 'Unknown source',
        canEdit: decorations.canEdit,
        peers: decorations.peersByNode.get(passage.id) ?? NO_PEERS,
        strength: strengthOf(passage.id),
        commentCount: map.commentCounts?.[passage.id] ?? 0,
        isUnrated: isUnrated(passage.id),
      } satisfies EvidenceNodeData) as EvidenceNodeData;
      const size = estimateNodeSize('evidence', passage.exact);
      nodes.push(
        reuseNode(passage.id, {
          id: passage.id,
          type: 'evidence',
          position: position(passage),
          initialWidth: size.width,
          initialHeight: size.height,
          handles: handlesFor('evidence', size.width, size.height),
          data,
          selected: decorations.selectedId === passage.id,
          ariaLabel: `Evidence: “${excerpt(passage.exact, 120)}”`,
          draggable: decorations.canEdit,
          connectable: decorations.canEdit,
        } satisfies EvidenceFlowNode),
      );
    }
    if (decorations.draft) {
      const { draft } = decorations;
      nodes.push({
        id: DRAFT_NODE_ID,
        type: 'draft',
        position: { x: draft.x, y: draft.y },
        data: { parentId: draft.parentId, relation: draft.relation },
        initialWidth: NODE_WIDTH,
        initialHeight: 130,
        handles: handlesFor('draft', NODE_WIDTH, 130),
        selectable: false,
        draggable: false,
        connectable: false,
        ariaLabel: 'New claim',
      } satisfies DraftFlowNode);
    }
    previousNodes = sameListOr(previousNodes, nodes);
    return previousNodes;
  };
}

interface BuiltEdge {
  link: LinkView;
  fromText: string;
  toText: string;
  edge: RelationFlowEdge;
}

export function createFlowEdgeBuilder() {
  const edgeCache = createReuseCache<RelationFlowEdge>();
  const dataCache = createReuseCache<RelationEdgeData>();
  let previousEdges: RelationFlowEdge[] | null = null;
  let lastEdges = new Map<string, BuiltEdge>();

  return function toFlowEdges(map: MapView, options: { selectedId: string | null; draft: Draft | null }): RelationFlowEdge[] {
    const index = indexMap(map);
    const reuseEdge = edgeCache.begin();
    const reuseData = dataCache.begin();
    const edges: RelationFlowEdge[] = [];
    const built = new Map<string, BuiltEdge>();
    for (const link of map.links) {
      const from = link.fromClaimId ?? link.fromEvidenceId!;
      const fromText = link.fromClaimId ? index.claimById.get(link.fromClaimId)?.text : index.evidenceById.get(from)?.exact;
      const toText = index.claimById.get(link.toClaimId)?.text;
      if (fromText === undefined || toText === undefined) continue;
      // Fast path: same link, same texts at both ends, same selection: the same edge, nothing rebuilt.
      const last = lastEdges.get(link.id);
      if (
        last &&
        last.link === link &&
        last.fromText === fromText &&
        last.toText === toText &&
        last.edge.selected === (options.selectedId === link.id)
      ) {
        reuseEdge.keep(link.id, last.edge);
        reuseData.keep(link.id, last.edge.data!);
        built.set(link.id, last);
        edges.push(last.edge);
        continue;
      }
      const edge = reuseEdge(link.id, {
        id: link.id,
        type: 'relation',
        source: from,
        target: link.toClaimId,
        sourceHandle: 'out',
        targetHandle: 'in',
        data: reuseData(link.id, { relation: link.relation, link }),
        selected: options.selectedId === link.id,
        ariaLabel: `“${excerpt(fromText, 50)}” ${link.relation === 'support' ? 'supports' : 'opposes'} “${excerpt(toText, 50)}”`,
        markerEnd: MARKERS[link.relation],
      });
      built.set(link.id, { link, fromText, toText, edge });
      edges.push(edge);
    }
    lastEdges = built;
    const draft = options.draft;
    if (draft?.parentId && draft.relation && index.claimById.has(draft.parentId)) {
      edges.push({
        id: '__draft-edge__',
        type: 'relation',
        source: DRAFT_NODE_ID,
        target: draft.parentId,
        sourceHandle: 'out',
        targetHandle: 'in',
        selectable: false,
        markerEnd: MARKERS[draft.relation],
        data: {
          relation: draft.relation,
          link: { id: '', fromClaimId: DRAFT_NODE_ID, fromEvidenceId: null, toClaimId: draft.parentId, relation: draft.relation },
        },
      });
    }
    previousEdges = sameListOr(previousEdges, edges);
    return previousEdges;
  };
}

/**
 * Keeps what React Flow learnt about a node (its measured size, a drag in progress) when the map
 * data behind it changes: React Flow hides a node whose `measured` is dropped until it is measured
 * again, and a node being dragged must not jump back to its saved position mid-drag.
 */
export function mergeFlowNodes(previous: readonly MapFlowNode[], next: MapFlowNode[]): MapFlowNode[] {
  if (previous.length === 0) return next;
  // Usually the lists line up index by index; the lookup table is built only when they do not.
  let before: Map<string, MapFlowNode> | null = null;
  const previousOf = (node: MapFlowNode, i: number) => {
    const aligned = previous[i];
    if (aligned?.id === node.id) return aligned;
    before ??= new Map(previous.map((item) => [item.id, item]));
    return before.get(node.id);
  };
  return next.map((node, i) => {
    const old = previousOf(node, i);
    if (!old) return node;
    const position = old.dragging ? old.position : node.position;
    if (
      old.data === node.data &&
      old.type === node.type &&
      old.selected === node.selected &&
      old.draggable === node.draggable &&
      old.ariaLabel === node.ariaLabel &&
      old.position.x === position.x &&
      old.position.y === position.y
    ) {
      return old;
    }
    const handles =
      old.measured?.width && old.measured.height ? handlesFor(node.type, old.measured.width, old.measured.height) : node.handles;
    return { ...node, position, measured: old.measured, dragging: old.dragging, handles };
  });
}

const GAP_X = 40;
const GAP_Y = 90;
/** Clearance kept around every node box when placing a new node. */
const CLEARANCE = 24;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

type SizeLookup = (id: string) => { width: number; height: number } | null;

const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width + CLEARANCE &&
  b.x < a.x + a.width + CLEARANCE &&
  a.y < b.y + b.height + CLEARANCE &&
  b.y < a.y + a.height + CLEARANCE;

/** The boxes of every node with a position (its measured size when known, else the estimate). */
export function nodeBoxes(map: MapView, sizeOf: SizeLookup = () => null, extra?: ReadonlyMap<string, { x: number; y: number }>): Box[] {
  const boxes: Box[] = [];
  const push = (id: string, kind: 'claim' | 'evidence', text: string, x: number | null, y: number | null) => {
    const position = x !== null && y !== null ? { x, y } : extra?.get(id);
    if (!position) return;
    const size = sizeOf(id) ?? estimateNodeSize(kind, text);
    boxes.push({ x: position.x, y: position.y, width: size.width, height: size.height });
  };
  for (const claim of map.claims) push(claim.id, 'claim', claim.text, claim.x, claim.y);
  for (const item of map.evidence) push(item.id, 'evidence', item.exact, item.x, item.y);
  return boxes;
}

/** Half the side of the square kept clear around a link's "+"/"−" badge (its circle has radius 10). */
const LABEL_HALF = 12;

/**
 * The boxes of the links' badges ("+" / "−"), where RelationEdge draws them: halfway between the
 * arguing node's top centre and the bottom centre of the claim it argues about (the midpoint of
 * React Flow's bezier between those handles). A new node must not cover them either.
 */
export function labelBoxes(map: MapView, sizeOf: SizeLookup = () => null, extra?: ReadonlyMap<string, { x: number; y: number }>): Box[] {
  const index = indexMap(map);
  const placed = (id: string): Box | null => {
    const claim = index.claimById.get(id);
    const item = claim ?? index.evidenceById.get(id);
    if (!item) return null;
    const position = item.x !== null && item.y !== null ? { x: item.x, y: item.y } : extra?.get(id);
    if (!position) return null;
    const size = sizeOf(id) ?? (claim ? estimateNodeSize('claim', claim.text) : estimateNodeSize('evidence', (item as EvidenceView).exact));
    return { ...position, ...size };
  };
  const boxes: Box[] = [];
  for (const link of map.links) {
    const from = placed(link.fromClaimId ?? link.fromEvidenceId ?? '');
    const to = placed(link.toClaimId);
    if (!from || !to) continue;
    const x = (from.x + from.width / 2 + to.x + to.width / 2) / 2;
    const y = (from.y + to.y + to.height) / 2;
    boxes.push({ x: x - LABEL_HALF, y: y - LABEL_HALF, width: LABEL_HALF * 2, height: LABEL_HALF * 2 });
  }
  return boxes;
}

/** Everything a new node must keep clear of: node boxes and link badges. */
function obstacles(map: MapView, sizeOf: SizeLookup, extra?: ReadonlyMap<string, { x: number; y: number }>): Box[] {
  return [...nodeBoxes(map, sizeOf, extra), ...labelBoxes(map, sizeOf, extra)];
}

/**
 * The nearest spot to `desired` where a node of `size` overlaps no box: the desired spot, else
 * the closest of a grid of candidates to its sides and below (rows a node height apart).
 */
export function freeSpot(
  boxes: readonly Box[],
  desired: { x: number; y: number },
  size: { width: number; height: number },
): { x: number; y: number } {
  const fits = (x: number, y: number) => {
    const box = { x, y, ...size };
    return !boxes.some((other) => overlaps(box, other));
  };
  if (fits(desired.x, desired.y)) return desired;
  const stepX = size.width + GAP_X;
  const stepY = size.height + CLEARANCE * 2;
  const candidates: { x: number; y: number; cost: number }[] = [];
  for (let row = 0; row <= 12; row += 1) {
    for (let column = -8; column <= 8; column += 1) {
      if (row === 0 && column === 0) continue;
      candidates.push({ x: desired.x + column * stepX, y: desired.y + row * stepY, cost: Math.abs(column) * stepX + row * stepY * 1.5 });
    }
  }
  candidates.sort((a, b) => a.cost - b.cost);
  for (const candidate of candidates) if (fits(candidate.x, candidate.y)) return { x: Math.round(candidate.x), y: Math.round(candidate.y) };
  // Everything near is taken: below the whole map.
  const bottom = Math.max(...boxes.map((box) => box.y + box.height));
  return { x: desired.x, y: Math.round(bottom + GAP_Y) };
}

/**
 * Positions for nodes that have none yet (a passage quoted from the sources drawer, a node created
 * elsewhere without coordinates): below what they argue about when that has a position, else in
 * a row below the map; never on top of another node.
 */
export function placeUnpositioned(map: MapView, sizeOf: SizeLookup = () => null): Map<string, { x: number; y: number }> {
  const index = indexMap(map);
  const placed = new Map<string, { x: number; y: number }>();
  const pending = [...map.claims, ...map.evidence].filter((item) => item.x === null || item.y === null);
  if (pending.length === 0) return placed;
  const known = (id: string) => {
    const item = index.claimById.get(id) ?? index.evidenceById.get(id);
    if (item && item.x !== null && item.y !== null) return { x: item.x, y: item.y };
    return placed.get(id) ?? null;
  };
  const boxes = obstacles(map, sizeOf);
  // Most of a map unplaced: it is about to be laid out, so a plain grid will do (and stays linear).
  const isBulk = pending.length * 2 > map.claims.length + map.evidence.length;
  let maxY = 0;
  for (const box of boxes) maxY = Math.max(maxY, box.y + box.height);
  const rowY = boxes.length > 0 ? maxY + GAP_Y : 0;
  let rowX = 0;
  // Parents first where possible, so a chain of new claims stacks downwards.
  for (let pass = 0; pass < 2; pass += 1) {
    for (const item of pending) {
      if (placed.has(item.id)) continue;
      const kind = 'exact' in item ? 'evidence' : 'claim';
      const size = sizeOf(item.id) ?? estimateNodeSize(kind, 'exact' in item ? item.exact : item.text);
      const parentLink = (index.outgoing.get(item.id) ?? []).find((link) => known(link.toClaimId));
      const parent = parentLink ? known(parentLink.toClaimId) : null;
      let spot: { x: number; y: number } | null = null;
      if (parent && !isBulk) {
        const parentHeight = sizeOf(parentLink!.toClaimId) ?? { height: 110 };
        spot = freeSpot(boxes, { x: parent.x, y: parent.y + parentHeight.height + GAP_Y }, size);
      } else if (pass === 1 || (parent && isBulk)) {
        spot = { x: rowX, y: rowY };
        rowX += NODE_WIDTH + GAP_X;
      }
      if (spot) {
        placed.set(item.id, spot);
        boxes.push({ ...spot, ...size });
      }
    }
  }
  return placed;
}

/**
 * Where a new claim goes: under its parent, right of the parent's existing children; a new
 * thesis goes right of the existing theses. Never on top of an existing node: the nearest free
 * spot to that (see freeSpot).
 */
export function positionForNewClaim(
  map: MapView,
  parentId: string | null,
  sizeOf: SizeLookup = () => null,
  desired?: { x: number; y: number },
): { x: number; y: number } {
  const size = { width: NODE_WIDTH, height: 130 };
  const boxes = obstacles(map, sizeOf, placeUnpositioned(map, sizeOf));
  return freeSpot(boxes, desired ?? preferredPosition(map, parentId, sizeOf), size);
}

function preferredPosition(map: MapView, parentId: string | null, sizeOf: SizeLookup): { x: number; y: number } {
  const index = indexMap(map);
  const positionOf = (item: ClaimView | EvidenceView | undefined) =>
    item && item.x !== null && item.y !== null ? { x: item.x, y: item.y } : null;
  const parent = parentId ? index.claimById.get(parentId) : undefined;
  const parentPosition = positionOf(parent);
  if (parent && parentPosition) {
    const parentHeight = sizeOf(parent.id)?.height ?? estimateNodeSize('claim', parent.text).height;
    const childY = parentPosition.y + parentHeight + GAP_Y;
    let rightmost: number | null = null;
    for (const link of index.incoming.get(parent.id) ?? []) {
      const child = positionOf(index.claimById.get(link.fromClaimId ?? '') ?? index.evidenceById.get(link.fromEvidenceId ?? ''));
      if (!child) continue;
      const width = sizeOf(link.fromClaimId ?? link.fromEvidenceId!)?.width ?? NODE_WIDTH;
      rightmost = Math.max(rightmost ?? -Infinity, child.x + width);
    }
    return { x: rightmost === null ? parentPosition.x : rightmost + GAP_X, y: childY };
  }
  const placed = [...map.claims, ...map.evidence].map(positionOf).filter((p): p is { x: number; y: number } => p !== null);
  if (placed.length === 0) return { x: 0, y: 0 };
  const top = Math.min(...placed.map((p) => p.y));
  const right = Math.max(...placed.map((p) => p.x));
  return { x: right + NODE_WIDTH + GAP_X * 2, y: top };
}
