import { mapIdOfClaim, mapIdOfLink, requireMapRole } from '@/server/access/map-access';
import { createLink, deleteLink, updateLinkRelation } from '@/server/domain/links/change-link';
import { ZCreateLinkInput, ZLinkIdInput, ZUpdateLinkInput } from '@/shared/schemas/claim';
import { createTRPCRouter, protectedProcedure } from '../trpc';

const EDIT = { isWrite: true } as const;

export const linkRouter = createTRPCRouter({
  create: protectedProcedure.input(ZCreateLinkInput).mutation(async ({ ctx, input }) => {
    // The target claim's map decides access; the domain then refuses a source on another map.
    const mapId = await mapIdOfClaim(ctx.db, input.toClaimId);
    await requireMapRole(ctx.db, ctx.actor, mapId, 'editor', EDIT);
    return createLink(ctx.db, { actor: ctx.actor, mapId, clientMutationId: input.clientMutationId }, input);
  }),

  update: protectedProcedure.input(ZUpdateLinkInput).mutation(async ({ ctx, input }) => {
    const mapId = await mapIdOfLink(ctx.db, input.id);
    await requireMapRole(ctx.db, ctx.actor, mapId, 'editor', EDIT);
    return updateLinkRelation(ctx.db, { actor: ctx.actor, mapId, clientMutationId: input.clientMutationId }, input);
  }),

  delete: protectedProcedure.input(ZLinkIdInput).mutation(async ({ ctx, input }) => {
    const mapId = await mapIdOfLink(ctx.db, input.id);
    await requireMapRole(ctx.db, ctx.actor, mapId, 'editor', EDIT);
    return deleteLink(ctx.db, { actor: ctx.actor, mapId, clientMutationId: input.clientMutationId }, input.id);
  }),
});
