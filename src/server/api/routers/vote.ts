import { castVote, retractVote } from '@/server/domain/votes/cast-vote';
import { consumeVoteQuota } from '@/server/domain/votes/vote-rate-limit';
import { ZCastVoteInput, ZRetractVoteInput, voteTargetOf } from '@/shared/schemas/vote';
import { voterProcedure } from '../procedures';
import { createTRPCRouter } from '../trpc';

// The target's own map decides access.
const byTarget = (input: Parameters<typeof voteTargetOf>[0]) => voteTargetOf(input);

export const voteRouter = createTRPCRouter({
  cast: voterProcedure(ZCastVoteInput, byTarget).mutation(async ({ ctx, input }) => {
    await consumeVoteQuota(ctx.db, ctx.map.actor.id);
    return castVote(ctx.db, ctx.map, { target: voteTargetOf(input), value: input.value });
  }),

  retract: voterProcedure(ZRetractVoteInput, byTarget).mutation(async ({ ctx, input }) => {
    await consumeVoteQuota(ctx.db, ctx.map.actor.id);
    return retractVote(ctx.db, ctx.map, { target: voteTargetOf(input) });
  }),
});
