import type { Db } from '@/server/db';
import { DomainError } from '@/server/domain/errors';
import { assertLinkAllowed, insertLink } from '@/server/domain/links/link-rules';
import { runMapWrite } from '@/server/sync/append-event';
import type { WriteContext } from '@/server/domain/context';
import type { TCreateClaimInput } from '@/shared/schemas/claim';
import { CLAIM_VIEW_SELECT, toClaimPayload } from './claim-select';

/** Adds a claim, optionally linked to a parent it supports or opposes, in one write. */
export async function createClaim(db: Db, context: WriteContext, input: TCreateClaimInput) {
  return runMapWrite(db, context.mapId, context, async (tx) => {
    const claimRow = await tx.claim.create({
      data: { mapId: context.mapId, text: input.text, x: input.x ?? null, y: input.y ?? null, authorId: context.actor?.id ?? null },
      select: CLAIM_VIEW_SELECT,
    });
    const claim = toClaimPayload(claimRow);
    let link = null;
    if (input.parentId) {
      if (!input.relation) throw new DomainError('INVALID', 'Say whether the new claim supports or opposes its parent.');
      await assertLinkAllowed(tx, { mapId: context.mapId, fromClaimId: claim.id, toClaimId: input.parentId });
      link = await insertLink(tx, {
        mapId: context.mapId,
        from: { claimId: claim.id },
        toClaimId: input.parentId,
        relation: input.relation,
        actorId: context.actor.id,
      });
    }
    return { result: { claim, link }, events: [{ type: 'claim.created', payload: { claim, link } }] };
  });
}
