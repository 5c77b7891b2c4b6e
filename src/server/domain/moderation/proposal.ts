import type { Prisma } from '@/generated/prisma/client';
import type { Actor } from '@/server/access/actor';
import { getModerationStanding } from '@/server/access/moderator-access';
import type { EventDraft } from '@/server/sync/append-event';
import { needsApproval } from '@/shared/moderation';

/**
 * Whether what `actor` creates on the map now is a proposal (the map requires approval and they do
 * not moderate it). Read inside the write's transaction, so a setting changed meanwhile applies.
 */
export async function isProposalBy(tx: Prisma.TransactionClient, mapId: string, actor: Actor | null): Promise<boolean> {
  const standing = await getModerationStanding(tx, mapId, actor);
  return needsApproval(standing, standing.isModerator);
}

/** A proposal's event reaches only its author and the moderators (see redaction-rules.ts). */
export function proposalEvent(draft: EventDraft, isProposal: boolean, authorId: string | null): EventDraft {
  return isProposal && authorId ? { ...draft, audienceUserId: authorId } : draft;
}

/** The `awaitingApproval` flag as payloads carry it: present only on proposals. */
export const proposalFlag = (isProposal: boolean) => (isProposal ? { awaitingApproval: true } : {});
