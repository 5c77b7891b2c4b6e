import { requireModerator } from '@/server/access/moderator-access';
import { approveProposals, decideProposal, mapIdOfProposal } from '@/server/domain/moderation/decide-proposal';
import { listProposals } from '@/server/domain/moderation/list-proposals';
import { ZModerationApproveManyInput, ZModerationDecideInput, ZModerationQueueInput } from '@/shared/schemas/moderation';
import { createTRPCRouter, protectedProcedure } from '../trpc';

// Students propose, the teacher approves: only moderators (the owner, editors the owner marked) get here.
export const moderationRouter = createTRPCRouter({
  queue: protectedProcedure.input(ZModerationQueueInput).query(async ({ ctx, input }) => {
    const access = await requireModerator(ctx.db, ctx.actor, input.mapId, { isWrite: false });
    return listProposals(ctx.db, { actor: ctx.actor, access });
  }),

  decide: protectedProcedure.input(ZModerationDecideInput).mutation(async ({ ctx, input }) => {
    const mapId = await mapIdOfProposal(ctx.db, input);
    await requireModerator(ctx.db, ctx.actor, mapId, { isWrite: true });
    return decideProposal(ctx.db, { actor: ctx.actor, mapId, clientMutationId: input.clientMutationId }, input);
  }),

  /** Bulk approve; a listed proposal on another map is reported as not found. */
  approveMany: protectedProcedure.input(ZModerationApproveManyInput).mutation(async ({ ctx, input }) => {
    await requireModerator(ctx.db, ctx.actor, input.mapId, { isWrite: true });
    return approveProposals(ctx.db, { actor: ctx.actor, mapId: input.mapId, clientMutationId: input.clientMutationId }, input);
  }),
});
