import type { Db } from '@/server/db';
import { DomainError } from '@/server/domain/errors';
import { assertLinkAllowed, insertLink } from '@/server/domain/links/link-rules';
import { runMapWrite } from '@/server/sync/append-event';
import type { WriteContext } from '@/server/domain/context';
import { isProposalBy, proposalEvent, proposalFlag } from '@/server/domain/moderation/proposal';
import type { TCreateClaimInput } from '@/shared/schemas/claim';
import { CLAIM_VIEW_SELECT, toClaimPayload } from './claim-select';
import { newNodeColumns } from './new-node-columns';

/**
 * Adds a claim, optionally linked to a parent it supports or opposes, in one write. On a map that
 * requires approval, a non-moderator's claim (and its link) is a proposal: only they and the moderators see it.
 */
export async function createClaim(db: Db, context: WriteContext, input: TCreateClaimInput) {
  return runMapWrite(db, context.mapId, context, async (tx) => {
    const isProposal = await isProposalBy(tx, context.mapId, context.actor);
    const claimRow = await tx.claim.create({
      data: { ...newNodeColumns(context, input, isProposal), text: input.text },
      select: CLAIM_VIEW_SELECT,
    });
    const claim = { ...toClaimPayload(claimRow), ...proposalFlag(isProposal) };
    let link = null;
    if (input.parentId) {
      if (!input.relation) throw new DomainError('INVALID', 'Say whether the new claim supports or opposes its parent.');
      await assertLinkAllowed(tx, { mapId: context.mapId, fromClaimId: claim.id, toClaimId: input.parentId });
      link = await insertLink(tx, context, {
        from: { claimId: claim.id },
        toClaimId: input.parentId,
        relation: input.relation,
        isProposal,
      });
    }
    return {
      result: { claim, link },
      events: [proposalEvent({ type: 'claim.created', payload: { claim, link } }, isProposal, context.actor.id)],
    };
  });
}
