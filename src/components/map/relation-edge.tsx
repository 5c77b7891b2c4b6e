'use client';

import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import type { RelationFlowEdge } from './flow-elements';
import { useCanEdit, useMapActions } from './map-actions';

/**
 * A support (solid green, "+") or oppose (dashed red, "−") link, drawn from the arguing node up to
 * the claim it argues about. Dash and sign keep the two apart without colour.
 */
export const RelationEdge = memo(function RelationEdge({
  id,
  sourceX,
  sourceY,
  targetX,
  targetY,
  sourcePosition,
  targetPosition,
  data,
  selected,
  markerEnd,
}: EdgeProps<RelationFlowEdge>) {
  const actions = useMapActions();
  const canEdit = useCanEdit();
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
  const relation = data?.relation ?? 'support';
  const isSupport = relation === 'support';
  const isDraft = !data?.link.id;
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        className={`relation-edge ${relation} ${selected ? 'is-selected' : ''} ${isDraft ? 'is-draft' : ''}`}
        interactionWidth={18}
      />
      <g className={`relation-badge ${relation}`} transform={`translate(${labelX} ${labelY})`} aria-hidden="true">
        <title>{`${isSupport ? 'Supports' : 'Opposes'}${data?.link.scheme ? ` — ${data.link.scheme}` : ''}`}</title>
        <circle r={10} />
        <text textAnchor="middle" dy="0.36em">
          {isSupport ? '+' : '−'}
        </text>
      </g>
      {selected && canEdit && !isDraft && (
        <EdgeLabelRenderer>
          <div
            className="edge-toolbar nodrag nopan"
            style={{ transform: `translate(-50%, 0) translate(${labelX}px, ${labelY + 16}px)` }}
            role="group"
            aria-label="Link actions"
          >
            <button type="button" className="btn btn-small" onClick={() => actions.setLinkRelation(id, isSupport ? 'oppose' : 'support')}>
              Make {isSupport ? 'oppose' : 'support'}
            </button>
            <button type="button" className="btn btn-small btn-danger" onClick={() => actions.deleteLink(id)}>
              Remove link
            </button>
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
});
