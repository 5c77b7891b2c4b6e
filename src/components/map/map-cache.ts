/**
 * What the map.get cache entry needs beyond the reducer: TanStack Query's structural sharing for
 * it, and the types and ids the editor uses. The view itself changes only through `applyEvent`
 * (src/components/realtime/apply-event.ts) via the map's MapViewStore.
 */
import type { MapView } from '@/server/domain/maps/get-map';
import { sameValue } from '@/shared/same-value';

export { isPendingId, pendingClaimId } from '@/components/realtime/apply-event';

export interface NodeMove {
  id: string;
  kind: 'claim' | 'evidence';
  x: number;
  y: number;
}

// ——— Structural sharing ———————————————————————————————————————————————————————————————

function shareList<T extends { id: string }>(previous: T[], next: T[]): T[] {
  // Usually the lists line up index by index; the lookup table is built only when they do not.
  let before: Map<string, T> | null = null;
  const previousOf = (item: T, i: number) => {
    const aligned = previous[i];
    if (aligned?.id === item.id) return aligned;
    before ??= new Map(previous.map((entry) => [entry.id, entry]));
    return before.get(item.id);
  };
  let isSame = previous.length === next.length;
  const shared = next.map((item, i) => {
    const old = previousOf(item, i);
    const kept = old && sameValue(old, item) ? old : item;
    if (kept !== previous[i]) isSame = false;
    return kept;
  });
  return isSame ? previous : shared;
}

/**
 * TanStack Query's default structural sharing treats Date fields as always changed, so a refetch
 * would give every claim a new identity and re-render every node of a 2,000-claim map. This keeps
 * each unchanged claim, link, source and passage (and the lists themselves) identical.
 */
export function shareMapView(previous: unknown, next: unknown): unknown {
  if (!isMapView(previous) || !isMapView(next)) return next;
  const lists = new Set(['claims', 'links', 'sources', 'evidence']);
  const before = previous as unknown as Record<string, unknown>;
  const result: Record<string, unknown> = {};
  let isUnchanged = Object.keys(before).length === Object.keys(next).length;
  for (const [key, value] of Object.entries(next)) {
    const old = before[key];
    const kept =
      lists.has(key) && Array.isArray(old) && Array.isArray(value)
        ? shareList(old as { id: string }[], value as { id: string }[])
        : sameValue(old, value)
          ? old
          : value;
    if (kept !== old) isUnchanged = false;
    result[key] = kept;
  }
  return isUnchanged ? previous : result;
}

function isMapView(value: unknown): value is MapView {
  return Boolean(value && typeof value === 'object' && 'claims' in value && 'links' in value && 'map' in value);
}
