import type { Db } from '@/server/db';
import type { ReadContext } from '@/server/domain/context';
import { MAP_ROLES, type MapRoleName } from '@/shared/roles';

export interface MemberView {
  memberId: string;
  /** Null when identities are hidden (anonymous mode, caller not the owner), except your own row. */
  userId: string | null;
  displayName: string | null;
  isGuest: boolean | null;
  role: MapRoleName;
  /** An editor the owner lets review proposals (the owner always may). */
  isModerator: boolean;
  joinedAt: Date;
  isYou: boolean;
}

const RANK_DESC = [...MAP_ROLES].reverse();

/** The map's members, owner first then by role and joining time. Access was checked by the caller. */
export async function listMembers(db: Db, context: ReadContext): Promise<{ members: MemberView[]; isAnonymous: boolean }> {
  const { actor, access } = context;
  const rows = await db.mapMember.findMany({
    where: { mapId: access.mapId },
    orderBy: { createdAt: 'asc' },
    select: { id: true, role: true, isModerator: true, createdAt: true, user: { select: { id: true, displayName: true, isGuest: true } } },
  });
  const hideIdentities = access.map.isAnonymous && access.role !== 'owner';
  const members = rows
    .map((row): MemberView => {
      const isYou = row.user.id === actor?.id;
      const isHidden = hideIdentities && !isYou;
      return {
        memberId: row.id,
        userId: isHidden ? null : row.user.id,
        displayName: isHidden ? null : row.user.displayName,
        isGuest: isHidden ? null : row.user.isGuest,
        role: row.role,
        isModerator: row.isModerator,
        joinedAt: row.createdAt,
        isYou,
      };
    })
    .sort((a, b) => RANK_DESC.indexOf(a.role) - RANK_DESC.indexOf(b.role));
  return { members, isAnonymous: access.map.isAnonymous };
}
