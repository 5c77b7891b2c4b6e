import type { AccessTarget } from '@/server/access/map-access';
import { mapIdOfMember } from '@/server/access/member-access';
import type { Db } from '@/server/db';
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
import { byMapId, memberProcedure, ownerProcedure } from '../procedures';
import { createTRPCRouter, protectedProcedure } from '../trpc';

const byMember = async (input: { memberId: string }, db: Db): Promise<AccessTarget> => ({
  kind: 'map',
  id: await mapIdOfMember(db, input.memberId),
});
const byRequest = async (input: { requestId: string }, db: Db): Promise<AccessTarget> => ({
  kind: 'map',
  id: await mapIdOfAccessRequest(db, input.requestId),
});

export const memberRouter = createTRPCRouter({
  /** Members only; in anonymous mode only the owner sees who they are. */
  list: memberProcedure(ZMapIdInput, byMapId).query(({ ctx }) => listMembers(ctx.db, ctx.map)),

  invite: ownerProcedure(ZInviteMemberInput, byMapId).mutation(({ ctx, input }) => inviteMember(ctx.db, ctx.map, input)),

  setRole: ownerProcedure(ZSetMemberRoleInput, byMember).mutation(({ ctx, input }) => setMemberRole(ctx.db, ctx.map, input)),

  /** The owner lets an editor review proposals (or no longer). */
  setModerator: ownerProcedure(ZSetModeratorInput, byMember).mutation(({ ctx, input }) => setModerator(ctx.db, ctx.map, input)),

  remove: ownerProcedure(ZMemberIdInput, byMember).mutation(({ ctx, input }) => removeMember(ctx.db, ctx.map, input.memberId)),

  transferOwnership: ownerProcedure(ZMemberIdInput, byMember).mutation(({ ctx, input }) =>
    transferOwnership(ctx.db, ctx.map, input.memberId),
  ),

  /** Anyone signed in may ask to be let into a map; the answer never says whether the map exists. */
  requestAccess: protectedProcedure
    .input(ZMapIdInput)
    .mutation(({ ctx, input }) => requestAccess(ctx.db, { actor: ctx.actor }, input.mapId)),

  /** Polled by the private-map page: has the caller been let in? */
  requestStatus: protectedProcedure
    .input(ZMapIdInput)
    .query(({ ctx, input }) => accessRequestStatus(ctx.db, { actor: ctx.actor }, input.mapId)),

  listRequests: ownerProcedure(ZMapIdInput, byMapId).query(({ ctx }) => listAccessRequests(ctx.db, ctx.map)),

  approveRequest: ownerProcedure(ZApproveAccessRequestInput, byRequest).mutation(({ ctx, input }) =>
    approveAccessRequest(ctx.db, ctx.map, input),
  ),

  declineRequest: ownerProcedure(ZAccessRequestIdInput, byRequest).mutation(({ ctx, input }) =>
    declineAccessRequest(ctx.db, ctx.map, input.requestId),
  ),
});
