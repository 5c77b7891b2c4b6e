import type { Db } from '@/server/db';
import { DomainError } from '@/server/domain/errors';
import type { Actor } from './actor';
import { checkMapRole, requireRoleOn, type AccessCharge, type AccessTarget, type CheckedMapAccess } from './map-access';

/**
 * Voting on a claim or passage: the target's own map decides, voters and above may vote (refused on a
 * locked map for all but the owner), and a viewer is told why they cannot rather than only their role.
 */
export async function requireVoter(db: Db, actor: Actor | null, target: AccessTarget, charge?: AccessCharge): Promise<CheckedMapAccess> {
  return checkVoter(await requireRoleOn(db, actor, target, 'viewer', { charge }), actor);
}

/** The voting rule over an access that passed the viewer check (`requireVoter`'s second half). */
export function checkVoter(access: CheckedMapAccess, actor: Actor | null): CheckedMapAccess {
  if (access.role === 'viewer') {
    throw new DomainError('FORBIDDEN', "Viewers can't vote on this map: ask the owner for voter access.");
  }
  return checkMapRole(access, actor, 'voter', { isWrite: true });
}
