import { mapIdOfEvidence, mapIdOfSource, requireMapRole } from '@/server/access/map-access';
import { createEvidence } from '@/server/domain/evidence/create-evidence';
import { deleteEvidence, restoreEvidence } from '@/server/domain/evidence/delete-evidence';
import { updateEvidence } from '@/server/domain/evidence/update-evidence';
import { ZCreateEvidenceInput, ZEvidenceIdInput, ZUpdateEvidenceInput } from '@/shared/schemas/evidence';
import { createTRPCRouter, protectedProcedure } from '../trpc';

const EDIT = { isWrite: true } as const;

export const evidenceRouter = createTRPCRouter({
  create: protectedProcedure.input(ZCreateEvidenceInput).mutation(async ({ ctx, input }) => {
    // The source's map decides access; the domain refuses a claim from another map.
    const mapId = await mapIdOfSource(ctx.db, input.sourceId);
    await requireMapRole(ctx.db, ctx.actor, mapId, 'editor', EDIT);
    return createEvidence(ctx.db, { actor: ctx.actor, mapId, clientMutationId: input.clientMutationId }, input);
  }),

  update: protectedProcedure.input(ZUpdateEvidenceInput).mutation(async ({ ctx, input }) => {
    const mapId = await mapIdOfEvidence(ctx.db, input.id);
    await requireMapRole(ctx.db, ctx.actor, mapId, 'editor', EDIT);
    return updateEvidence(ctx.db, { actor: ctx.actor, mapId, clientMutationId: input.clientMutationId }, input);
  }),

  delete: protectedProcedure.input(ZEvidenceIdInput).mutation(async ({ ctx, input }) => {
    const mapId = await mapIdOfEvidence(ctx.db, input.id);
    await requireMapRole(ctx.db, ctx.actor, mapId, 'editor', EDIT);
    return deleteEvidence(ctx.db, { actor: ctx.actor, mapId, clientMutationId: input.clientMutationId }, input.id);
  }),

  restore: protectedProcedure.input(ZEvidenceIdInput).mutation(async ({ ctx, input }) => {
    const mapId = await mapIdOfEvidence(ctx.db, input.id);
    await requireMapRole(ctx.db, ctx.actor, mapId, 'editor', EDIT);
    return restoreEvidence(ctx.db, { actor: ctx.actor, mapId, clientMutationId: input.clientMutationId }, input.id);
  }),
});
