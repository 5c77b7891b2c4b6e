/**
 * Students propose, the teacher approves: the rules both the server and the client apply.
 *
 * On a map with `requireApproval`, a claim, link or evidence passage created by anyone but a
 * moderator waits for approval. Moderators are the owner and the editors the owner marks as
 * moderators. A proposal is seen only by its author and the moderators — in `map.get`, the stream,
 * search, snapshots — and counts in nobody's strength until it is approved; exports leave it out.
 */
import type { MapRoleName } from './roles';

/** The owner always moderates; an editor does when the owner marked them. */
export function isModeratorRole(role: MapRoleName | null | undefined, isModeratorFlag: boolean): boolean {
  return role === 'owner' || (role === 'editor' && isModeratorFlag);
}

/** Whether what this person creates now waits for a moderator. */
export function needsApproval(map: { requireApproval: boolean }, creatorIsModerator: boolean): boolean {
  return map.requireApproval && !creatorIsModerator;
}

export interface ProposalViewer {
  userId: string | null;
  isModerator: boolean;
}

/** A proposal (or an event restricted to its author) is seen by its author and the moderators only. */
export function canSeeProposal(viewer: ProposalViewer, authorId: string | null): boolean {
  return viewer.isModerator || (viewer.userId !== null && viewer.userId === authorId);
}

export const MAX_REJECTION_REASON = 500;

interface Proposable {
  id: string;
  awaitingApproval?: boolean;
}

/**
 * The strength input without proposals awaiting approval and the links that reach them: a proposal counts
 * in nobody's strength until it is approved. A filter on the input, so the strength code stays as it is.
 */
export function publishedOnly<
  C extends Proposable,
  E extends Proposable,
  L extends { fromClaimId: string | null; fromEvidenceId: string | null; toClaimId: string; awaitingApproval?: boolean },
>(input: { claims: C[]; evidence: E[]; links: L[] }): { claims: C[]; evidence: E[]; links: L[] } {
  const isPublished = (item: { awaitingApproval?: boolean }) => !item.awaitingApproval;
  if (![...input.claims, ...input.evidence, ...input.links].some((item) => item.awaitingApproval)) return input;
  const claims = input.claims.filter(isPublished);
  const evidence = input.evidence.filter(isPublished);
  const ids = new Set([...claims, ...evidence].map((item) => item.id));
  const links = input.links.filter(
    (link) => isPublished(link) && ids.has(link.toClaimId) && ids.has((link.fromClaimId ?? link.fromEvidenceId)!),
  );
  return { claims, evidence, links };
}
