import { approveProposals, decideProposal } from '@/server/domain/moderation/decide-proposal';
import { listProposals } from '@/server/domain/moderation/list-proposals';
import { ZModerationApproveManyInput, ZModerationDecideInput, ZModerationQueueInput } from '@/shared/schemas/moderation';
import { byMapId, moderatorProcedure } from '../procedures';
import { createTRPCRouter } from '../trpc';

/** A proposal's own map decides access: the claim, link or passage the input names. */
const byProposal = (input: { kind: 'claim' | 'link' | 'evidence'; id: string }) => ({ kind: input.kind, id: input.id });

// Students propose, the teacher approves: only moderators (the owner, editors the owner marked) get here.
export const moderationRouter = createTRPCRouter({
  queue: moderatorProcedure(ZModerationQueueInput, byMapId, { isWrite: false }).query(({ ctx }) => listProposals(ctx.db, ctx.map)),

  decide: moderatorProcedure(ZModerationDecideInput, byProposal, { isWrite: true }).mutation(({ ctx, input }) =>
    decideProposal(ctx.db, ctx.map, input),
  ),

  /** Bulk approve; a listed proposal on another map is reported as not found. */
  approveMany: moderatorProcedure(ZModerationApproveManyInput, byMapId, { isWrite: true }).mutation(({ ctx, input }) =>
    approveProposals(ctx.db, ctx.map, input),
  ),
});
