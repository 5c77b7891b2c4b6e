import type { Db } from '@/server/db';
import { DomainError } from '@/server/domain/errors';
import { runMapWrite } from '@/server/sync/append-event';
import type { WriteContext } from '@/server/domain/context';
import { CLAIM_VIEW_SELECT, LINK_VIEW_SELECT, toClaimPayload } from './claim-select';

/**
 * Soft-deletes a claim. Its links stay stored but hidden (map.get drops links with a deleted
 * end), so a restore brings back the claim with every link it had.
 */
export async function deleteClaim(db: Db, context: WriteContext, claimId: string) {
  const { mapId } = context;
  return runMapWrite(db, mapId, context, async (tx) => {
    const updated = await tx.claim.updateMany({ where: { id: claimId, deletedAt: null }, data: { deletedAt: new Date() } });
    if (updated.count === 0) throw new DomainError('NOT_FOUND', 'This claim was already deleted.');
    const hiddenLinks = await tx.link.findMany({
      where: { OR: [{ fromClaimId: claimId }, { toClaimId: claimId }] },
      select: LINK_VIEW_SELECT,
    });
    return {
      result: { claimId, hiddenLinkCount: hiddenLinks.length },
      events: [{ type: 'claim.deleted', payload: { claimId, linkIds: hiddenLinks.map((link) => link.id) } }],
    };
  });
}

export async function restoreClaim(db: Db, context: WriteContext, claimId: string) {
  const { mapId } = context;
  return runMapWrite(db, mapId, context, async (tx) => {
    const updated = await tx.claim.updateMany({ where: { id: claimId, deletedAt: { not: null } }, data: { deletedAt: null } });
    if (updated.count === 0) throw new DomainError('CONFLICT', 'This claim is not deleted, so there is nothing to restore.');
    const claim = toClaimPayload(await tx.claim.findUniqueOrThrow({ where: { id: claimId }, select: CLAIM_VIEW_SELECT }));
    // The links that become visible again: those whose other end is live.
    const links = await tx.link.findMany({
      where: {
        OR: [
          { fromClaimId: claimId, toClaim: { deletedAt: null } },
          { toClaimId: claimId, fromClaim: { deletedAt: null } },
          { toClaimId: claimId, fromEvidence: { deletedAt: null } },
        ],
      },
      select: LINK_VIEW_SELECT,
    });
    return { result: { claim, links }, events: [{ type: 'claim.restored', payload: { claim, links } }] };
  });
}
