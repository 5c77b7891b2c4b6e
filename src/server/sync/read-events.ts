import type { Db } from '@/server/db';
import type { MapEventType } from '@/shared/events';
import type { JsonValue, StoredMapEvent } from './event-types';

const EVENT_SELECT = {
  seq: true,
  type: true,
  payload: true,
  actorId: true,
  clientMutationId: true,
  createdAt: true,
  actor: { select: { displayName: true } },
} as const;

type EventRow = {
  seq: number;
  type: string;
  payload: unknown;
  actorId: string | null;
  clientMutationId: string | null;
  createdAt: Date;
  actor: { displayName: string } | null;
};

function toStored(row: EventRow): StoredMapEvent {
  return {
    seq: row.seq,
    type: row.type as MapEventType,
    payload: row.payload as JsonValue,
    actorId: row.actorId,
    actorName: row.actor?.displayName ?? null,
    clientMutationId: row.clientMutationId,
    createdAt: row.createdAt,
  };
}

/** Events of a map with `seq > afterSeq`, oldest first (one indexed range read on (mapId, seq)). */
export async function readEventsAfter(db: Db, mapId: string, afterSeq: number, limit: number): Promise<StoredMapEvent[]> {
  const rows = await db.mapEvent.findMany({
    where: { mapId, seq: { gt: afterSeq } },
    orderBy: { seq: 'asc' },
    take: limit,
    select: EVENT_SELECT,
  });
  return rows.map(toStored);
}

/** Events of a map with `seq < beforeSeq` (or the newest), newest first: history paging. */
export async function readEventsBefore(db: Db, mapId: string, beforeSeq: number | null, limit: number): Promise<StoredMapEvent[]> {
  const rows = await db.mapEvent.findMany({
    where: { mapId, ...(beforeSeq !== null ? { seq: { lt: beforeSeq } } : {}) },
    orderBy: { seq: 'desc' },
    take: limit,
    select: EVENT_SELECT,
  });
  return rows.map(toStored);
}

/** The map's newest seq, or null if the map no longer exists. */
export async function readHeadSeq(db: Db, mapId: string): Promise<number | null> {
  const map = await db.map.findUnique({ where: { id: mapId }, select: { lastSeq: true } });
  return map?.lastSeq ?? null;
}
