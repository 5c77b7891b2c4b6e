import { mapIdOfClaim, requireMapRole } from '@/server/access/map-access';
import { createClaim } from '@/server/domain/claims/create-claim';
import { deleteClaim, restoreClaim } from '@/server/domain/claims/delete-claim';
import { mapIdOfNodes, moveNodes } from '@/server/domain/claims/move-nodes';
import { updateClaimText } from '@/server/domain/claims/update-claim-text';
import { ZClaimIdInput, ZCreateClaimInput, ZMoveInput, ZUpdateClaimInput } from '@/shared/schemas/claim';
import { createTRPCRouter, protectedProcedure } from '../trpc';

const EDIT = { isWrite: true } as const;

export const claimRouter = createTRPCRouter({
  create: protectedProcedure.input(ZCreateClaimInput).mutation(async ({ ctx, input }) => {
    await requireMapRole(ctx.db, ctx.actor, input.mapId, 'editor', EDIT);
    return createClaim(ctx.db, { actor: ctx.actor, mapId: input.mapId, clientMutationId: input.clientMutationId }, input);
  }),

  update: protectedProcedure.input(ZUpdateClaimInput).mutation(async ({ ctx, input }) => {
    const mapId = await mapIdOfClaim(ctx.db, input.id);
    await requireMapRole(ctx.db, ctx.actor, mapId, 'editor', EDIT);
    return updateClaimText(ctx.db, { actor: ctx.actor, mapId, clientMutationId: input.clientMutationId }, input);
  }),

  move: protectedProcedure.input(ZMoveInput).mutation(async ({ ctx, input }) => {
    const moves = 'moves' in input ? input.moves : [{ id: input.id, kind: input.kind, x: input.x, y: input.y }];
    const mapId = await mapIdOfNodes(ctx.db, moves);
    await requireMapRole(ctx.db, ctx.actor, mapId, 'editor', EDIT);
    return moveNodes(ctx.db, { actor: ctx.actor, mapId, clientMutationId: input.clientMutationId }, moves);
  }),

  delete: protectedProcedure.input(ZClaimIdInput).mutation(async ({ ctx, input }) => {
    const mapId = await mapIdOfClaim(ctx.db, input.id);
    await requireMapRole(ctx.db, ctx.actor, mapId, 'editor', EDIT);
    return deleteClaim(ctx.db, { actor: ctx.actor, mapId, clientMutationId: input.clientMutationId }, input.id);
  }),

  restore: protectedProcedure.input(ZClaimIdInput).mutation(async ({ ctx, input }) => {
    const mapId = await mapIdOfClaim(ctx.db, input.id);
    await requireMapRole(ctx.db, ctx.actor, mapId, 'editor', EDIT);
    return restoreClaim(ctx.db, { actor: ctx.actor, mapId, clientMutationId: input.clientMutationId }, input.id);
  }),
});
