'use client';

import dynamic from 'next/dynamic';
import { useState, type ComponentProps, type ReactNode } from 'react';
import { GraphLoadBoundary } from './graph-load-boundary';
import type MapGraphComponent from './map-graph';

// React Flow measures the DOM: render the canvas in the browser only, and keep it (and ELK) out
// of the first bundle so the page is interactive sooner.
const MapGraph = dynamic(() => import('./map-graph'), { ssr: false, loading: () => null });

type GraphProps = Omit<ComponentProps<typeof MapGraphComponent>, 'onReady'>;

/**
 * The graph, with a server-rendered first view (the thesis and what argues about it) on top
 * until React Flow has loaded and framed the map, so text shows before the graph's chunk arrives.
 */
export function GraphView({ firstView, ...props }: GraphProps & { firstView: ReactNode }) {
  const [isReady, setIsReady] = useState(false);
  return (
    <div className="graph-view">
      <GraphLoadBoundary>
        <MapGraph {...props} onReady={() => setIsReady(true)} />
      </GraphLoadBoundary>
      {!isReady && (
        <div className="first-view" data-testid="first-view">
          {firstView}
        </div>
      )}
    </div>
  );
}
