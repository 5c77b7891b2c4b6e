import { z } from 'zod';
import { ZId } from './map';
import { ZEmail } from './user';
import { ZShareRole } from './share';

/** Roles the owner hands out; ownership moves only through a transfer. */
export const ZMemberRole = ZShareRole;

export const ZInviteMemberInput = z.object({ mapId: ZId, email: ZEmail, role: ZMemberRole });
export type TInviteMemberInput = z.infer<typeof ZInviteMemberInput>;

export const ZSetMemberRoleInput = z.object({ memberId: ZId, role: ZMemberRole });
export const ZMemberIdInput = z.object({ memberId: ZId });

export const ZParticipationInput = z.object({
  mapId: ZId,
  /** Replace names with stable pseudonyms (Participant 1, 2, …), e.g. to show the export to a class. */
  omitNames: z.boolean().optional(),
});

export const ZAccessRequestIdInput = z.object({ requestId: ZId });
export const ZApproveAccessRequestInput = z.object({ requestId: ZId, role: ZMemberRole });
