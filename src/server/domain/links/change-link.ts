import type { Db } from '@/server/db';
import { DomainError } from '@/server/domain/errors';
import { LINK_VIEW_SELECT } from '@/server/domain/claims/claim-select';
import { runMapWrite } from '@/server/sync/append-event';
import type { WriteContext } from '@/server/domain/context';
import { isProposalBy, proposalEvent } from '@/server/domain/moderation/proposal';
import type { TCreateLinkInput, TRelation } from '@/shared/schemas/claim';
import { assertLinkAllowed, insertLink, lockLink } from './link-rules';

export async function createLink(db: Db, context: WriteContext, input: TCreateLinkInput) {
  const { mapId } = context;
  return runMapWrite(db, mapId, context, async (tx) => {
    await assertLinkAllowed(tx, {
      mapId,
      fromClaimId: input.fromClaimId,
      fromEvidenceId: input.fromEvidenceId,
      toClaimId: input.toClaimId,
    });
    const isProposal = await isProposalBy(tx, mapId, context.actor);
    const from = input.fromEvidenceId ? { evidenceId: input.fromEvidenceId } : { claimId: input.fromClaimId! };
    const link = await insertLink(tx, context, { from, toClaimId: input.toClaimId, relation: input.relation, isProposal });
    return {
      result: { link },
      events: [proposalEvent({ type: 'link.created', payload: { link } }, isProposal, context.actor.id)],
    };
  });
}

export async function updateLinkRelation(db: Db, context: WriteContext, input: { id: string; relation: TRelation }) {
  const { mapId } = context;
  const { id: linkId, relation } = input;
  return runMapWrite(db, mapId, context, async (tx) => {
    if (!(await lockLink(tx, linkId))) throw new DomainError('NOT_FOUND', 'That link was removed by someone else.');
    const link = await tx.link.update({ where: { id: linkId }, data: { relation }, select: LINK_VIEW_SELECT });
    return { result: { link }, events: [{ type: 'link.updated', payload: { linkId, relation } }] };
  });
}

export async function deleteLink(db: Db, context: WriteContext, linkId: string) {
  const { mapId } = context;
  return runMapWrite(db, mapId, context, async (tx) => {
    const link = (await lockLink(tx, linkId)) ? await tx.link.findUnique({ where: { id: linkId }, select: LINK_VIEW_SELECT }) : null;
    if (!link) throw new DomainError('NOT_FOUND', 'That link was already removed.');
    await tx.link.delete({ where: { id: linkId } });
    return { result: { link }, events: [{ type: 'link.deleted', payload: { linkId, link } }] };
  });
}
