import crypto from 'node:crypto';
import superjson, { type SuperJSONResult } from 'superjson';
import { Prisma } from '@/generated/prisma/client';
import { rawQuery, type Db } from '@/server/db';
import type { Actor } from '@/server/access/actor';
import { DomainError } from '@/server/domain/errors';
import { ZMapEventBody, type MapEventDraft } from '@/shared/events';
import { announceCommitted } from './event-hub';
import { MAP_EVENTS_CHANNEL } from './event-types';

export { MAP_EVENTS_CHANNEL } from './event-types';

/** An event a write appends: `{ type, payload }`, checked against the event contract (src/shared/events.ts). */
export type EventDraft = MapEventDraft;

/** Who caused a map's events (null for system writes) and the client's id for the write. */
export interface EventOrigin {
  actor: Actor | null;
  /** The client's id for this write, echoed in its event so the client can reconcile. */
  clientMutationId?: string;
}

/**
 * The CTEs `bump` (the map's next seq, taken only where `onlyIf` holds) and `event` (the log row, which
 * returns it all, for the NOTIFY). The server cannot emit an event the contract does not describe; only declared
 * fields are stored.
 */
function eventCtes(mapId: Prisma.Sql, draft: EventDraft, context: EventOrigin, onlyIf: Prisma.Sql): Prisma.Sql {
  const parsed = ZMapEventBody.safeParse(draft);
  if (!parsed.success) throw new Error(`a ${draft.type} event does not match its schema: ${parsed.error.message}`);
  return Prisma.sql`
      bump AS (
        UPDATE "Map" SET "lastSeq" = "lastSeq" + 1, "updatedAt" = now() WHERE "id" = ${mapId} AND ${onlyIf}
        RETURNING "id", "lastSeq"
      ),
      event AS (
        INSERT INTO "MapEvent" ("id", "mapId", "seq", "type", "payload", "actorId", "clientMutationId", "audienceUserId")
        SELECT ${crypto.randomUUID()}::text, "id", "lastSeq", ${parsed.data.type}::text, ${JSON.stringify(parsed.data.payload)}::jsonb,
               ${context.actor?.id ?? null}::text, ${context.clientMutationId ?? null}::text, ${draft.audienceUserId ?? null}::text
          FROM bump
        RETURNING "seq", "mapId", "type", "payload", "actorId", "clientMutationId", "audienceUserId", "createdAt"
      )`;
}

/**
 * Appends one event to the map's log inside the caller's transaction: takes the next gapless
 * seq from Map.lastSeq (the row lock serialises concurrent writers to one map), inserts the
 * event and queues a NOTIFY that Postgres delivers only if the transaction commits.
 */
export async function appendMapEvent(
  tx: Prisma.TransactionClient,
  mapId: string,
  draft: EventDraft,
  context: EventOrigin,
): Promise<{ seq: number; notice: string }> {
  // The bump, the row and the NOTIFY in one statement: every write's events cost one round trip each.
  const rows = await tx.$queryRaw<{ seq: number; notice: string }[]>`
    WITH ${eventCtes(Prisma.sql`${mapId}::text`, draft, context, Prisma.sql`true`)}, ${noticeCte}
    SELECT e."seq", ${noticeColumnsSql} FROM event e`;
  const row = rows[0];
  if (!row) throw new Error(`appendMapEvent: map ${mapId} does not exist`);
  return row;
}

export interface MapWriteResult<T> {
  result: T;
  events: EventDraft[];
}

/**
 * The single path for every change to a map: applies the change and appends its events in one
 * transaction, so the log and the data can never disagree.
 *
 * At most once per client mutation: with an actor and a `clientMutationId`, the write is recorded
 * (AppliedMutation, keyed by actor and id) in the same transaction, and a replay of the same id —
 * a retry after a lost response, the outbox resending after a crash — returns the original result
 * without writing again. Two replays racing: the second's insert hits the key and it returns the
 * first's result.
 */
export async function runMapWrite<T>(
  db: Db,
  mapId: string,
  context: EventOrigin,
  apply: (tx: Prisma.TransactionClient) => Promise<MapWriteResult<T>>,
): Promise<T & { seq: number }> {
  const key = context.actor && context.clientMutationId ? { actorId: context.actor.id, clientMutationId: context.clientMutationId } : null;
  const notices: string[] = [];
  try {
    const written = await db.$transaction(async (tx) => {
      if (key) {
        const prior = await tx.appliedMutation.findUnique({ where: { actorId_clientMutationId: key } });
        if (prior) return replayed<T>(prior, mapId);
      }
      const { result, events } = await apply(tx);
      let seq = 0;
      for (const event of events) {
        const appended = await appendMapEvent(tx, mapId, event, context);
        seq = appended.seq;
        notices.push(appended.notice);
      }
      const value = { ...result, seq };
      if (key) {
        await tx.appliedMutation.create({
          data: { ...key, mapId, seq, result: superjson.serialize(value) as unknown as Prisma.InputJsonObject },
        });
      }
      return value;
    });
    for (const notice of notices) announceCommitted(notice);
    return written;
  } catch (error) {
    if (!key || !isUniqueViolation(error)) throw error;
    const prior = await db.appliedMutation.findUnique({ where: { actorId_clientMutationId: key } });
    if (!prior) throw error;
    return replayed<T>(prior, mapId);
  }
}

/** A change that is one data-modifying statement, with its event and result known before it runs. */
export interface StatementWrite<T> {
  /**
   * `UPDATE … RETURNING 1` (or an INSERT) on the map `mapId` (a SQL expression: the map's id, or the map the
   * access check found in the same statement): the whole change; no row returned means it did not apply.
   */
  change: (mapId: Prisma.Sql) => Prisma.Sql;
  event: EventDraft;
  /** What the procedure returns; the event's seq is added. */
  result: T;
}

/**
 * The CTEs of a one-statement write: `change`, then `bump` (the map's `lastSeq`), `event` (the log row),
 * `applied` (the AppliedMutation record) and `notice`. The statement that holds them selects from `event` and
 * `noticeColumnsSql` (the NOTIFY).
 */
export function statementWriteCtes<T extends object>(mapId: Prisma.Sql, context: EventOrigin, write: StatementWrite<T>): Prisma.Sql {
  const actorId = context.actor?.id ?? null;
  const clientMutationId = context.clientMutationId ?? null;
  const isRecorded = Boolean(actorId && clientMutationId);
  // The stored result is what a replay returns: superjson of the value, its seq filled in by the statement.
  const result = isRecorded ? JSON.stringify(superjson.serialize({ ...write.result, seq: 0 })) : null;
  return Prisma.sql`
      change AS (${write.change(mapId)}),
      ${eventCtes(mapId, write.event, context, Prisma.sql`EXISTS (SELECT 1 FROM change)`)},
      applied AS (
        INSERT INTO "AppliedMutation" ("actorId", "clientMutationId", "mapId", "seq", "result")
        SELECT ${actorId}::text, ${clientMutationId}::text, "mapId", "seq", jsonb_set(${result}::jsonb, '{json,seq}', to_jsonb("seq"))
          FROM event
         WHERE ${isRecorded}::boolean
      ),
      ${noticeCte}`;
}

/**
 * Postgres refuses a NOTIFY payload of 8,000 bytes or more; an event larger than this is announced by its
 * seq alone, and the feed reads it from the log.
 */
export const NOTIFIED_EVENT_MAX_BYTES = 7000;

/**
 * The CTE `notice`: the notification text of the row of `event` — `mapId:seq`, then a newline and the event
 * as JSON when it fits (read back by `eventOfNotification`), so the process that delivers it need not read
 * the row it was just told about. Built once: the NOTIFY sends it, and the statement returns it to the writer,
 * whose process delivers it at once (`announceCommitted`) rather than when Postgres relays it.
 */
export const noticeCte = Prisma.sql`notice AS (SELECT e."mapId" || ':' || e."seq" || COALESCE((
    SELECT chr(10) || body FROM (
      SELECT json_build_object(
        'type', e."type", 'payload', e."payload", 'actorId', e."actorId", 'clientMutationId', e."clientMutationId",
        'audienceUserId', e."audienceUserId", 'createdAt', to_char(e."createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        'actorName', (SELECT u."displayName" FROM "User" u WHERE u."id" = e."actorId")
      )::text AS body
      -- OFFSET 0: built once, not once for the size test and again for the payload.
      OFFSET 0
    ) notified WHERE octet_length(body) <= ${Prisma.raw(String(NOTIFIED_EVENT_MAX_BYTES))}
  ), '') AS "text" FROM event e)`;

/** Columns of a statement that holds `noticeCte`: "notice" (its text) and "notified" (the NOTIFY, sent on commit). */
export const noticeColumnsSql = Prisma.sql`
  (SELECT n."text" FROM notice n) AS "notice",
  (SELECT pg_notify(${MAP_EVENTS_CHANNEL}::text, n."text") IS NULL FROM notice n) AS "notified"`;

/**
 * `runMapWrite` in one round trip, for the hot writes: the change, the `lastSeq` bump, the event row, the
 * AppliedMutation record and the NOTIFY are one statement (CTEs), so one transaction by itself, with the
 * same guarantees — the Map row lock serialises writers (gapless seqs), the NOTIFY is delivered only on
 * commit, and a unique violation on the mutation id rolls everything back.
 *
 * Returns null when it did not write: the change matched no row (a stale version, a deleted object, a
 * no-op) or the mutation id was already used (a replay). The caller then takes the general path
 * (`runMapWrite` and its own checks), which tells those cases apart — the rare cases pay one more trip.
 */
export async function runMapWriteStatement<T extends object>(
  db: Db,
  mapId: string,
  context: EventOrigin,
  write: StatementWrite<T>,
): Promise<(T & { seq: number }) | null> {
  const ctes = statementWriteCtes(Prisma.sql`${mapId}::text`, context, write);
  try {
    const rows = await rawQuery<{ seq: number; notice: string }>(
      db,
      Prisma.sql`WITH ${ctes} SELECT e."seq", ${noticeColumnsSql} FROM event e`,
    );
    const row = rows[0];
    if (!row) return null;
    announceCommitted(row.notice);
    return { ...write.result, seq: row.seq };
  } catch (error) {
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}

function replayed<T>(prior: { mapId: string; result: unknown }, mapId: string): T & { seq: number } {
  if (prior.mapId !== mapId) {
    throw new DomainError('CONFLICT', 'This clientMutationId was already used for a change on another map; send a new id.');
  }
  return superjson.deserialize(prior.result as SuperJSONResult);
}

export function isUniqueViolation(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const { code, meta, cause } = error as { code?: unknown; meta?: { code?: unknown }; cause?: { code?: unknown } };
  // Prisma's own P2002, or Postgres's 23505 surfacing through a raw query.
  return code === 'P2002' || code === '23505' || meta?.code === '23505' || cause?.code === '23505';
}
