'use client';

import '@xyflow/react/dist/style.css';
import {
  applyNodeChanges,
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
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
  type Draft,
  type MapFlowNode,
  type NodeDecorations,
  type RelationFlowEdge,
} from './flow-elements';
import { ClaimNode, DraftNode, EvidenceNode } from './graph-nodes';
import { computeLayout, loadElk, needsInitialLayout } from './layout';
import type { NodeMove } from './map-cache';
import { indexMap, rootClaims } from './map-index';
import { NODE_WIDTH } from './node-size';
import type { Selection } from './map-actions';
import { RelationEdge } from './relation-edge';

// Module level, so React Flow never sees new types and never remounts every node.
const nodeTypes = { claim: ClaimNode, evidence: EvidenceNode, draft: DraftNode } satisfies NodeTypes;
const edgeTypes = { relation: RelationEdge } satisfies EdgeTypes;

/** Above this many nodes the canvas renders only what is in view and opens on the thesis, not the whole map. */
const LARGE_MAP = 150;
/** A map opens showing as much as fits while its text stays readable; "Fit view" shows all of it. */
const OPENING_FIT = { padding: 0.2, maxZoom: 1, minZoom: 0.6 };

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
  onLayout: (moves: NodeMove[], options: { isInitial: boolean }) => void;
  onLayoutStateChange: (isArranging: boolean) => void;
  /** Where the view was when the graph was last shown (switching to the outline and back keeps it). */
  initialViewport: Viewport | null;
  onViewportChange: (viewport: Viewport) => void;
}

export default function MapGraph(props: Props) {
  return (
    <ReactFlowProvider>
      <GraphCanvas {...props} />
    </ReactFlowProvider>
  );
}

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
}: Props) {
  const flow = useReactFlow<MapFlowNode, RelationFlowEdge>();
  const wrapperRef = useRef<HTMLDivElement>(null);
  const toFlowNodes = useMemo(createFlowNodeBuilder, []);
  const toFlowEdges = useMemo(createFlowEdgeBuilder, []);
  const fallbackPositions = useMemo(() => placeUnpositioned(map), [map]);
  const nodeCount = map.claims.length + map.evidence.length;
  const isLarge = nodeCount > LARGE_MAP;

  const derivedNodes = useMemo(
    () => toFlowNodes(map, { ...decorations, draft, fallbackPositions }),
    [toFlowNodes, map, decorations, draft, fallbackPositions],
  );
  const edges = useMemo(() => toFlowEdges(map, { selectedId: decorations.selectedId, draft }), [toFlowEdges, map, decorations.selectedId, draft]);

  // React Flow keeps measurements and drag state on the node objects: merge new data into them.
  const [nodes, setNodes] = useState<MapFlowNode[]>(derivedNodes);
  const [mergedFrom, setMergedFrom] = useState(derivedNodes);
  if (mergedFrom !== derivedNodes) {
    setMergedFrom(derivedNodes);
    setNodes((previous) => mergeFlowNodes(previous, derivedNodes));
  }

  const onNodesChange = useCallback((changes: NodeChange<MapFlowNode>[]) => {
    const relevant = changes.filter((change) => change.type === 'dimensions' || change.type === 'position');
    if (relevant.length > 0) setNodes((current) => refreshHandles(applyNodeChanges(relevant, current), relevant));
  }, []);

  // ——— Layout ———
  const [isArranging, setIsArranging] = useState(false);
  const [isInitialLayoutPending, setIsInitialLayoutPending] = useState(() => needsInitialLayout(map));
  const latest = useRef({ map, onLayout, onLayoutStateChange, isLarge });
  latest.current = { map, onLayout, onLayoutStateChange, isLarge };

  const sizeOf = useCallback(
    (id: string) => {
      const measured = flow.getInternalNode(id)?.measured;
      return measured?.width && measured.height ? { width: measured.width, height: measured.height } : null;
    },
    [flow],
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
      const positionOf = (id: string) => {
        const move = moves?.find((item) => item.id === id);
        if (move) return { x: move.x, y: move.y };
        const internal = flow.getInternalNode(id);
        return internal ? internal.internals.positionAbsolute : null;
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
            const rect = flow.getNodesBounds(flow.getNodes());
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
      const position = root ? positionOf(root.id) : null;
      if (!root || !position) return;
      const nodeWidth = sizeOf(root.id)?.width ?? NODE_WIDTH;
      const zoom = 0.85;
      void flow.setCenter(position.x + nodeWidth / 2, position.y + (box.height / zoom) * 0.35, { zoom, duration });
    },
    [flow, sizeOf],
  );

  const layout = useCallback(
    async (isInitial = false) => {
      setIsArranging(true);
      latest.current.onLayoutStateChange(true);
      try {
        const elk = await loadElk();
        const moves = await computeLayout(elk, latest.current.map, sizeOf);
        latest.current.onLayout(moves, { isInitial });
        // Two frames: React commits the new positions, then React Flow updates its store.
        requestAnimationFrame(() => requestAnimationFrame(() => focusStart(isInitial ? 0 : 300, moves)));
      } finally {
        setIsArranging(false);
        setIsInitialLayoutPending(false);
        latest.current.onLayoutStateChange(false);
      }
    },
    [sizeOf, focusStart],
  );

  const didInitialLayout = useRef(false);
  useEffect(() => {
    if (!isInitialLayoutPending || didInitialLayout.current) return;
    didInitialLayout.current = true;
    void layout(true);
  }, [isInitialLayoutPending, layout]);

  useEffect(() => {
    apiRef.current = {
      fitView: () => void flow.fitView({ padding: 0.15, duration: 300 }),
      viewportCenter: () => {
        const box = wrapperRef.current?.getBoundingClientRect();
        if (!box) return null;
        return flow.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 });
      },
      reveal: (id) => {
        const node = flow.getInternalNode(id);
        const box = wrapperRef.current?.getBoundingClientRect();
        if (!node || !box) return;
        const { x, y, zoom } = flow.getViewport();
        const width = node.measured.width ?? node.initialWidth ?? 260;
        const height = node.measured.height ?? node.initialHeight ?? 120;
        const left = node.internals.positionAbsolute.x * zoom + x;
        const top = node.internals.positionAbsolute.y * zoom + y;
        const margin = 40;
        const isVisible = left >= margin && top >= margin && left + width * zoom <= box.width - margin && top + height * zoom <= box.height - margin;
        if (!isVisible) {
          void flow.setCenter(node.internals.positionAbsolute.x + width / 2, node.internals.positionAbsolute.y + height / 2, { zoom, duration: 250 });
        }
      },
      layout: () => layout(false),
      sizeOf,
    };
    return () => {
      apiRef.current = null;
    };
  }, [apiRef, flow, layout, sizeOf]);

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

  const isValidConnection = useCallback(
    (connection: Connection | RelationFlowEdge) => {
      const index = indexMap(latest.current.map);
      if (connection.source === connection.target || !index.claimById.has(connection.target)) return false;
      if (connection.source === DRAFT_NODE_ID || connection.target === DRAFT_NODE_ID) return false;
      return !(index.outgoing.get(connection.source) ?? []).some((link) => link.toClaimId === connection.target);
    },
    [],
  );

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
    if (startViewport || isInitialLayoutPending) return;
    // After the first measurement, so the bounds are real.
    requestAnimationFrame(() => requestAnimationFrame(() => focusStart(0)));
  }, [focusStart, isInitialLayoutPending, startViewport]);

  const defaultViewport: Viewport = startViewport ?? { x: 40, y: 40, zoom: 0.9 };

  return (
    <div ref={wrapperRef} className={`map-graph ${isInitialLayoutPending ? 'is-arranging' : ''}`}>
      <ReactFlow<MapFlowNode, RelationFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onNodeClick={(_, node) => node.id !== DRAFT_NODE_ID && onSelect({ kind: kindOf(node), id: node.id })}
        onNodeDoubleClick={(_, node) => node.type === 'claim' && canEdit && onStartEdit(node.id)}
        onEdgeClick={(_, edge) => edge.data?.link.id && onSelect({ kind: 'link', id: edge.id })}
        onPaneClick={() => onSelect(null)}
        onNodeDragStart={(_, __, dragged) => {
          dragStart.current = new Map(dragged.map((node) => [node.id, { id: node.id, kind: kindOf(node), x: node.position.x, y: node.position.y }]));
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
        onMoveEnd={(_, viewport) => onViewportChange(viewport)}
        defaultViewport={defaultViewport}
        minZoom={0.05}
        maxZoom={2}
        aria-label="Argument map"
      >
        <Background variant={BackgroundVariant.Dots} gap={22} size={1.2} color="#cfcdc4" />
        <Controls showInteractive={false} position="bottom-left" />
        <MiniMap
          pannable
          zoomable
          position="bottom-right"
          ariaLabel="Overview of the map"
          nodeColor={(node) => (node.type === 'evidence' ? '#e7dfc6' : node.selected ? '#2c4bd6' : '#c7d0f2')}
          nodeStrokeWidth={2}
          maskColor="rgb(247 247 244 / 70%)"
        />
      </ReactFlow>
      {(isArranging || isInitialLayoutPending) && (
        <div className="map-graph-status" role="status">
          Arranging the map…
        </div>
      )}
    </div>
  );
}
