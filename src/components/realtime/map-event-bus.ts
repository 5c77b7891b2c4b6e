/**
 * Hands the events `useMapSync` receives to other components of the same page (the history
 * panel), so they follow the map live without opening a second stream: browsers allow only six
 * HTTP/1.1 connections per origin, and every open stream holds one.
 */
import type { MapEventView } from '@/server/sync/event-types';

export interface BusEvent {
  event: MapEventView;
  /** For claim.deleted: the claim's text as the cache held it just before the deletion. */
  subjectText: string | null;
}

type Listener = (message: BusEvent) => void;

const listeners = new Map<string, Set<Listener>>();
const everyMapListeners = new Set<Listener>();

export function publishMapEvent(mapId: string, message: BusEvent): void {
  for (const listener of listeners.get(mapId) ?? []) listener(message);
  for (const listener of everyMapListeners) listener(message);
}

/** Events of whichever map the page follows (the notification bell lives outside any one map). */
export function subscribeAllMapEvents(listener: Listener): () => void {
  everyMapListeners.add(listener);
  return () => {
    everyMapListeners.delete(listener);
  };
}

export function subscribeMapEvents(mapId: string, listener: Listener): () => void {
  let set = listeners.get(mapId);
  if (!set) {
    set = new Set();
    listeners.set(mapId, set);
  }
  set.add(listener);
  return () => {
    set.delete(listener);
    if (set.size === 0) listeners.delete(mapId);
  };
}
