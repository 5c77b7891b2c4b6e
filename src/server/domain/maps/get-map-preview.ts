/**
 * The first screen of a map, cheaply: its title, the thesis (or the claim in focus) and what
 * argues about it, in three small queries whatever the map's size. The page streams this as
 * HTML before the full map (map.get) has loaded, so claim text shows at once on a 10,000-claim
 * map. Read with the same access rule as map.get (viewer or a public map).
 */
import type { Db } from '@/server/db';
import type { VisitorContext } from '@/server/domain/context';
import { requireMapRole } from '@/server/access/map-access';
import type { TRelation } from '@/shared/schemas/claim';

export interface MapPreviewItem {
  id: string;
  kind: 'claim' | 'evidence';
  text: string;
  relation: TRelation;
}

export interface MapPreview {
  title: string;
  description: string;
  thesis: { id: string; text: string } | null;
  items: MapPreviewItem[];
}

/** How many arguments the preview lists (the rest arrive with the map a moment later). */
export const PREVIEW_ITEMS = 40;

export async function getMapPreview(
  db: Db,
  context: VisitorContext,
  input: { mapId: string; focusId?: string | null },
): Promise<MapPreview> {
  const { actor } = context;
  const { mapId, focusId = null } = input;
  await requireMapRole(db, actor, mapId, 'viewer');
  const map = await db.map.findUniqueOrThrow({ where: { id: mapId }, select: { title: true, description: true } });
  const focused = focusId
    ? await db.claim.findFirst({
        where: { id: focusId, mapId, deletedAt: null, awaitingApproval: false },
        select: { id: true, text: true },
      })
    : null;
  // The first thesis: the oldest live claim that argues about no live claim.
  const thesis =
    focused ??
    (await db.claim.findFirst({
      // Proposals awaiting approval are in nobody's preview.
      where: { mapId, deletedAt: null, awaitingApproval: false, outgoing: { none: { toClaim: { deletedAt: null } } } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: { id: true, text: true },
    }));
  if (!thesis) return { ...map, thesis: null, items: [] };
  const links = await db.link.findMany({
    where: {
      toClaimId: thesis.id,
      awaitingApproval: false,
      OR: [{ fromClaim: { deletedAt: null, awaitingApproval: false } }, { fromEvidence: { deletedAt: null, awaitingApproval: false } }],
    },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: PREVIEW_ITEMS,
    select: { relation: true, fromClaim: { select: { id: true, text: true } }, fromEvidence: { select: { id: true, exact: true } } },
  });
  const items: MapPreviewItem[] = [];
  for (const link of links) {
    if (link.fromClaim) items.push({ id: link.fromClaim.id, kind: 'claim', text: link.fromClaim.text, relation: link.relation });
    else if (link.fromEvidence)
      items.push({ id: link.fromEvidence.id, kind: 'evidence', text: link.fromEvidence.exact, relation: link.relation });
  }
  return { ...map, thesis, items };
}
