import { rawQuery, type Db } from '@/server/db';
import { Prisma } from '@/generated/prisma/client';
import { DomainError, notFoundOrNoAccess } from '@/server/domain/errors';
import {
  effectiveLimit,
  rateLimitError,
  rateLimitStateOf,
  rateLimitUpsert,
  type RateLimitRule,
} from '@/server/domain/rate-limit/rate-limit';
import { isUniqueViolation, noticeColumnsSql, statementWriteCtes, type StatementWrite } from '@/server/sync/append-event';
import { announceCommitted } from '@/server/sync/event-hub';
import { MAP_ROLES, roleAtLeast, type MapRoleName } from '@/shared/roles';
import type { Actor } from './actor';
import type { TVisibility } from '@/shared/schemas/map';

type DbOrTx = Db | Prisma.TransactionClient;

export interface MapAccess {
  mapId: string;
  /** The caller's effective role; a public map gives everyone at least `viewer`. */
  role: MapRoleName | null;
  isMember: boolean;
  map: { id: string; ownerId: string; visibility: TVisibility; isLocked: boolean; isAnonymous: boolean };
}

const ROLE_NOUN: Record<MapRoleName, string> = {
  viewer: 'a viewer',
  voter: 'a voter',
  editor: 'an editor',
  owner: 'the owner',
};

const ROLE_VERB: Record<MapRoleName, string> = {
  viewer: 'view',
  voter: 'vote on',
  editor: 'edit',
  owner: 'manage',
};

export async function getMapAccess(db: DbOrTx, mapId: string, actor: Actor | null): Promise<MapAccess | null> {
  const map = await db.map.findUnique({
    where: { id: mapId },
    select: {
      id: true,
      ownerId: true,
      visibility: true,
      isLocked: true,
      isAnonymous: true,
      members: actor ? { where: { userId: actor.id }, select: { role: true } } : false,
    },
  });
  if (!map) return null;
  const memberRole: MapRoleName | null = map.members?.[0]?.role ?? null;
  const role: MapRoleName | null = memberRole ?? (map.visibility === 'public' ? 'viewer' : null);
  const { members: _members, ...rest } = map;
  return { mapId, role, isMember: memberRole !== null, map: rest };
}

/** An access that passed a role check: the caller holds a role. */
export type CheckedMapAccess = MapAccess & { role: MapRoleName };

interface RequireOptions {
  /** A change to the map's content: refused on a locked map for everyone but the owner. */
  isWrite?: boolean;
}

/**
 * Throws unless the actor holds at least `minimum` on the map. A map the caller may not even view
 * is reported exactly as a map that does not exist (anonymous callers included), so its existence
 * does not leak; only on a map they can see are callers told to sign in or what role they lack.
 */
export async function requireMapRole(
  db: DbOrTx,
  actor: Actor | null,
  mapId: string,
  minimum: MapRoleName,
  options: RequireOptions = {},
): Promise<CheckedMapAccess> {
  return checkMapRole(await getMapAccess(db, mapId, actor), actor, minimum, options);
}

/** The rule of `requireMapRole` over an access already read. */
export function checkMapRole(
  access: MapAccess | null,
  actor: Actor | null,
  minimum: MapRoleName,
  options: RequireOptions = {},
): CheckedMapAccess {
  if (!access || access.role === null) throw notFoundOrNoAccess();
  if (!roleAtLeast(access.role, minimum)) {
    if (!actor) throw new DomainError('UNAUTHORIZED', `Sign in to ${ROLE_VERB[minimum]} this map.`);
    throw new DomainError(
      'FORBIDDEN',
      `Your role on this map is ${access.role}; you need to be ${ROLE_NOUN[minimum]} to ${ROLE_VERB[minimum]} it.`,
    );
  }
  if (options.isWrite && access.map.isLocked && access.role !== 'owner') {
    throw new DomainError('FORBIDDEN', 'This map is locked by its owner: it is read-only until they unlock it.');
  }
  return access as CheckedMapAccess;
}

/** An object whose own map decides access: the map itself, or a claim, link, source or passage on it. */
export type AccessTarget =
  | { kind: 'map'; id: string }
  | { kind: 'claim'; id: string }
  | { kind: 'link'; id: string }
  | { kind: 'source'; id: string }
  | { kind: 'evidence'; id: string };

// The map of each kind of object, as the mapIdOf… lookups below find it (a passage's map is its source's).
const MAP_OF: Record<AccessTarget['kind'], Prisma.Sql> = {
  map: Prisma.sql`"Map" m`,
  claim: Prisma.sql`"Claim" o JOIN "Map" m ON m."id" = o."mapId"`,
  link: Prisma.sql`"Link" o JOIN "Map" m ON m."id" = o."mapId"`,
  source: Prisma.sql`"Source" o JOIN "Map" m ON m."id" = o."mapId"`,
  evidence: Prisma.sql`"Evidence" o JOIN "Source" s ON s."id" = o."sourceId" JOIN "Map" m ON m."id" = s."mapId"`,
};

const OBJECT_ID: Record<AccessTarget['kind'], Prisma.Sql> = {
  map: Prisma.sql`m."id"`,
  claim: Prisma.sql`o."id"`,
  link: Prisma.sql`o."id"`,
  source: Prisma.sql`o."id"`,
  evidence: Prisma.sql`o."id"`,
};

/** A rate-limit charge to take in the same query (the write procedures' per-user write quota). */
export interface AccessCharge {
  rule: RateLimitRule;
  key: string;
}

type AccessRow = {
  id: string | null;
  ownerId: string;
  visibility: MapAccess['map']['visibility'];
  isLocked: boolean;
  isAnonymous: boolean;
  memberRole: MapRoleName | null;
};

/**
 * `requireMapRole` on the map an object belongs to, in one query: the object's map, its lock and
 * visibility flags and the caller's membership are read together — with `charge`, the write quota's
 * counter is taken in the same statement, and an exhausted quota is refused (429) before anything else,
 * as the quota always was. A missing object is answered as a map the caller cannot open.
 */
export async function requireRoleOn(
  db: DbOrTx,
  actor: Actor | null,
  target: AccessTarget,
  minimum: MapRoleName,
  options: RequireOptions & { charge?: AccessCharge } = {},
): Promise<CheckedMapAccess> {
  const row = await accessRow(db, actor?.id ?? null, target, options.charge, null);
  return checkedAccess(row, actor, minimum, options);
}

/** A session's claims, not yet checked against its row (auth/request-session.ts's PendingSession). */
export interface SessionClaim {
  userId: string;
  sessionId: string;
}

/**
 * `requireRoleOn` for a caller whose session is checked in the same query: the session row (live, this
 * user's) and the user are read with the access row — a write is this query, then the write. An ended
 * session is refused as the session check always refused it; its quota is not charged.
 */
export async function requireSessionRoleOn(
  db: DbOrTx,
  session: SessionClaim,
  target: AccessTarget,
  minimum: MapRoleName,
  options: RequireOptions & { charge?: AccessCharge } = {},
): Promise<{ actor: Actor; access: CheckedMapAccess }> {
  return sessionAccessOf(await accessRow(db, session.userId, target, options.charge, session), minimum, options);
}

/** A session row's actor and their checked access (`requireSessionRoleOn`'s rule over the row it read). */
function sessionAccessOf(row: (AccessRow & Partial<SessionRow>) | undefined, minimum: MapRoleName, options: RequireOptions) {
  if (!row?.sessionUserId) throw new DomainError('UNAUTHORIZED', 'Sign in to do this.');
  const actor = { id: row.sessionUserId, displayName: row.sessionDisplayName ?? '', isGuest: row.sessionIsGuest ?? false };
  return { actor, access: checkedAccess(row, actor, minimum, options) };
}

type SessionRow = { sessionUserId: string | null; sessionDisplayName: string | null; sessionIsGuest: boolean | null };

async function accessRow(
  db: DbOrTx,
  userId: string | null,
  target: AccessTarget,
  charge: AccessCharge | undefined,
  session: SessionClaim | null,
  fold?: Prisma.Sql,
): Promise<(AccessRow & Partial<SessionRow> & { writtenSeq?: number | null; notice?: string | null }) | undefined> {
  const access = accessSql(userId, target);
  // The session drives the row, so an ended session is told apart from a missing object.
  const live = session ? liveSessionSql(session) : Prisma.sql`SELECT NULL::text AS "sessionUserId"`;
  if (charge) {
    const { rule, key } = charge;
    // With `fold` (a write's CTEs, see requireSessionRoleAndWrite), the write rides in the same statement.
    const written = fold ? Prisma.sql`, (SELECT e."seq" FROM event e) AS "writtenSeq", ${noticeColumnsSql}` : Prisma.empty;
    const rows = await rawQuery<AccessRow & SessionRow & QuotaRow & { writtenSeq?: number | null; notice?: string | null }>(
      db,
      Prisma.sql`
      WITH live AS (${live}),
      quota AS (${rateLimitUpsert(rule, key, 1, session ? Prisma.sql`EXISTS (SELECT 1 FROM live)` : Prisma.sql`true`)}),
      target AS (${access})${fold ? Prisma.sql`, ${fold}` : Prisma.empty}
      SELECT q."points" AS "quotaPoints", q."secondsLeft" AS "quotaSecondsLeft", l.*, t.*${written}
        FROM (SELECT 1) one LEFT JOIN live l ON true LEFT JOIN quota q ON true LEFT JOIN target t ON true`,
    );
    const first = rows[0];
    if (session && !first?.sessionUserId) return first;
    const quota = quotaOf(rule, first);
    if (!quota.isAllowed) throw rateLimitError(rule, quota);
    return first;
  }
  if (!session) return (await rawQuery<AccessRow>(db, access))[0];
  const rows = await rawQuery<AccessRow & SessionRow>(
    db,
    Prisma.sql`SELECT l.*, a.* FROM (SELECT 1) one LEFT JOIN (${live}) l ON true LEFT JOIN (${access}) a ON true`,
  );
  return rows[0];
}

/** The map of an object, its flags and the caller's membership (one row, none for a missing object). */
function accessSql(userId: string | null, target: AccessTarget): Prisma.Sql {
  return Prisma.sql`
    SELECT m."id", m."ownerId", m."visibility"::text AS "visibility", m."isLocked", m."isAnonymous", mm."role"::text AS "memberRole"
      FROM ${MAP_OF[target.kind]}
      LEFT JOIN "MapMember" mm ON mm."mapId" = m."id" AND mm."userId" = ${userId}::text
     WHERE ${OBJECT_ID[target.kind]} = ${target.id}::text`;
}

/** The session's user, if the session row is live and this user's. */
function liveSessionSql(session: SessionClaim): Prisma.Sql {
  return Prisma.sql`
    SELECT u."id" AS "sessionUserId", u."displayName" AS "sessionDisplayName", u."isGuest" AS "sessionIsGuest"
      FROM "Session" s JOIN "User" u ON u."id" = s."userId"
     WHERE s."sessionToken" = ${session.sessionId}::text AND s."userId" = ${session.userId}::text
       AND s."expires" > ${new Date().toISOString()}::timestamp(3)`;
}

type QuotaRow = { quotaPoints: number | null; quotaSecondsLeft: number };

function quotaOf(rule: RateLimitRule, row: QuotaRow | undefined) {
  return rateLimitStateOf(
    rule,
    row && row.quotaPoints !== null ? { points: row.quotaPoints, secondsLeft: row.quotaSecondsLeft } : undefined,
  );
}

/**
 * `requireSessionRoleOn` and a one-statement write (append-event.ts's `StatementWrite`) in one round trip:
 * the statement reads the session, the caller's role and the map's flags, takes the write quota, and
 * writes only if all of them certainly allow it — a live session, a membership of at least `minimum`, a
 * map that is not locked (or the owner) and quota left. The row it read is then checked exactly as
 * `requireSessionRoleOn` checks it, so every refusal is the same answer, and nothing was written for it:
 * the statement's condition allows less than the check, never more (a public map's passers-by hold no
 * membership, so it never writes for them).
 *
 * `written` is null when the statement did not write (a stale version, a replay, a proposal…): the caller
 * takes its general path, with the access already checked. Returns null when the statement failed on a
 * unique key (a replayed mutation id raced it) — it rolled back, quota included; the caller starts over.
 */
export async function requireSessionRoleAndWrite<T extends object>(
  db: Db,
  session: SessionClaim,
  target: AccessTarget,
  minimum: MapRoleName,
  options: RequireOptions & { charge: AccessCharge; clientMutationId?: string },
  write: StatementWrite<T>,
): Promise<{ actor: Actor; access: CheckedMapAccess; written: (T & { seq: number }) | null } | null> {
  const allowedRoles = MAP_ROLES.filter((role) => roleAtLeast(role, minimum));
  const unlocked = options.isWrite ? Prisma.sql`(NOT t."isLocked" OR t."memberRole" = 'owner')` : Prisma.sql`true`;
  // The event's actor is the session's user; the statement writes only if that session is live.
  const origin = { actor: { id: session.userId, displayName: '', isGuest: false }, clientMutationId: options.clientMutationId };
  const fold = Prisma.sql`
      allowed AS (
        SELECT t."id" FROM target t
         WHERE EXISTS (SELECT 1 FROM live) AND t."memberRole" = ANY(${allowedRoles}::text[]) AND ${unlocked}
           AND (SELECT q."points" FROM quota q) <= ${effectiveLimit(options.charge.rule)}::int
      ),
      ${statementWriteCtes(Prisma.sql`(SELECT "id" FROM allowed)`, origin, write)}`;
  let row: Awaited<ReturnType<typeof accessRow>>;
  try {
    row = await accessRow(db, session.userId, target, options.charge, session, fold);
  } catch (error) {
    if (isUniqueViolation(error)) return null;
    throw error;
  }
  // Committed: this process's subscribers get the event now (the statement wrote only what the check allows).
  announceCommitted(row?.notice);
  const { actor, access } = sessionAccessOf(row, minimum, options);
  const seq = row?.writtenSeq ?? null;
  return { actor, access, written: seq === null ? null : { ...write.result, seq } };
}

function checkedAccess(row: AccessRow | undefined, actor: Actor | null, minimum: MapRoleName, options: RequireOptions): CheckedMapAccess {
  if (!row?.id) throw notFoundOrNoAccess();
  const { memberRole, id, ownerId, visibility, isLocked, isAnonymous } = row;
  const role: MapRoleName | null = memberRole ?? (visibility === 'public' ? 'viewer' : null);
  const map = { id, ownerId, visibility, isLocked, isAnonymous };
  return checkMapRole({ mapId: id, role, isMember: memberRole !== null, map }, actor, minimum, options);
}

/**
 * The map an object belongs to, looked up from the object itself (never trusted from input). A missing
 * object gets the same answer as one on a map the caller cannot open (requireMapRole).
 */
export async function mapIdOfClaim(db: DbOrTx, claimId: string): Promise<string> {
  const row = await db.claim.findUnique({ where: { id: claimId }, select: { mapId: true } });
  if (!row) throw notFoundOrNoAccess();
  return row.mapId;
}

export async function mapIdOfLink(db: DbOrTx, linkId: string): Promise<string> {
  const row = await db.link.findUnique({ where: { id: linkId }, select: { mapId: true } });
  if (!row) throw notFoundOrNoAccess();
  return row.mapId;
}

export async function mapIdOfSource(db: DbOrTx, sourceId: string): Promise<string> {
  const row = await db.source.findUnique({ where: { id: sourceId }, select: { mapId: true } });
  if (!row) throw notFoundOrNoAccess();
  return row.mapId;
}

export async function mapIdOfEvidence(db: DbOrTx, evidenceId: string): Promise<string> {
  const row = await db.evidence.findUnique({ where: { id: evidenceId }, select: { source: { select: { mapId: true } } } });
  if (!row) throw notFoundOrNoAccess();
  return row.source.mapId;
}

export async function mapIdOfShareLink(db: DbOrTx, shareLinkId: string): Promise<string> {
  const row = await db.shareLink.findUnique({ where: { id: shareLinkId }, select: { mapId: true } });
  if (!row) throw notFoundOrNoAccess();
  return row.mapId;
}
