import { createClaim } from '@/server/domain/claims/create-claim';
import { deleteClaim, restoreClaim } from '@/server/domain/claims/delete-claim';
import { mapIdOfNodes, moveNodes } from '@/server/domain/claims/move-nodes';
import { claimTextWrite, updateClaimText } from '@/server/domain/claims/update-claim-text';
import { ZClaimIdInput, ZCreateClaimInput, ZMoveInput, ZUpdateClaimInput, type TMoveInput } from '@/shared/schemas/claim';
import { byMapId, editorProcedure, editorWriteProcedure } from '../procedures';
import { createTRPCRouter } from '../trpc';

const byClaim = (input: { id: string }) => ({ kind: 'claim', id: input.id }) as const;
const movesOf = (input: TMoveInput) => ('moves' in input ? input.moves : [{ id: input.id, kind: input.kind, x: input.x, y: input.y }]);

export const claimRouter = createTRPCRouter({
  create: editorProcedure(ZCreateClaimInput, byMapId).mutation(({ ctx, input }) => createClaim(ctx.db, ctx.map, input)),

  update: editorWriteProcedure(ZUpdateClaimInput, byClaim, claimTextWrite).mutation(
    ({ ctx, input }) => ctx.written ?? updateClaimText(ctx.db, ctx.map, input),
  ),

  move: editorProcedure(ZMoveInput, async (input, db) => ({ kind: 'map', id: await mapIdOfNodes(db, movesOf(input)) })).mutation(
    ({ ctx, input }) => moveNodes(ctx.db, ctx.map, movesOf(input)),
  ),

  delete: editorProcedure(ZClaimIdInput, byClaim).mutation(({ ctx, input }) => deleteClaim(ctx.db, ctx.map, input.id)),

  restore: editorProcedure(ZClaimIdInput, byClaim).mutation(({ ctx, input }) => restoreClaim(ctx.db, ctx.map, input.id)),
});
