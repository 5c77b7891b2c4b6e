import { z } from 'zod';
import { ZId } from './map';

export const CLAIM_TEXT_MAX = 1000;

export const ZClaimText = z
  .string()
  .trim()
  .min(1, 'A claim needs some text.')
  .max(CLAIM_TEXT_MAX, `A claim can be at most ${CLAIM_TEXT_MAX} characters.`);

export const ZRelation = z.enum(['support', 'oppose']);
export type TRelation = z.infer<typeof ZRelation>;

/** Chosen by the client for each write and echoed in its event, so optimistic state reconciles. */
export const ZClientMutationId = z.string().min(1).max(64).optional();

const ZCoordinate = z.number().finite().min(-1e7).max(1e7);

export const ZCreateClaimInput = z
  .object({
    mapId: ZId,
    text: ZClaimText,
    parentId: ZId.optional(),
    relation: ZRelation.optional(),
    x: ZCoordinate.optional(),
    y: ZCoordinate.optional(),
    clientMutationId: ZClientMutationId,
  })
  .refine((input) => !input.parentId || input.relation, {
    message: 'Say whether the new claim supports or opposes its parent.',
    path: ['relation'],
  });
export type TCreateClaimInput = z.infer<typeof ZCreateClaimInput>;

export const ZUpdateClaimInput = z.object({
  id: ZId,
  text: ZClaimText,
  expectedVersion: z.number().int().min(1),
  clientMutationId: ZClientMutationId,
});
export type TUpdateClaimInput = z.infer<typeof ZUpdateClaimInput>;

export const ZNodeMove = z.object({
  id: ZId,
  kind: z.enum(['claim', 'evidence']).default('claim'),
  x: ZCoordinate,
  y: ZCoordinate,
});
export type TNodeMove = z.infer<typeof ZNodeMove>;

/** One node ({id, x, y}) or a batch ({moves: [...]}) such as an auto-layout. */
export const ZMoveInput = z.union([
  ZNodeMove.extend({ clientMutationId: ZClientMutationId }),
  z.object({
    moves: z.array(ZNodeMove).min(1, 'Nothing to move.').max(20_000, 'At most 20,000 nodes move at once.'),
    clientMutationId: ZClientMutationId,
  }),
]);
export type TMoveInput = z.infer<typeof ZMoveInput>;

export const ZClaimIdInput = z.object({ id: ZId, clientMutationId: ZClientMutationId });

export const ZCreateLinkInput = z
  .object({
    fromClaimId: ZId.optional(),
    fromEvidenceId: ZId.optional(),
    toClaimId: ZId,
    relation: ZRelation,
    clientMutationId: ZClientMutationId,
  })
  .refine((input) => Boolean(input.fromClaimId) !== Boolean(input.fromEvidenceId), {
    message: 'A link starts at exactly one claim or one evidence passage.',
    path: ['fromClaimId'],
  });
export type TCreateLinkInput = z.infer<typeof ZCreateLinkInput>;

export const ZUpdateLinkInput = z.object({ id: ZId, relation: ZRelation, clientMutationId: ZClientMutationId });
export const ZLinkIdInput = z.object({ id: ZId, clientMutationId: ZClientMutationId });
