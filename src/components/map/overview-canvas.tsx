'use client';

import { useStore } from '@xyflow/react';
import { memo, useEffect, useMemo, useRef } from 'react';
import type { MapFlowNode, RelationFlowEdge } from './flow-elements';

/**
 * The zoomed-out overview drawn on one canvas: below LOD_ZOOM the graph's DOM nodes and edges are
 * hidden and every node is a rectangle here (claims blue, passages sand, the selection dark), every
 * link a line coloured by its relation. Panning and zooming then redraw a canvas instead of moving
 * thousands of DOM elements, so a 10,000-claim map stays fluid.
 */
interface Props {
  nodes: readonly MapFlowNode[];
  edges: readonly RelationFlowEdge[];
  selectedId: string | null;
}

const FILL = { claim: '#c7d0f2', evidence: '#e7dfc6', collapsed: '#8f9bd0', selected: '#2c4bd6' };
const STROKE = { support: '#1f7a3d', oppose: '#b3261e' };

export const OverviewCanvas = memo(function OverviewCanvas({ nodes, edges, selectedId }: Props) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [x, y, zoom] = useStore((state) => state.transform);
  const width = useStore((state) => state.width);
  const height = useStore((state) => state.height);

  // Per node list, not per frame: a pan redraws without rebuilding 10,000 boxes.
  const boxes = useMemo(() => {
    const box = new Map<string, { x: number; y: number; w: number; h: number }>();
    for (const node of nodes) {
      const w = node.measured?.width ?? node.initialWidth ?? 260;
      const h = node.measured?.height ?? node.initialHeight ?? 100;
      box.set(node.id, { x: node.position.x, y: node.position.y, w, h });
    }
    return box;
  }, [nodes]);

  useEffect(() => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return;
    const ratio = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
    }
    context.setTransform(1, 0, 0, 1, 0, 0);
    context.clearRect(0, 0, canvas.width, canvas.height);
    context.setTransform(ratio * zoom, 0, 0, ratio * zoom, ratio * x, ratio * y);

    const box = boxes;
    // Only what is on screen (in flow coordinates), with a margin.
    const left = -x / zoom - 300;
    const top = -y / zoom - 300;
    const right = (width - x) / zoom + 300;
    const bottom = (height - y) / zoom + 300;
    const isOnScreen = (b: { x: number; y: number; w: number; h: number }) =>
      b.x + b.w >= left && b.x <= right && b.y + b.h >= top && b.y <= bottom;

    context.lineWidth = Math.max(1.5, 1.5 / zoom);
    for (const relation of ['support', 'oppose'] as const) {
      context.strokeStyle = STROKE[relation];
      context.beginPath();
      for (const edge of edges) {
        if (edge.data?.relation !== relation) continue;
        const from = box.get(edge.source);
        const to = box.get(edge.target);
        if (!from || !to || (!isOnScreen(from) && !isOnScreen(to))) continue;
        context.moveTo(from.x + from.w / 2, from.y);
        context.lineTo(to.x + to.w / 2, to.y + to.h);
      }
      context.stroke();
    }
    for (const node of nodes) {
      const b = box.get(node.id)!;
      if (!isOnScreen(b)) continue;
      context.fillStyle =
        node.id === selectedId
          ? FILL.selected
          : node.type === 'evidence'
            ? FILL.evidence
            : node.type === 'claim' && node.data.isCollapsed
              ? FILL.collapsed
              : FILL.claim;
      context.fillRect(b.x, b.y, b.w, b.h);
    }
  }, [nodes, boxes, edges, selectedId, x, y, zoom, width, height]);

  return <canvas ref={canvasRef} className="overview-canvas" aria-hidden="true" style={{ width, height }} />;
});
