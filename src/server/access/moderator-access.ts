import type { Prisma } from '@/generated/prisma/client';
import type { Db } from '@/server/db';
import { DomainError } from '@/server/domain/errors';
import { isModeratorRole } from '@/shared/moderation';
import type { Actor } from './actor';
import { requireRoleOn, type AccessTarget, type CheckedMapAccess } from './map-access';

type DbOrTx = Db | Prisma.TransactionClient;

export interface ModerationStanding {
  requireApproval: boolean;
  isModerator: boolean;
}

/** Whether the map requires approval and whether the actor moderates it (see src/shared/moderation.ts). */
export async function getModerationStanding(db: DbOrTx, mapId: string, actor: Actor | null): Promise<ModerationStanding> {
  const map = await db.map.findUnique({
    where: { id: mapId },
    select: {
      ownerId: true,
      requireApproval: true,
      members: actor ? { where: { userId: actor.id }, select: { role: true, isModerator: true } } : false,
    },
  });
  if (!map) return { requireApproval: false, isModerator: false };
  const member = map.members?.[0];
  const role = actor && map.ownerId === actor.id ? 'owner' : (member?.role ?? null);
  return { requireApproval: map.requireApproval, isModerator: isModeratorRole(role, member?.isModerator ?? false) };
}

/**
 * Requires the actor to moderate the map of `target` (the owner, or an editor marked moderator). A decision
 * is a write: on a locked map only the owner may decide.
 */
export async function requireModerator(
  db: Db,
  actor: Actor | null,
  target: AccessTarget,
  options: { isWrite: boolean },
): Promise<CheckedMapAccess> {
  const access = await requireRoleOn(db, actor, target, 'editor', options);
  const standing = await getModerationStanding(db, access.mapId, actor);
  if (!standing.isModerator) {
    throw new DomainError('FORBIDDEN', 'Only the owner and the editors the owner made moderators can review proposals.');
  }
  return access;
}
