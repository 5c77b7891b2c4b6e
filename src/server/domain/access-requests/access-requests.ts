import type { Prisma } from '@/generated/prisma/client';
import type { Db } from '@/server/db';
import type { ReadContext, UserContext, WriteContext } from '@/server/domain/context';
import { getMapAccess } from '@/server/access/map-access';
import { DomainError } from '@/server/domain/errors';
import { runMapWrite } from '@/server/sync/append-event';
import type { MapRoleName } from '@/shared/roles';

type DbOrTx = Db | Prisma.TransactionClient;

export interface AccessRequestView {
  id: string;
  userId: string;
  displayName: string;
  isGuest: boolean;
  createdAt: Date;
}

/** The map an access request is for, looked up from the request itself. */
export async function mapIdOfAccessRequest(db: DbOrTx, requestId: string): Promise<string> {
  const row = await db.accessRequest.findUnique({ where: { id: requestId }, select: { mapId: true } });
  if (!row) throw new DomainError('NOT_FOUND', 'That access request was not found: it may have been answered already.');
  return row.mapId;
}

/**
 * Asks the owner of a map the caller cannot open to let them in. The answer is the same for a
 * map that does not exist as for one that does, so asking reveals nothing; a member is told so.
 */
export async function requestAccess(db: Db, context: UserContext, mapId: string): Promise<{ status: 'requested' | 'member' }> {
  const { actor } = context;
  const access = await getMapAccess(db, mapId, actor);
  if (!access) return { status: 'requested' };
  if (access.isMember) return { status: 'member' };
  await db.accessRequest.upsert({
    where: { mapId_userId: { mapId, userId: actor.id } },
    create: { mapId, userId: actor.id },
    update: {},
    select: { id: true },
  });
  return { status: 'requested' };
}

/** Whether the caller has been let in yet (polled by the private-map page); nothing else, so nothing leaks. */
export async function accessRequestStatus(db: Db, context: UserContext, mapId: string): Promise<{ isMember: boolean }> {
  const { actor } = context;
  const member = await db.mapMember.findUnique({ where: { mapId_userId: { mapId, userId: actor.id } }, select: { id: true } });
  return { isMember: member !== null };
}

/** Pending requests on a map, oldest first (owner only, checked by the caller). */
export async function listAccessRequests(db: Db, context: ReadContext): Promise<AccessRequestView[]> {
  const { mapId } = context.access;
  const rows = await db.accessRequest.findMany({
    where: { mapId },
    orderBy: { createdAt: 'asc' },
    select: { id: true, userId: true, createdAt: true, user: { select: { displayName: true, isGuest: true } } },
  });
  return rows.map((row) => ({ id: row.id, userId: row.userId, createdAt: row.createdAt, ...row.user }));
}

/**
 * Lets the requester in with `role`, in one transaction with the member.changed event that
 * tells open pages (theirs included, once it reloads) about the new member.
 */
export async function approveAccessRequest(
  db: Db,
  context: WriteContext,
  input: { requestId: string; role: Exclude<MapRoleName, 'owner'> },
) {
  const { actor, mapId } = context;
  const { requestId, role } = input;
  return runMapWrite(db, mapId, { actor }, async (tx) => {
    const request = await tx.accessRequest.findUnique({ where: { id: requestId }, select: { userId: true, mapId: true } });
    if (!request || request.mapId !== mapId) {
      throw new DomainError('NOT_FOUND', 'That access request was not found: it may have been answered already.');
    }
    await tx.accessRequest.delete({ where: { id: requestId } });
    const existing = await tx.mapMember.findUnique({
      where: { mapId_userId: { mapId, userId: request.userId } },
      select: { id: true, role: true },
    });
    if (existing) return { result: { memberId: existing.id, role: existing.role, isChanged: false }, events: [] };
    const member = await tx.mapMember.create({ data: { mapId, userId: request.userId, role }, select: { id: true, role: true } });
    return {
      result: { memberId: member.id, role: member.role, isChanged: true },
      events: [
        {
          type: 'member.changed' as const,
          payload: { memberId: member.id, userId: request.userId, role: member.role, via: 'request' as const },
        },
      ],
    };
  });
}

export async function declineAccessRequest(db: Db, context: WriteContext, requestId: string): Promise<{ requestId: string }> {
  await db.accessRequest.deleteMany({ where: { id: requestId, mapId: context.mapId } });
  return { requestId };
}
