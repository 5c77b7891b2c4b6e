'use client';

/**
 * The map's source library and reader, shown beside the graph. Placeholder until the sources
 * issue lands; the map workspace already mounts it with these props.
 */
export interface SourcesDrawerProps {
  mapId: string;
  canEdit: boolean;
  /** Open this source, scrolled to and flashing this passage. */
  focus: { sourceId: string; evidenceId?: string } | null;
  onClose: () => void;
}

export function SourcesDrawer({ onClose }: SourcesDrawerProps) {
  return (
    <aside className="card" aria-label="Sources">
      <p className="muted">Sources are coming soon.</p>
      <button type="button" className="btn btn-small" onClick={onClose}>
        Close
      </button>
    </aside>
  );
}
