import type { MapEventType } from '@/shared/events';

/** Any JSON value, as a MapEvent payload holds it (dates inside payloads are ISO strings). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** One entry of a map's event log, as stored (before per-recipient redaction). */
export interface StoredMapEvent {
  seq: number;
  type: MapEventType;
  payload: JsonValue;
  actorId: string | null;
  actorName: string | null;
  clientMutationId: string | null;
  createdAt: Date;
}

/** One entry of a map's event log as a particular recipient may see it. */
export interface MapEventView extends StoredMapEvent {
  /** The recipient made this change (computed before identities are redacted). */
  isOwn: boolean;
}

/**
 * What `events.onMapEvent` yields (each wrapped in `tracked(String(seq), item)`):
 * - `event`: the next event of the log, in seq order, never twice on one connection;
 * - `resync`: the client is too far behind (or ahead of a restored log) to catch up by replay —
 *   refetch `map.get` and continue from `seq`.
 */
export type MapStreamItem = ({ kind: 'event' } & MapEventView) | { kind: 'resync'; seq: number; reason: 'too-far-behind' | 'ahead-of-log' };

/** A client that is further behind than this gets a `resync` instead of a replay. */
export const MAX_REPLAY_EVENTS = 1000;
