'use client';

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { MapView } from '@/server/domain/maps/get-map';
import { collapseToLevel, defaultCollapsed, defaultLevel, mapTree } from './map-tree';

/**
 * Which subtrees of the graph are collapsed: local to this browser (localStorage, per map), never
 * an event. A map without a stored state opens in its default state (see defaultCollapsed).
 */
export interface CollapseState {
  collapsed: ReadonlySet<string>;
  toggle: (id: string) => void;
  expand: (ids: readonly string[]) => void;
  expandAll: () => void;
  collapseTo: (level: number) => void;
  level: number | null;
}

const keyOf = (mapId: string) => `crux:collapsed:${mapId}`;

function read(map: MapView): { ids: Set<string>; level: number | null } {
  try {
    const raw = window.localStorage.getItem(keyOf(map.map.id));
    if (raw) {
      const parsed = JSON.parse(raw) as { ids?: unknown; level?: unknown };
      if (Array.isArray(parsed.ids)) {
        return {
          ids: new Set(parsed.ids.filter((id): id is string => typeof id === 'string')),
          level: typeof parsed.level === 'number' ? parsed.level : null,
        };
      }
    }
  } catch {
    // Storage blocked or corrupt: fall back to the default.
  }
  const ids = defaultCollapsed(map);
  return { ids, level: ids.size > 0 ? defaultLevel(map) : null };
}

type Stored = { ids: Set<string>; level: number | null };

export function useCollapse(map: MapView): CollapseState {
  const mapId = map.map.id;
  const [state, setState] = useState(() => read(map));
  const isDirty = useRef(false);
  useEffect(() => {
    if (!isDirty.current) return;
    try {
      window.localStorage.setItem(keyOf(mapId), JSON.stringify({ ids: [...state.ids], level: state.level }));
    } catch {
      // Not kept across reloads then; the view still changes.
    }
  }, [mapId, state]);
  // Stable callbacks, so the toggle handed to every node never re-renders them.
  const update = useCallback((change: (previous: Stored) => Stored) => {
    isDirty.current = true;
    setState(change);
  }, []);
  const toggle = useCallback(
    (id: string) =>
      update((previous) => {
        const ids = new Set(previous.ids);
        if (ids.has(id)) ids.delete(id);
        else ids.add(id);
        return { ids, level: null };
      }),
    [update],
  );
  const expand = useCallback(
    (list: readonly string[]) =>
      setState((previous) => {
        if (!list.some((id) => previous.ids.has(id))) return previous;
        isDirty.current = true;
        const ids = new Set(previous.ids);
        for (const id of list) ids.delete(id);
        return { ids, level: null };
      }),
    [],
  );
  const expandAll = useCallback(() => update(() => ({ ids: new Set(), level: null })), [update]);
  const latestMap = useRef(map);
  latestMap.current = map;
  const collapseTo = useCallback((level: number) => update(() => ({ ids: collapseToLevel(latestMap.current, level), level })), [update]);
  // Ids of deleted claims are harmless; only claims with children can be collapsed.
  const { childrenOf } = mapTree(map);
  const collapsed = useMemo(() => new Set([...state.ids].filter((id) => childrenOf.has(id))), [state.ids, childrenOf]);
  return { collapsed, toggle, expand, expandAll, collapseTo, level: state.level };
}

export const CollapseContext = createContext<((id: string) => void) | null>(null);

export function useCollapseToggle(): ((id: string) => void) | null {
  return useContext(CollapseContext);
}
