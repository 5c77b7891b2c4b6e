export type { MapEventView, MapStreamItem, StoredMapEvent } from '@/shared/events';

/** Any JSON value, as a MapEvent payload column holds it (dates inside payloads are ISO strings). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A client that is further behind than this gets a `resync` instead of a replay. */
export const MAX_REPLAY_EVENTS = 1000;

/** The Postgres channel of map event notifications (append-event.ts sends them, event-hub.ts listens). */
export const MAP_EVENTS_CHANNEL = 'crux_map_events';
