'use client';

import '@xyflow/react/dist/style.css';
import { MarkerType, ReactFlow, type Edge, type Node } from '@xyflow/react';
import { useMemo } from 'react';
import type { MapView } from '@/server/domain/maps/get-map';
import { excerpt } from '@/components/map/map-index';
import { diffGraph, type DiffMark } from './compare-graph-model';

const MARK_LABEL: Record<DiffMark, string> = { added: 'Added', removed: 'Removed', edited: 'Edited', same: '' };
const RELATION_COLOR = { support: '#1f7a3d', oppose: '#b3261e' };

/** The comparison drawn as a read-only graph: added green, removed red and struck through, edited amber. */
export function CompareGraph({ from, to }: { from: MapView; to: MapView }) {
  const graph = useMemo(() => diffGraph(from, to), [from, to]);
  const nodes: Node[] = useMemo(
    () =>
      graph.nodes.map((node) => ({
        id: node.id,
        position: node.position,
        className: `compare-node compare-${node.kind} diff-${node.mark}`,
        data: {
          label: (
            <span aria-label={`${MARK_LABEL[node.mark] ? `${MARK_LABEL[node.mark]}: ` : ''}${node.text}`} data-diff={node.mark}>
              {node.mark !== 'same' && <span className={`diff-tag diff-tag-${node.mark}`}>{MARK_LABEL[node.mark]}</span>}
              {excerpt(node.text, 140)}
              {node.before !== null && <span className="diff-before">was: {excerpt(node.before, 100)}</span>}
            </span>
          ),
        },
        draggable: false,
        connectable: false,
      })),
    [graph],
  );
  const edges: Edge[] = useMemo(
    () =>
      graph.edges.map((edge) => {
        const color = edge.mark === 'removed' ? '#9a9a9a' : RELATION_COLOR[edge.relation];
        return {
          id: edge.id,
          source: edge.source,
          target: edge.target,
          className: `diff-${edge.mark}`,
          label: edge.mark === 'same' ? undefined : MARK_LABEL[edge.mark],
          style: {
            stroke: color,
            strokeWidth: edge.mark === 'same' ? 1.5 : 3,
            ...(edge.mark === 'removed' ? { strokeDasharray: '6 4' } : {}),
          },
          markerEnd: { type: MarkerType.ArrowClosed, color },
          focusable: false,
        };
      }),
    [graph],
  );
  return (
    <figure className="compare-graph" aria-label="Changes in the graph">
      <figcaption className="small">
        <span className="diff-tag diff-tag-added">Added {graph.counts.added}</span>{' '}
        <span className="diff-tag diff-tag-edited">Edited {graph.counts.edited}</span>{' '}
        <span className="diff-tag diff-tag-removed">Removed {graph.counts.removed}</span>{' '}
        <span className="muted">(claims, passages and links)</span>
      </figcaption>
      <div className="compare-graph-canvas">
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={false}
          fitView
          minZoom={0.1}
          proOptions={{ hideAttribution: true }}
        />
      </div>
    </figure>
  );
}
