import type { Db } from '@/server/db';
import type { UserContext } from '@/server/domain/context';
import type { MapRoleName } from '@/shared/roles';
import type { TVisibility } from '@/shared/schemas/map';

export interface MapListItem {
  id: string;
  title: string;
  description: string;
  visibility: TVisibility;
  role: MapRoleName;
  claimCount: number;
  updatedAt: Date;
}

/** The maps the actor is a member of, most recently changed first. */
export async function listMaps(db: Db, context: UserContext): Promise<MapListItem[]> {
  const { actor } = context;
  const memberships = await db.mapMember.findMany({
    where: { userId: actor.id },
    select: {
      role: true,
      map: {
        select: {
          id: true,
          title: true,
          description: true,
          visibility: true,
          updatedAt: true,
          _count: { select: { claims: { where: { deletedAt: null } } } },
        },
      },
    },
    orderBy: { map: { updatedAt: 'desc' } },
  });
  return memberships.map(({ role, map }) => ({
    id: map.id,
    title: map.title,
    description: map.description,
    visibility: map.visibility,
    role,
    claimCount: map._count.claims,
    updatedAt: map.updatedAt,
  }));
}

/** Public maps for the Explore page. */
export async function listPublicMaps(db: Db, limit = 50) {
  const maps = await db.map.findMany({
    where: { visibility: 'public' },
    orderBy: { updatedAt: 'desc' },
    take: limit,
    select: {
      id: true,
      title: true,
      description: true,
      updatedAt: true,
      _count: { select: { claims: { where: { deletedAt: null } } } },
    },
  });
  return maps.map(({ _count, ...map }) => ({ ...map, claimCount: _count.claims }));
}
