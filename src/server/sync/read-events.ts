import { Prisma } from '@/generated/prisma/client';
import { rawQuery, type Db } from '@/server/db';
import { parseMapEventBody } from '@/shared/events';
import type { StoredMapEvent } from './event-types';

const EVENT_SELECT = {
  seq: true,
  type: true,
  payload: true,
  actorId: true,
  clientMutationId: true,
  audienceUserId: true,
  createdAt: true,
  actor: { select: { displayName: true } },
} as const;

type EventRow = {
  seq: number;
  type: string;
  payload: unknown;
  actorId: string | null;
  clientMutationId: string | null;
  audienceUserId: string | null;
  createdAt: Date;
  actor: { displayName: string } | null;
};

/**
 * A stored row as a typed event; null when it does not match the contract (a row written by another
 * version): readers skip it, and a client that notices the hole refetches the map.
 */
function toStored(row: EventRow): StoredMapEvent | null {
  const body = parseMapEventBody(row.type, row.payload);
  if (!body) {
    console.warn(`[events] event ${row.seq} (${row.type}) does not match the event contract; skipped`);
    return null;
  }
  return {
    seq: row.seq,
    ...body,
    actorId: row.actorId,
    actorName: row.actor?.displayName ?? null,
    clientMutationId: row.clientMutationId,
    audienceUserId: row.audienceUserId,
    createdAt: row.createdAt,
  };
}

/**
 * The event a notification carries (`noticeCte`), as `readEventsAfter` would read it; null when the text is
 * not such an event (the feed then reads the log).
 */
export function eventOfNotification(seq: number, text: string): StoredMapEvent | null {
  try {
    const row = JSON.parse(text) as Omit<EventRow, 'seq' | 'createdAt' | 'actor'> & { createdAt: string; actorName: string | null };
    const createdAt = new Date(row.createdAt);
    if (Number.isNaN(createdAt.getTime())) return null;
    return toStored({
      seq,
      type: row.type,
      payload: row.payload,
      actorId: row.actorId,
      clientMutationId: row.clientMutationId,
      audienceUserId: row.audienceUserId,
      createdAt,
      actor: row.actorName === null ? null : { displayName: row.actorName },
    });
  } catch {
    return null;
  }
}

/**
 * Events of a map with `seq > afterSeq`, oldest first (one indexed range read on (mapId, seq)). Raw SQL: every
 * burst of edits is read here once per map, and Prisma's per-query work was the larger part of it.
 */
export async function readEventsAfter(db: Db, mapId: string, afterSeq: number, limit: number): Promise<StoredMapEvent[]> {
  const rows = await rawQuery<Omit<EventRow, 'actor'> & { actorName: string | null }>(
    db,
    Prisma.sql`
      SELECT e."seq", e."type", e."payload", e."actorId", e."clientMutationId", e."audienceUserId",
             e."createdAt" AT TIME ZONE 'UTC' AS "createdAt", u."displayName" AS "actorName"
        FROM "MapEvent" e LEFT JOIN "User" u ON u."id" = e."actorId"
       WHERE e."mapId" = ${mapId}::text AND e."seq" > ${afterSeq}::int
       ORDER BY e."seq" ASC
       LIMIT ${limit}::int`,
  );
  return rows
    .map(({ actorName, ...row }) => toStored({ ...row, actor: actorName === null ? null : { displayName: actorName } }))
    .filter((event) => event !== null);
}

/** Events of a map with `seq < beforeSeq` (or the newest), newest first: history paging. */
export async function readEventsBefore(db: Db, mapId: string, beforeSeq: number | null, limit: number): Promise<StoredMapEvent[]> {
  const rows = await db.mapEvent.findMany({
    where: { mapId, ...(beforeSeq !== null ? { seq: { lt: beforeSeq } } : {}) },
    orderBy: { seq: 'desc' },
    take: limit,
    select: EVENT_SELECT,
  });
  return rows.map(toStored).filter((event) => event !== null);
}

/** The map's newest seq, or null if the map no longer exists. */
export async function readHeadSeq(db: Db, mapId: string): Promise<number | null> {
  const map = await db.map.findUnique({ where: { id: mapId }, select: { lastSeq: true } });
  return map?.lastSeq ?? null;
}
