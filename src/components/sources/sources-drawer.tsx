'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { SourceSummary } from '@/server/domain/sources/source-select';
import { errorMessage, useTRPC } from '@/trpc/client';
import { SourceReader, type ReaderTarget } from './source-reader';
import { AddSourceForm } from './source-forms';
import { FormError } from '@/components/ui/form-messages';

/**
 * The map's source library and reader, shown beside the graph.
 *
 * `focus` opens a source; with `evidenceId` the reader scrolls to that passage and flashes it (the
 * graph's "Open in source"); with `range` (UTF-16 offsets, from MapSearch's `onOpenSource`) it
 * marks and scrolls to that hit. A new focus object re-focuses even if it names the same passage.
 */
export interface SourcesDrawerProps {
  mapId: string;
  canEdit: boolean;
  /** Open this source, scrolled to and flashing this passage. */
  focus: { sourceId: string; evidenceId?: string; range?: { start: number; end: number } } | null;
  onClose: () => void;
}

function formatYear(date: Date | null): string | null {
  if (!date) return null;
  return date.toISOString().endsWith('-01-01T00:00:00.000Z')
    ? String(date.getUTCFullYear())
    : date.toLocaleDateString('en-GB', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
}

function LibraryItem({ source, onOpen }: { source: SourceSummary; onOpen: () => void }) {
  const meta = [source.author, source.publisher, formatYear(source.publishedAt)].filter(Boolean).join(' · ');
  return (
    <li className="source-item">
      <button type="button" className="source-item-button" onClick={onOpen}>
        <span className="source-item-title">{source.title}</span>
        {meta && <span className="muted small">{meta}</span>}
        <span className="small source-item-counts">
          {source.evidenceCount} passage{source.evidenceCount === 1 ? '' : 's'}
          {source.orphanedCount > 0 && <span className="source-item-orphans"> · ⚠ {source.orphanedCount} orphaned</span>}
        </span>
      </button>
    </li>
  );
}

export function SourcesDrawer({ mapId, canEdit, focus, onClose }: SourcesDrawerProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const library = useQuery(trpc.source.list.queryOptions({ mapId }));
  const map = useQuery(trpc.map.get.queryOptions({ mapId }));
  const [openSourceId, setOpenSourceId] = useState<string | null>(focus?.sourceId ?? null);
  const [isAdding, setIsAdding] = useState(false);
  const [targetCount, setTargetCount] = useState(1);
  const [target, setTarget] = useState<ReaderTarget | null>(() =>
    focus && (focus.evidenceId || focus.range) ? { key: 0, evidenceId: focus.evidenceId, range: focus.range } : null,
  );
  const [lastFocus, setLastFocus] = useState(focus);

  // A new focus from outside (the graph, the search box) opens its source at its passage.
  if (focus !== lastFocus) {
    setLastFocus(focus);
    if (focus) {
      setOpenSourceId(focus.sourceId);
      setIsAdding(false);
      setTargetCount(targetCount + 1);
      setTarget(focus.evidenceId || focus.range ? { key: targetCount, evidenceId: focus.evidenceId, range: focus.range } : null);
    }
  }

  // Other people's changes arrive as map.get updates: refresh the library and readers with them.
  const lastSeq = map.data?.map.lastSeq;
  const seenSeq = useRef(lastSeq);
  useEffect(() => {
    if (lastSeq === undefined || seenSeq.current === lastSeq) return;
    seenSeq.current = lastSeq;
    void queryClient.invalidateQueries({ queryKey: trpc.source.list.queryKey({ mapId }) });
    void queryClient.invalidateQueries({ queryKey: trpc.source.get.queryKey() });
  }, [lastSeq, mapId, queryClient, trpc]);

  const claims = useMemo(
    () => (map.data?.claims ?? []).filter((claim) => !claim.id.startsWith('pending-')).map((claim) => ({ id: claim.id, text: claim.text })),
    [map.data],
  );

  const openSource = (sourceId: string) => {
    setOpenSourceId(sourceId);
    setIsAdding(false);
    setTarget(null);
  };

  return (
    <aside
      className="sources-drawer"
      aria-label="Sources"
      onKeyDown={(event) => {
        // Escape in a form field only leaves the field; elsewhere it closes the drawer.
        const isField = event.target instanceof HTMLElement && event.target.closest('input, textarea, select') !== null;
        if (event.key === 'Escape' && !event.defaultPrevented && !isField) onClose();
      }}
    >
      <div className="sources-drawer-header">
        <h2>Sources</h2>
        <button type="button" className="btn btn-small" onClick={onClose} aria-label="Close sources">
          Close
        </button>
      </div>
      <div className="sources-drawer-body">
        {openSourceId ? (
          <SourceReader
            key={openSourceId}
            mapId={mapId}
            sourceId={openSourceId}
            canEdit={canEdit}
            claims={claims}
            target={target}
            onFocusPassage={(evidenceId) => {
              setTargetCount(targetCount + 1);
              setTarget({ key: targetCount, evidenceId });
            }}
            onBack={() => {
              setOpenSourceId(null);
              setTarget(null);
            }}
          />
        ) : isAdding ? (
          <AddSourceForm mapId={mapId} onCreated={openSource} onOpenExisting={openSource} onCancel={() => setIsAdding(false)} />
        ) : (
          <section className="stack" aria-label="Source library">
            {canEdit && (
              <div>
                <button type="button" className="btn btn-primary btn-small" onClick={() => setIsAdding(true)}>
                  Add source
                </button>
              </div>
            )}
            {library.isPending ? (
              <p className="muted">Loading the library…</p>
            ) : library.error ? (
              <FormError message={errorMessage(library.error)} />
            ) : library.data.length === 0 ? (
              <p className="empty-state">
                No sources yet.{canEdit ? ' Add an article, report or transcript to quote it as evidence.' : ''}
              </p>
            ) : (
              <ul className="stack-list source-list" aria-label="Sources in this map">
                {library.data.map((source) => (
                  <LibraryItem key={source.id} source={source} onOpen={() => openSource(source.id)} />
                ))}
              </ul>
            )}
          </section>
        )}
      </div>
    </aside>
  );
}
