import type { Db } from '@/server/db';
import { LINK_VIEW_SELECT } from '@/server/domain/claims/claim-select';
import { DomainError } from '@/server/domain/errors';
import { runMapWrite } from '@/server/sync/append-event';
import { proposalEvent } from '@/server/domain/moderation/proposal';
import type { WriteContext } from '@/server/domain/context';
import type { TUpdateEvidenceInput } from '@/shared/schemas/evidence';
import { requireLiveClaimOnMap } from './create-evidence';
import { lockLink } from '@/server/domain/links/link-rules';
import { EVIDENCE_VIEW_SELECT, toEvidencePayload } from './evidence-select';

/**
 * Changes a passage's note, the relation of its link, or re-points the link at another claim of the
 * same map. A passage with several links names the one to change (`linkId`); one without a link
 * gets one when a claim is given.
 */
export async function updateEvidence(db: Db, context: WriteContext, input: TUpdateEvidenceInput) {
  const { mapId } = context;
  return runMapWrite(db, mapId, context, async (tx) => {
    const current = await tx.evidence.findUnique({
      where: { id: input.id },
      select: {
        id: true,
        mapId: true,
        deletedAt: true,
        awaitingApproval: true,
        authorId: true,
        links: { orderBy: { createdAt: 'asc' }, select: LINK_VIEW_SELECT },
      },
    });
    if (!current || current.mapId !== mapId) throw new DomainError('NOT_FOUND', 'That evidence passage was not found.');
    if (current.deletedAt) throw new DomainError('NOT_FOUND', 'This evidence passage was deleted; restore it first.');

    if (input.note !== undefined) {
      await tx.evidence.update({ where: { id: input.id }, data: { note: input.note } });
    }

    if (input.relation !== undefined || input.claimId !== undefined) {
      let link = input.linkId ? current.links.find((item) => item.id === input.linkId) : current.links[0];
      if (input.linkId && !link) throw new DomainError('NOT_FOUND', 'That link does not start at this passage.');
      if (!input.linkId && current.links.length > 1) {
        throw new DomainError('INVALID', 'This passage supports or opposes several claims; say which link to change (linkId).');
      }
      if (input.claimId !== undefined) {
        await requireLiveClaimOnMap(tx, mapId, input.claimId);
        const clash = current.links.find((item) => item.toClaimId === input.claimId && item.id !== link?.id);
        if (clash) throw new DomainError('CONFLICT', 'This passage is already linked to that claim; change that link instead.');
      }
      if (!link) {
        if (input.claimId === undefined) throw new DomainError('INVALID', 'This passage is not linked to a claim yet; pick one.');
        if (input.relation === undefined) throw new DomainError('INVALID', 'Say whether the passage supports or opposes the claim.');
        link = await tx.link.create({
          data: {
            mapId,
            fromEvidenceId: input.id,
            toClaimId: input.claimId,
            relation: input.relation,
            createdById: context.actor?.id ?? null,
          },
          select: LINK_VIEW_SELECT,
        });
      } else {
        if (!(await lockLink(tx, link.id))) throw new DomainError('NOT_FOUND', 'That link was removed by someone else.');
        await tx.link.update({
          where: { id: link.id },
          data: {
            ...(input.claimId !== undefined ? { toClaimId: input.claimId } : {}),
            ...(input.relation ? { relation: input.relation } : {}),
          },
        });
      }
    }

    const evidence = toEvidencePayload(await tx.evidence.findUniqueOrThrow({ where: { id: input.id }, select: EVIDENCE_VIEW_SELECT }));
    const links = await tx.link.findMany({ where: { fromEvidenceId: input.id }, orderBy: { createdAt: 'asc' }, select: LINK_VIEW_SELECT });
    // An edit of a proposal is seen by whom the proposal is: its author and the moderators.
    const event = proposalEvent({ type: 'evidence.updated', payload: { evidence, links } }, current.awaitingApproval, current.authorId);
    return { result: { evidence, links }, events: [event] };
  });
}
