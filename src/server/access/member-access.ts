import type { Prisma } from '@/generated/prisma/client';
import type { Db } from '@/server/db';
import { DomainError, notFoundOrNoAccess } from '@/server/domain/errors';
import type { Actor } from './actor';
import { requireMapRole, type CheckedMapAccess } from './map-access';

type DbOrTx = Db | Prisma.TransactionClient;

/** The map a membership belongs to, looked up from the membership itself. */
export async function mapIdOfMember(db: DbOrTx, memberId: string): Promise<string> {
  const row = await db.mapMember.findUnique({ where: { id: memberId }, select: { mapId: true } });
  if (!row) throw notFoundOrNoAccess();
  return row.mapId;
}

/**
 * Like requireMapRole, but a public map's passers-by (viewers by visibility, not members) are
 * refused: who belongs to a map is for its members.
 */
export async function requireMembership(db: DbOrTx, actor: Actor | null, mapId: string): Promise<CheckedMapAccess> {
  return checkMembership(await requireMapRole(db, actor, mapId, 'viewer'), actor);
}

/** The rule of `requireMembership` over an access already read. */
export function checkMembership(access: CheckedMapAccess, actor: Actor | null): CheckedMapAccess {
  if (!access.isMember) {
    if (!actor) throw new DomainError('UNAUTHORIZED', 'Sign in to see who belongs to this map.');
    throw new DomainError('FORBIDDEN', 'Only members of this map can see who belongs to it.');
  }
  return access;
}
