import type { Db } from '@/server/db';
import type { MapRoleName } from '@/shared/roles';
import type { ShareLinkStatus, TShareLookupInput } from '@/shared/schemas/share';
import { findShareLink, type Requester } from './find-share-link';
import { SHARE_LINK_PROBLEM, shareLinkStatus } from './share-link-status';

export type SharePreview =
  | {
      status: 'active';
      mapId: string;
      mapTitle: string;
      role: MapRoleName;
      /** The caller's role on the map now, if they are a member (joining never lowers it). */
      currentRole: MapRoleName | null;
    }
  | { status: Exclude<ShareLinkStatus, 'active'> | 'unknown'; message: string };

/**
 * What a link or code leads to, for the join page; public. A link that no longer admits anyone
 * says why but not which map it was for.
 */
export async function previewShareLink(db: Db, requester: Requester, lookup: TShareLookupInput): Promise<SharePreview> {
  const link = await findShareLink(db, requester, lookup);
  if (!link) return { status: 'unknown', message: SHARE_LINK_PROBLEM.unknown };
  const status = shareLinkStatus(link, link.map.visibility);
  if (status !== 'active') return { status, message: SHARE_LINK_PROBLEM[status] };
  const membership = requester.actor
    ? await db.mapMember.findUnique({
        where: { mapId_userId: { mapId: link.mapId, userId: requester.actor.id } },
        select: { role: true },
      })
    : null;
  return { status, mapId: link.mapId, mapTitle: link.map.title, role: link.role, currentRole: membership?.role ?? null };
}
