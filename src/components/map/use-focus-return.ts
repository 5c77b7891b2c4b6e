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

/** How long after a request focus is kept off <body> (a deferred render can remove the focused node late). */
const FOCUS_WATCH_MS = 1500;

/**
 * Keeps keyboard focus off <body>: after a save, a delete, an undo, Esc or a closed dialog or
 * panel, `returnFocus()` puts focus back on the claim (the one given, else the selection, else
 * the last one selected, else the view's current tab stop) — only if focus was lost.
 */
export function useFocusReturn(selectedId: string | null) {
  const pending = useRef<{ id: string | null; until: number } | null>(null);
  // A render after each request, so the check below runs even when nothing else changed.
  const [, setRequests] = useState(0);
  const lastSelected = useRef<string | null>(null);
  const selected = useRef(selectedId);
  selected.current = selectedId;
  if (selectedId) lastSelected.current = selectedId;

  useEffect(() => {
    const request = pending.current;
    if (!request) return;
    // The graph follows the map as a deferred value, so the node that had focus (a deleted claim)
    // can leave the DOM several frames after the request: watch for a while, not just once.
    let frame = requestAnimationFrame(function check() {
      if (pending.current !== request) return;
      const active = document.activeElement;
      const isFocusLost = !active || active === document.body || !active.isConnected;
      if (isFocusLost && !document.querySelector('dialog[open]')) {
        const candidates = [request.id, selected.current, lastSelected.current].filter((id): id is string => Boolean(id));
        const target =
          candidates.map(elementOfNode).find((element) => element !== null) ??
          document.querySelector<HTMLElement>('.map-canvas [role="treeitem"][tabindex="0"], .map-canvas .react-flow__node');
        target?.focus({ preventScroll: true });
      }
      if (performance.now() < request.until) frame = requestAnimationFrame(check);
      else if (pending.current === request) pending.current = null;
    });
    return () => cancelAnimationFrame(frame);
  });

  return useCallback((id: string | null = null) => {
    pending.current = { id, until: performance.now() + FOCUS_WATCH_MS };
    setRequests((count) => count + 1);
  }, []);
}
