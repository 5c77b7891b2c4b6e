'use client';

import { useCallback, useEffect, useRef, useState } from 'react';

/** The element that shows a claim or passage in the current view (graph node or outline item). */
export function elementOfNode(id: string): HTMLElement | null {
  const escaped = CSS.escape(id);
  return (
    document.querySelector<HTMLElement>(`.react-flow__node[data-id="${escaped}"]`) ??
    document.querySelector<HTMLElement>(`[role="treeitem"][data-node-id="${escaped}"]`)
  );
}

/**
 * Keeps keyboard focus off <body>: after a save, a delete, an undo, Esc or a closed dialog or
 * panel, `returnFocus()` puts focus back on the claim (the one given, else the selection, else
 * the last one selected, else the view's current tab stop) — only if focus was lost.
 */
export function useFocusReturn(selectedId: string | null) {
  const pending = useRef<{ id: string | null } | null>(null);
  // A render after each request, so the check below runs even when nothing else changed.
  const [, setRequests] = useState(0);
  const lastSelected = useRef<string | null>(null);
  const selected = useRef(selectedId);
  selected.current = selectedId;
  if (selectedId) lastSelected.current = selectedId;

  useEffect(() => {
    const request = pending.current;
    if (!request) return;
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => {
        if (pending.current === request) pending.current = null;
        const active = document.activeElement;
        if (active && active !== document.body && active.isConnected) return;
        if (document.querySelector('dialog[open]')) return;
        const candidates = [request.id, selected.current, lastSelected.current].filter((id): id is string => Boolean(id));
        const target =
          candidates.map(elementOfNode).find((element) => element !== null) ??
          document.querySelector<HTMLElement>('.map-canvas [role="treeitem"][tabindex="0"], .map-canvas .react-flow__node');
        target?.focus({ preventScroll: true });
      });
    });
    return () => cancelAnimationFrame(frame);
  });

  return useCallback((id: string | null = null) => {
    pending.current = { id };
    setRequests((count) => count + 1);
  }, []);
}
