import { z } from 'zod';
import { MAX_REJECTION_REASON } from '../moderation';
import { ZClaimText, ZClientMutationId } from './claim';
import { ZId } from './map';

export const ZProposalKind = z.enum(['claim', 'link', 'evidence'], { message: 'kind must be claim, link or evidence.' });
export type TProposalKind = z.infer<typeof ZProposalKind>;

export const ZProposalRef = z.object({ kind: ZProposalKind, id: ZId });
export type TProposalRef = z.infer<typeof ZProposalRef>;

export const ZModerationQueueInput = z.object({ mapId: ZId });

export const ZRejectionReason = z
  .string()
  .trim()
  .max(MAX_REJECTION_REASON, `A reason can be at most ${MAX_REJECTION_REASON} characters.`)
  .refine((text) => !text.includes('\u0000'), 'A reason cannot contain a NUL character.');

export const ZModerationDecideInput = z
  .object({
    kind: ZProposalKind,
    id: ZId,
    decision: z.enum(['approve', 'reject'], { message: "decision must be 'approve' or 'reject'." }),
    /** Shown to the author when the proposal is turned down. */
    reason: ZRejectionReason.optional(),
    /** Edit and approve: the claim's new text (claims only). */
    text: ZClaimText.optional(),
    clientMutationId: ZClientMutationId,
  })
  .refine((input) => input.text === undefined || (input.kind === 'claim' && input.decision === 'approve'), {
    message: 'text: only a claim being approved can be edited.',
    path: ['text'],
  });
export type TModerationDecideInput = z.infer<typeof ZModerationDecideInput>;

export const MAX_BULK_APPROVE = 200;

export const ZModerationApproveManyInput = z.object({
  mapId: ZId,
  items: z
    .array(ZProposalRef)
    .min(1, 'items: pick at least one proposal.')
    .max(MAX_BULK_APPROVE, `items: at most ${MAX_BULK_APPROVE} proposals at once.`),
  clientMutationId: ZClientMutationId,
});
export type TModerationApproveManyInput = z.infer<typeof ZModerationApproveManyInput>;

export const ZSetModeratorInput = z.object({ memberId: ZId, isModerator: z.boolean() });
