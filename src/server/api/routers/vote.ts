import { mapIdOfClaim, mapIdOfEvidence, requireMapRole } from '@/server/access/map-access';
import type { Db } from '@/server/db';
import type { Actor } from '@/server/access/actor';
import { DomainError } from '@/server/domain/errors';
import { castVote, retractVote, type VoteAccess } from '@/server/domain/votes/cast-vote';
import { consumeVoteQuota } from '@/server/domain/votes/vote-rate-limit';
import { ZCastVoteInput, ZRetractVoteInput, voteTargetOf, type VoteTarget } from '@/shared/schemas/vote';
import { createTRPCRouter, protectedProcedure } from '../trpc';

/** The target's own map decides access; viewers are told why they cannot vote. */
async function requireVoter(db: Db, actor: Actor, target: VoteTarget): Promise<VoteAccess> {
  const mapId = target.kind === 'claim' ? await mapIdOfClaim(db, target.id) : await mapIdOfEvidence(db, target.id);
  const viewable = await requireMapRole(db, actor, mapId, 'viewer');
  if (viewable.role === 'viewer') {
    throw new DomainError('FORBIDDEN', "Viewers can't vote on this map: ask the owner for voter access.");
  }
  const access = await requireMapRole(db, actor, mapId, 'voter', { isWrite: true });
  return { mapId, role: access.role! };
}

export const voteRouter = createTRPCRouter({
  cast: protectedProcedure.input(ZCastVoteInput).mutation(async ({ ctx, input }) => {
    const target = voteTargetOf(input);
    const access = await requireVoter(ctx.db, ctx.actor, target);
    await consumeVoteQuota(ctx.db, ctx.actor.id);
    const context = { actor: ctx.actor, mapId: access.mapId, clientMutationId: input.clientMutationId, access };
    return castVote(ctx.db, context, { target, value: input.value });
  }),

  retract: protectedProcedure.input(ZRetractVoteInput).mutation(async ({ ctx, input }) => {
    const target = voteTargetOf(input);
    const access = await requireVoter(ctx.db, ctx.actor, target);
    await consumeVoteQuota(ctx.db, ctx.actor.id);
    const context = { actor: ctx.actor, mapId: access.mapId, clientMutationId: input.clientMutationId, access };
    return retractVote(ctx.db, context, { target });
  }),
});
