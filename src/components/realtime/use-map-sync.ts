'use client';

/**
 * Keeps the map.get cache of one map in step with its event log over one SSE subscription.
 * Placeholder until the real-time issue lands; the map workspace already calls it.
 */
export type ConnectionState = 'live' | 'reconnecting' | 'offline';

export interface MapSync {
  connection: ConnectionState;
}

export function useMapSync(_mapId: string, _lastSeq: number): MapSync {
  return { connection: 'offline' };
}
