import { mapIdOfMember, requireMembership } from '@/server/access/member-access';
import { requireMapRole } from '@/server/access/map-access';
import { inviteMember, removeMember, setMemberRole, transferOwnership } from '@/server/domain/members/change-members';
import { listMembers } from '@/server/domain/members/list-members';
import { setModerator } from '@/server/domain/moderation/set-moderator';
import { ZSetModeratorInput } from '@/shared/schemas/moderation';
import { ZMapIdInput } from '@/shared/schemas/map';
import {
  ZAccessRequestIdInput,
  ZApproveAccessRequestInput,
  ZInviteMemberInput,
  ZMemberIdInput,
  ZSetMemberRoleInput,
} from '@/shared/schemas/member';
import {
  accessRequestStatus,
  approveAccessRequest,
  declineAccessRequest,
  listAccessRequests,
  mapIdOfAccessRequest,
  requestAccess,
} from '@/server/domain/access-requests/access-requests';
import { createTRPCRouter, protectedProcedure, publicProcedure } from '../trpc';

export const memberRouter = createTRPCRouter({
  /** Members only; in anonymous mode only the owner sees who they are. */
  list: publicProcedure.input(ZMapIdInput).query(async ({ ctx, input }) => {
    const access = await requireMembership(ctx.db, ctx.actor, input.mapId);
    return listMembers(ctx.db, { actor: ctx.actor, access });
  }),

  invite: protectedProcedure.input(ZInviteMemberInput).mutation(async ({ ctx, input }) => {
    await requireMapRole(ctx.db, ctx.actor, input.mapId, 'owner');
    return inviteMember(ctx.db, { actor: ctx.actor, mapId: input.mapId }, input);
  }),

  setRole: protectedProcedure.input(ZSetMemberRoleInput).mutation(async ({ ctx, input }) => {
    const mapId = await mapIdOfMember(ctx.db, input.memberId);
    await requireMapRole(ctx.db, ctx.actor, mapId, 'owner');
    return setMemberRole(ctx.db, { actor: ctx.actor, mapId }, input);
  }),

  /** The owner lets an editor review proposals (or no longer). */
  setModerator: protectedProcedure.input(ZSetModeratorInput).mutation(async ({ ctx, input }) => {
    const mapId = await mapIdOfMember(ctx.db, input.memberId);
    await requireMapRole(ctx.db, ctx.actor, mapId, 'owner');
    return setModerator(ctx.db, { actor: ctx.actor, mapId }, input);
  }),

  remove: protectedProcedure.input(ZMemberIdInput).mutation(async ({ ctx, input }) => {
    const mapId = await mapIdOfMember(ctx.db, input.memberId);
    await requireMapRole(ctx.db, ctx.actor, mapId, 'owner');
    return removeMember(ctx.db, { actor: ctx.actor, mapId }, input.memberId);
  }),

  transferOwnership: protectedProcedure.input(ZMemberIdInput).mutation(async ({ ctx, input }) => {
    const mapId = await mapIdOfMember(ctx.db, input.memberId);
    await requireMapRole(ctx.db, ctx.actor, mapId, 'owner');
    return transferOwnership(ctx.db, { actor: ctx.actor, mapId }, input.memberId);
  }),

  /** Anyone signed in may ask to be let into a map; the answer never says whether the map exists. */
  requestAccess: protectedProcedure
    .input(ZMapIdInput)
    .mutation(({ ctx, input }) => requestAccess(ctx.db, { actor: ctx.actor }, input.mapId)),

  /** Polled by the private-map page: has the caller been let in? */
  requestStatus: protectedProcedure
    .input(ZMapIdInput)
    .query(({ ctx, input }) => accessRequestStatus(ctx.db, { actor: ctx.actor }, input.mapId)),

  listRequests: protectedProcedure.input(ZMapIdInput).query(async ({ ctx, input }) => {
    const access = await requireMapRole(ctx.db, ctx.actor, input.mapId, 'owner');
    return listAccessRequests(ctx.db, { actor: ctx.actor, access });
  }),

  approveRequest: protectedProcedure.input(ZApproveAccessRequestInput).mutation(async ({ ctx, input }) => {
    const mapId = await mapIdOfAccessRequest(ctx.db, input.requestId);
    await requireMapRole(ctx.db, ctx.actor, mapId, 'owner');
    return approveAccessRequest(ctx.db, { actor: ctx.actor, mapId }, input);
  }),

  declineRequest: protectedProcedure.input(ZAccessRequestIdInput).mutation(async ({ ctx, input }) => {
    const mapId = await mapIdOfAccessRequest(ctx.db, input.requestId);
    await requireMapRole(ctx.db, ctx.actor, mapId, 'owner');
    return declineAccessRequest(ctx.db, { actor: ctx.actor, mapId }, input.requestId);
  }),
});
