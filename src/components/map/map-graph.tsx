'use client';

import '@xyflow/react/dist/style.css';
import {
  applyNodeChanges,
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  Panel,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  useStore,
  useStoreApi,
  type Connection,
  type EdgeTypes,
  type FinalConnectionState,
  type NodeChange,
  type NodeTypes,
  type Viewport,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { MapView } from '@/server/domain/maps/get-map';
import {
  createFlowEdgeBuilder,
  createFlowNodeBuilder,
  DRAFT_NODE_ID,
  mergeFlowNodes,
  placeUnpositioned,
  refreshHandles,
  sameListOr,
  type Draft,
  type MapFlowNode,
  type NodeDecorations,
  type RelationFlowEdge,
} from './flow-elements';
import { ClaimNode, DraftNode, EvidenceNode } from './graph-nodes';
import { computeLayout, computeTreeLayout, loadElk, needsInitialLayout, TREE_LAYOUT_ABOVE } from './layout';
import type { NodeMove } from './map-cache';
import { indexMap, rootClaims } from './map-index';
import { NODE_WIDTH } from './node-size';
import type { Selection } from './map-actions';
import { RelationEdge } from './relation-edge';
import { boxOf, contains, cullToRegion, regionAround, viewOf, type Rect } from './cull';
import { compactLayout } from './compact-layout';
import { hiddenNodes, mapTree, pathToRoot, visibleMap } from './map-tree';
import { CollapseContext, useCollapse } from './use-collapse';
import { LOD_ZOOM } from './lod';
import { OverviewCanvas } from './overview-canvas';
import './map-views.css';

// Module level, so React Flow never sees new types and never remounts every node.
const nodeTypes = { claim: ClaimNode, evidence: EvidenceNode, draft: DraftNode } satisfies NodeTypes;
const edgeTypes = { relation: RelationEdge } satisfies EdgeTypes;

/** Above this many nodes the canvas renders only what is in view and opens on the thesis, not the whole map. */
const LARGE_MAP = 150;
/**
 * A map opens showing as much as fits while its text stays readable (claim text is 14.4 px, so
 * zoom 0.77 renders it at 11 px); "Fit view" shows all of what is expanded.
 */
const OPENING_FIT = { padding: 0.12, maxZoom: 1, minZoom: 0.77 };
const FIT_PADDING = 0.08;

export interface GraphApi {
  fitView(): void;
  /** The flow coordinates at the centre of the view, to put a new claim where the user is looking. */
  viewportCenter(): { x: number; y: number } | null;
  /** Pans (keeping the zoom) so the node is in view. */
  reveal(id: string): void;
  layout(): Promise<void>;
  sizeOf(id: string): { width: number; height: number } | null;
}

export interface ConnectRequest {
  fromId: string;
  fromKind: 'claim' | 'evidence';
  toId: string;
  clientX: number;
  clientY: number;
}

interface Props {
  map: MapView;
  decorations: Omit<NodeDecorations, 'fallbackPositions' | 'draft'>;
  draft: Draft | null;
  canEdit: boolean;
  apiRef: RefObject<GraphApi | null>;
  onSelect: (selection: Selection | null) => void;
  onStartEdit: (claimId: string) => void;
  onConnectRequest: (request: ConnectRequest) => void;
  onMoveNodes: (moves: NodeMove[], previous: NodeMove[]) => void;
  /** Resolves once the layout is on screen (it is shown a slice per frame, see layout-apply.ts). */
  onLayout: (moves: NodeMove[], options: { isInitial: boolean }) => Promise<void> | void;
  onLayoutStateChange: (isArranging: boolean) => void;
  /** Where the view was when the graph was last shown (switching to the outline and back keeps it). */
  initialViewport: Viewport | null;
  onViewportChange: (viewport: Viewport) => void;
  /** Called once the graph has drawn and framed the map (the server-rendered first view then goes). */
  onReady?: () => void;
}

export default function MapGraph(props: Props) {
  return (
    <ReactFlowProvider>
      <GraphCanvas {...props} />
    </ReactFlowProvider>
  );
}

const nodeCountLabel = (map: MapView) => `${(map.claims.length + map.evidence.length).toLocaleString('en')} nodes`;

function minimapColor(node: MapFlowNode): string {
  if (node.type === 'evidence') return '#e7dfc6';
  if (node.selected) return '#2c4bd6';
  if (node.type === 'claim' && node.data.isCollapsed) return '#8f9bd0';
  return '#c7d0f2';
}

const NO_EDGES: RelationFlowEdge[] = [];
const NO_NODES: MapFlowNode[] = [];
const DEFAULT_VIEWPORT: Viewport = { x: 40, y: 40, zoom: 0.9 };

const kindOf = (node: MapFlowNode): 'claim' | 'evidence' => (node.type === 'evidence' ? 'evidence' : 'claim');

function GraphCanvas({
  map,
  decorations,
  draft,
  canEdit,
  apiRef,
  onSelect,
  onStartEdit,
  onConnectRequest,
  onMoveNodes,
  onLayout,
  onLayoutStateChange,
  initialViewport,
  onViewportChange,
  onReady,
}: Props) {
  const flow = useReactFlow<MapFlowNode, RelationFlowEdge>();
  const store = useStoreApi<MapFlowNode, RelationFlowEdge>();
  const wrapperRef = useRef<HTMLDivElement>(null);
  // Measured sizes by id, kept whether or not the node is currently handed to React Flow (see culling).
  const measuredRef = useRef(new Map<string, { width: number; height: number }>());
  const isLod = useStore((state) => state.transform[2] < LOD_ZOOM);
  const toFlowNodes = useMemo(createFlowNodeBuilder, []);
  const toFlowEdges = useMemo(createFlowEdgeBuilder, []);
  const fallbackPositions = useMemo(() => placeUnpositioned(map), [map]);

  // ——— Collapsed subtrees (local to this browser) ———
  const collapse = useCollapse(map);
  const tree = mapTree(map);
  const hidden = useMemo(() => hiddenNodes(map, collapse.collapsed), [map, collapse.collapsed]);
  const shownMap = useMemo(() => visibleMap(map, hidden), [map, hidden]);
  const isCollapsedView = hidden.size > 0;
  const nodeCount = shownMap.claims.length + shownMap.evidence.length;
  const isLarge = nodeCount > LARGE_MAP;
  const { expand } = collapse;
  // Whatever gets selected (search, keyboard, another view) or gets a new child is shown.
  const revealTarget = draft?.parentId ?? decorations.selectedId;
  useEffect(() => {
    if (!revealTarget) return;
    const path = pathToRoot(map, revealTarget);
    expand(draft?.parentId ? path : path.slice(0, -1));
  }, [revealTarget, draft?.parentId, map, expand]);

  // Measured sizes feed the compact arrangement; bumped (batched) when React Flow measures nodes.
  const [measureVersion, setMeasureVersion] = useState(0);
  const compactPositions = useMemo(() => {
    if (!isCollapsedView) return null;
    void measureVersion;
    const measuredSize = (id: string) => measuredRef.current.get(id) ?? null;
    return compactLayout(
      map,
      shownMap,
      measuredSize,
      draft ? { id: DRAFT_NODE_ID, parentId: draft.parentId, size: { width: NODE_WIDTH, height: 130 } } : undefined,
    );
  }, [isCollapsedView, map, shownMap, draft, measureVersion]);
  const shownDraft = useMemo(() => {
    const slot = compactPositions?.get(DRAFT_NODE_ID);
    return draft && slot ? { ...draft, ...slot } : draft;
  }, [draft, compactPositions]);

  const collapseDecoration = useMemo(
    () => ({ collapsed: collapse.collapsed, descendantCount: tree.descendantCount }),
    [collapse.collapsed, tree.descendantCount],
  );
  const derivedNodes = useMemo(
    () =>
      toFlowNodes(shownMap, {
        ...decorations,
        draft: shownDraft,
        fallbackPositions,
        ...(compactPositions ? { overridePositions: compactPositions } : {}),
        collapse: collapseDecoration,
      }),
    [toFlowNodes, shownMap, decorations, shownDraft, fallbackPositions, compactPositions, collapseDecoration],
  );
  const edges = useMemo(
    () => toFlowEdges(shownMap, { selectedId: decorations.selectedId, draft: shownDraft }),
    [toFlowEdges, shownMap, decorations.selectedId, shownDraft],
  );

  // React Flow keeps measurements and drag state on the node objects: merge new data into them.
  const [nodes, setNodes] = useState<MapFlowNode[]>(derivedNodes);
  const [mergedFrom, setMergedFrom] = useState(derivedNodes);
  if (mergedFrom !== derivedNodes) {
    setMergedFrom(derivedNodes);
    setNodes((previous) => mergeFlowNodes(previous, derivedNodes));
  }

  const latestCollapsed = useRef(isCollapsedView);
  latestCollapsed.current = isCollapsedView;
  const onNodesChange = useCallback((changes: NodeChange<MapFlowNode>[]) => {
    for (const change of changes) {
      if (change.type === 'dimensions' && change.dimensions?.width && change.dimensions.height) {
        measuredRef.current.set(change.id, { width: change.dimensions.width, height: change.dimensions.height });
      }
    }
    const relevant = changes.filter((change) => change.type === 'dimensions' || change.type === 'position');
    if (relevant.length > 0) setNodes((current) => refreshHandles(applyNodeChanges(relevant, current), relevant));
    if (latestCollapsed.current && changes.some((change) => change.type === 'dimensions')) setMeasureVersion((value) => value + 1);
  }, []);

  // ——— Layout ———
  const [isArranging, setIsArranging] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), 6000);
    return () => clearTimeout(timer);
  }, [notice]);
  const [isInitialLayoutPending, setIsInitialLayoutPending] = useState(() => needsInitialLayout(map));
  const latest = useRef({ map, onLayout, onLayoutStateChange, isLarge, onReady });
  latest.current = { map, onLayout, onLayoutStateChange, isLarge, onReady };

  const sizeOf = useCallback((id: string) => measuredRef.current.get(id) ?? null, []);
  const latestNodes = useRef(nodes);
  latestNodes.current = nodes;
  /** Where a node is drawn (all nodes, not only those handed to React Flow). */
  const positionOf = useCallback((id: string) => latestNodes.current.find((node) => node.id === id)?.position ?? null, []);
  const boundsOfAll = useCallback(() => {
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (const node of latestNodes.current) {
      const box = boxOf(node, sizeOf(node.id));
      minX = Math.min(minX, box.x);
      minY = Math.min(minY, box.y);
      maxX = Math.max(maxX, box.x + box.width);
      maxY = Math.max(maxY, box.y + box.height);
    }
    return minX === Infinity ? null : { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
  }, [sizeOf]);
  const fitAll = useCallback(
    (duration = 300) => {
      const bounds = boundsOfAll();
      if (bounds) void flow.fitBounds(bounds, { padding: FIT_PADDING, duration });
    },
    [flow, boundsOfAll],
  );

  /**
   * Frames the map on open or after a layout. Right after a layout React Flow's store may still hold
   * the old positions for a frame or two, so the layout's own `moves` are used when given.
   */
  const focusStart = useCallback(
    (duration = 0, moves?: readonly NodeMove[]) => {
      const current = latest.current.map;
      const box = wrapperRef.current?.getBoundingClientRect();
      if (!box) return;
      const startOf = (id: string) => {
        const move = moves?.find((item) => item.id === id);
        return move ? { x: move.x, y: move.y } : positionOf(id);
      };
      const bounds = moves?.length
        ? moves.reduce(
            (acc, move) => {
              const size = sizeOf(move.id) ?? { width: NODE_WIDTH, height: 100 };
              return {
                minX: Math.min(acc.minX, move.x),
                minY: Math.min(acc.minY, move.y),
                maxX: Math.max(acc.maxX, move.x + size.width),
                maxY: Math.max(acc.maxY, move.y + size.height),
              };
            },
            { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity },
          )
        : (() => {
            const rect = boundsOfAll() ?? { x: 0, y: 0, width: 0, height: 0 };
            return { minX: rect.x, minY: rect.y, maxX: rect.x + rect.width, maxY: rect.y + rect.height };
          })();
      const width = bounds.maxX - bounds.minX;
      const height = bounds.maxY - bounds.minY;
      const fitZoom = width > 0 ? Math.min(box.width / width, box.height / height) * (1 - OPENING_FIT.padding) : 1;
      if (!latest.current.isLarge && fitZoom >= OPENING_FIT.minZoom) {
        const zoom = Math.min(OPENING_FIT.maxZoom, fitZoom);
        void flow.setCenter(bounds.minX + width / 2, bounds.minY + height / 2, { zoom, duration });
        return;
      }
      // Too big to read whole: open on the first thesis and what argues about it; "Fit view" shows everything.
      const root = rootClaims(current)[0] ?? current.claims[0];
      const position = root ? startOf(root.id) : null;
      if (!root || !position) return;
      const nodeWidth = sizeOf(root.id)?.width ?? NODE_WIDTH;
      const zoom = 0.85;
      void flow.setCenter(position.x + nodeWidth / 2, position.y + (box.height / zoom) * 0.35, { zoom, duration });
    },
    [flow, sizeOf, positionOf, boundsOfAll],
  );

  const layout = useCallback(
    async (isInitial = false) => {
      setIsArranging(true);
      latest.current.onLayoutStateChange(true);
      try {
        const current = latest.current.map;
        const moves =
          current.claims.length + current.evidence.length > TREE_LAYOUT_ABOVE
            ? await computeTreeLayout(current, sizeOf)
            : await computeLayout(await loadElk(), current, sizeOf);
        await latest.current.onLayout(moves, { isInitial });
        if (latestCollapsed.current && !isInitial)
          setNotice('Arranged. The new arrangement shows once every subtree is expanded (Expand all).');
        // Two frames: React commits the new positions, then React Flow updates its store. While
        // subtrees are collapsed the compact arrangement stays on screen: frame what is shown.
        // Framed before "Arranging" ends: otherwise the map shows unframed for two frames, and a zoom
        // made as soon as it shows is undone by the framing.
        await new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
        // No animation on a big map: each animated frame would mount and unmount the nodes it passes over.
        const duration = isInitial || latest.current.isLarge ? 0 : 300;
        if (latestCollapsed.current) focusStart(duration);
        else focusStart(duration, moves);
        if (isInitial) latest.current.onReady?.();
      } finally {
        setIsArranging(false);
        setIsInitialLayoutPending(false);
        latest.current.onLayoutStateChange(false);
      }
    },
    [sizeOf, focusStart],
  );

  const didInitialLayout = useRef(false);
  // A collapsed map shows its compact arrangement: the full layout waits until it is expanded.
  useEffect(() => {
    if (!isInitialLayoutPending || didInitialLayout.current || isCollapsedView) return;
    didInitialLayout.current = true;
    void layout(true);
  }, [isInitialLayoutPending, layout, isCollapsedView]);

  useEffect(() => {
    apiRef.current = {
      fitView: () => fitAll(),
      viewportCenter: () => {
        const box = wrapperRef.current?.getBoundingClientRect();
        if (!box) return null;
        return flow.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 });
      },
      reveal: (id) => {
        const node = latestNodes.current.find((item) => item.id === id);
        const box = wrapperRef.current?.getBoundingClientRect();
        if (!node || !box) return;
        const { x, y, zoom } = flow.getViewport();
        const { width, height } = boxOf(node, sizeOf(id));
        const left = node.position.x * zoom + x;
        const top = node.position.y * zoom + y;
        const margin = 40;
        const isVisible =
          left >= margin && top >= margin && left + width * zoom <= box.width - margin && top + height * zoom <= box.height - margin;
        if (!isVisible) {
          void flow.setCenter(node.position.x + width / 2, node.position.y + height / 2, {
            zoom,
            duration: 250,
          });
        }
      },
      layout: () => layout(false),
      sizeOf,
    };
    return () => {
      apiRef.current = null;
    };
  }, [apiRef, flow, layout, sizeOf, fitAll]);

  // Coming back from the outline: show what was selected there.
  const initialSelection = useRef(decorations.selectedId);
  useEffect(() => {
    const id = initialSelection.current;
    if (!id) return;
    const frame = requestAnimationFrame(() => apiRef.current?.reveal(id));
    return () => cancelAnimationFrame(frame);
  }, [apiRef]);

  // ——— Interaction ———
  const dragStart = useRef(new Map<string, NodeMove>());
  const pendingConnection = useRef<Connection | null>(null);

  const isValidConnection = useCallback((connection: Connection | RelationFlowEdge) => {
    const index = indexMap(latest.current.map);
    if (connection.source === connection.target || !index.claimById.has(connection.target)) return false;
    if (connection.source === DRAFT_NODE_ID || connection.target === DRAFT_NODE_ID) return false;
    return !(index.outgoing.get(connection.source) ?? []).some((link) => link.toClaimId === connection.target);
  }, []);

  const onConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, _state: FinalConnectionState) => {
      const connection = pendingConnection.current;
      pendingConnection.current = null;
      if (!connection) return;
      const point = 'changedTouches' in event ? event.changedTouches[0] : event;
      const index = indexMap(latest.current.map);
      onConnectRequest({
        fromId: connection.source,
        fromKind: index.evidenceById.has(connection.source) ? 'evidence' : 'claim',
        toId: connection.target,
        clientX: point?.clientX ?? 0,
        clientY: point?.clientY ?? 0,
      });
    },
    [onConnectRequest],
  );

  const [startViewport] = useState(initialViewport);
  const onInit = useCallback(() => {
    if (isInitialLayoutPending && !latestCollapsed.current) return;
    // After the first measurement, so the bounds are real.
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        if (!startViewport) focusStart(0);
        latest.current.onReady?.();
      }),
    );
  }, [focusStart, isInitialLayoutPending, startViewport]);

  const [isOverviewOpen, setIsOverviewOpen] = useState(false);

  // ——— What React Flow gets ———
  // A big map hands React Flow only what is near the screen (cullToRegion); the minimap needs every
  // node, so while it is open nothing is culled. The region follows the viewport: it is recomputed
  // only when the screen leaves it or it has become much larger than the screen (after zooming in).
  const isCulling = isLarge && !isOverviewOpen;
  // The first region from the viewport the graph opens with, so a big map never reaches React Flow whole.
  const [region, setRegion] = useState<Rect | null>(() => {
    if (!isCulling) return null;
    const start = initialViewport ?? DEFAULT_VIEWPORT;
    return regionAround(viewOf([start.x, start.y, start.zoom], 0, 0));
  });
  const regionRef = useRef<Rect | null>(region);
  useEffect(() => {
    if (!isCulling) {
      regionRef.current = null;
      setRegion(null);
      return;
    }
    const check = () => {
      const { transform, width, height } = store.getState();
      const view = viewOf(transform, width, height);
      const current = regionRef.current;
      if (current && contains(current, view) && current.width <= view.width * 4) return;
      regionRef.current = regionAround(view);
      setRegion(regionRef.current);
    };
    check();
    return store.subscribe(check);
  }, [isCulling, store]);
  const culledFrom = useRef<{ nodes: MapFlowNode[]; edges: RelationFlowEdge[] }>({ nodes: [], edges: [] });
  const handed = useMemo(() => {
    if (!isCulling || !region) return { nodes, edges };
    const next = cullToRegion(nodes, edges, region, sizeOf);
    const previous = culledFrom.current;
    culledFrom.current = { nodes: sameListOr(previous.nodes, next.nodes), edges: sameListOr(previous.edges, next.edges) };
    return culledFrom.current;
  }, [isCulling, region, nodes, edges, sizeOf]);
  // Zoomed far out, the DOM nodes and edges are hidden and the canvas overview draws them all.
  const lodNodes = useMemo(
    () => (isLod ? (isCulling ? NO_NODES : nodes.map((node) => (node.hidden ? node : { ...node, hidden: true }))) : null),
    [isLod, isCulling, nodes],
  );
  const onPaneClick = useCallback(
    (event: React.MouseEvent) => {
      if (!isLod) {
        onSelect(null);
        return;
      }
      const point = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const hit = nodes.find((node) => {
        const width = node.measured?.width ?? node.initialWidth ?? NODE_WIDTH;
        const height = node.measured?.height ?? node.initialHeight ?? 100;
        return (
          point.x >= node.position.x &&
          point.x <= node.position.x + width &&
          point.y >= node.position.y &&
          point.y <= node.position.y + height
        );
      });
      onSelect(hit && hit.id !== DRAFT_NODE_ID ? { kind: kindOf(hit), id: hit.id } : null);
    },
    [isLod, nodes, flow, onSelect],
  );

  const defaultViewport: Viewport = startViewport ?? DEFAULT_VIEWPORT;

  return (
    <CollapseContext.Provider value={collapse.toggle}>
      <div
        ref={wrapperRef}
        className={`map-graph ${isInitialLayoutPending && !isCollapsedView ? 'is-arranging' : ''} ${isLod ? 'is-lod' : ''}`}
      >
        <ReactFlow<MapFlowNode, RelationFlowEdge>
          nodes={lodNodes ?? handed.nodes}
          edges={isLod ? NO_EDGES : handed.edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodesChange={onNodesChange}
          onNodeClick={(_, node) => node.id !== DRAFT_NODE_ID && onSelect({ kind: kindOf(node), id: node.id })}
          onNodeDoubleClick={(_, node) => node.type === 'claim' && onStartEdit(node.id)}
          onEdgeClick={(_, edge) => edge.data?.link.id && onSelect({ kind: 'link', id: edge.id })}
          onPaneClick={onPaneClick}
          onNodeDragStart={(_, __, dragged) => {
            dragStart.current = new Map(
              dragged.map((node) => [node.id, { id: node.id, kind: kindOf(node), x: node.position.x, y: node.position.y }]),
            );
          }}
          onNodeDragStop={(_, __, dragged) => {
            const moves: NodeMove[] = [];
            const previous: NodeMove[] = [];
            for (const node of dragged) {
              const before = dragStart.current.get(node.id);
              if (!before || node.id === DRAFT_NODE_ID) continue;
              const x = Math.round(node.position.x);
              const y = Math.round(node.position.y);
              if (x === Math.round(before.x) && y === Math.round(before.y)) continue;
              moves.push({ id: node.id, kind: kindOf(node), x, y });
              previous.push(before);
            }
            dragStart.current.clear();
            if (moves.length > 0) onMoveNodes(moves, previous);
          }}
          onConnect={(connection) => {
            pendingConnection.current = connection;
          }}
          onConnectEnd={onConnectEnd}
          isValidConnection={isValidConnection}
          onInit={onInit}
          nodesDraggable={canEdit}
          nodesConnectable={canEdit}
          elementsSelectable={false}
          deleteKeyCode={null}
          selectionKeyCode={null}
          multiSelectionKeyCode={null}
          zoomOnDoubleClick={false}
          disableKeyboardA11y
          onlyRenderVisibleElements={isLarge}
          elevateEdgesOnSelect={false}
          onMoveEnd={(_, viewport) => onViewportChange(viewport)}
          defaultViewport={defaultViewport}
          minZoom={0.05}
          maxZoom={2}
          aria-label="Argument map"
        >
          <Background variant={BackgroundVariant.Dots} gap={22} size={1.2} color="#cfcdc4" />
          {isLod && <OverviewCanvas nodes={nodes} edges={edges} selectedId={decorations.selectedId} />}
          <Controls showInteractive={false} position="bottom-left" onFitView={() => fitAll()} />
          {isOverviewOpen && (
            <MiniMap
              pannable
              zoomable
              position="bottom-right"
              ariaLabel="Overview of the map: click to move there"
              onNodeClick={(_, node) =>
                void flow.setCenter(node.position.x + NODE_WIDTH / 2, node.position.y + 50, {
                  zoom: Math.max(flow.getZoom(), 0.8),
                  duration: 250,
                })
              }
              onClick={(_, position) => void flow.setCenter(position.x, position.y, { zoom: flow.getZoom(), duration: 250 })}
              nodeColor={minimapColor}
              nodeBorderRadius={10}
              nodeStrokeWidth={2}
              maskColor="rgb(247 247 244 / 70%)"
            />
          )}
          <Panel position="top-left" className="graph-tools" aria-label="Graph view tools">
            <button type="button" className="btn btn-small" onClick={collapse.expandAll} disabled={collapse.collapsed.size === 0}>
              Expand all
            </button>
            <label className="small">
              Level
              <select
                value={collapse.level ?? ''}
                onChange={(event) => event.target.value !== '' && collapse.collapseTo(Number(event.target.value))}
                aria-label="Collapse to level"
              >
                <option value="">–</option>
                {[0, 1, 2, 3, 4].map((level) => (
                  <option key={level} value={level}>
                    {level}
                  </option>
                ))}
              </select>
            </label>
            {hidden.size > 0 && <span className="muted small">{hidden.size} hidden</span>}
            <button
              type="button"
              className="btn btn-small"
              aria-pressed={isOverviewOpen}
              onClick={() => setIsOverviewOpen((open) => !open)}
            >
              Overview
            </button>
          </Panel>
        </ReactFlow>
        {notice && !isArranging && (
          <div className="map-graph-status" role="status">
            {notice}
          </div>
        )}
        {(isArranging || (isInitialLayoutPending && !isCollapsedView)) && (
          <div className="map-graph-status" role="status">
            <span className="graph-progress">
              Arranging {nodeCountLabel(map)} in the background… <progress aria-label="Arranging the map" />
            </span>
          </div>
        )}
      </div>
    </CollapseContext.Provider>
  );
}
