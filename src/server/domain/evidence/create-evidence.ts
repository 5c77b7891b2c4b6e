import type { Prisma } from '@/generated/prisma/client';
import type { Db } from '@/server/db';
import { describeQuote } from '@/server/domain/anchoring/anchor-quote';
import { DomainError } from '@/server/domain/errors';
import { lockSource } from '@/server/domain/sources/update-source';
import { runMapWrite } from '@/server/sync/append-event';
import type { WriteContext } from '@/server/domain/context';
import { isProposalBy, proposalEvent, proposalFlag } from '@/server/domain/moderation/proposal';
import type { TCreateEvidenceInput } from '@/shared/schemas/evidence';
import { EVIDENCE_VIEW_SELECT, toEvidencePayload } from './evidence-select';
import { insertLink } from '@/server/domain/links/link-rules';
import { newNodeColumns } from '@/server/domain/claims/new-node-columns';

/** A live claim of `mapId`, or NOT_FOUND (a claim on another map is reported the same way). */
export async function requireLiveClaimOnMap(tx: Prisma.TransactionClient, mapId: string, claimId: string) {
  const claim = await tx.claim.findUnique({ where: { id: claimId }, select: { id: true, mapId: true, deletedAt: true } });
  if (!claim || claim.mapId !== mapId) throw new DomainError('NOT_FOUND', 'That claim was not found on this map.');
  if (claim.deletedAt) throw new DomainError('NOT_FOUND', 'That claim was deleted; pick another one.');
  return claim;
}

const isSpace = (ch: string | undefined) => ch !== undefined && /\s/u.test(ch);

/**
 * Quotes [start, end) of a source as evidence for or against a claim. The selectors are computed
 * here from the stored text (W3C TextQuoteSelector + TextPositionSelector, offsets in UTF-16 code
 * units); whitespace at the edges of the selection is left out, and a boundary inside a surrogate
 * pair is widened to the whole character. The passage and its link are one write.
 */
export async function createEvidence(db: Db, context: WriteContext, input: TCreateEvidenceInput) {
  const { mapId } = context;
  return runMapWrite(db, mapId, context, async (tx) => {
    // Shared lock: a concurrent text edit waits for this quote (and then re-anchors it).
    const source = await lockSource(tx, input.sourceId, 'SHARE');
    if (source.mapId !== mapId) throw new DomainError('NOT_FOUND', 'That source was not found.');
    const text = source.text;
    if (input.end > text.length) {
      throw new DomainError(
        'INVALID',
        `The selection ends at offset ${input.end}, past the end of the source text (${text.length} UTF-16 code units).`,
      );
    }
    if (input.expectedExact !== undefined && text.slice(input.start, input.end) !== input.expectedExact) {
      throw new DomainError('CONFLICT', 'The source text changed since you selected this passage; select it again.');
    }
    let start = input.start;
    let end = input.end;
    while (start < end && isSpace(text[start])) start++;
    while (end > start && isSpace(text[end - 1])) end--;
    if (start === end) throw new DomainError('INVALID', 'The selection is only whitespace; select some words to quote.');
    const selector = describeQuote(text, start, end);

    await requireLiveClaimOnMap(tx, mapId, input.claimId);
    const isProposal = await isProposalBy(tx, mapId, context.actor);
    const row = await tx.evidence.create({
      data: { ...newNodeColumns(context, input, isProposal), sourceId: input.sourceId, ...selector, note: input.note ?? null },
      select: EVIDENCE_VIEW_SELECT,
    });
    const evidence = { ...toEvidencePayload(row), ...proposalFlag(isProposal) };
    const link = await insertLink(tx, context, {
      from: { evidenceId: evidence.id },
      toClaimId: input.claimId,
      relation: input.relation,
      isProposal,
    });
    return {
      result: { evidence, link },
      events: [proposalEvent({ type: 'evidence.created', payload: { evidence, link } }, isProposal, context.actor.id)],
    };
  });
}
