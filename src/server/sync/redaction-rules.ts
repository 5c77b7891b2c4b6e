import { canSeeProposal, type ProposalViewer } from '@/shared/moderation';
import { canSeeVoteResults } from '@/shared/votes';

/**
 * Who is looking and what the map's teacher controls say. Rules are pure so they can be tested
 * without a database, and shared by the live stream and `events.list`. Which payload fields are
 * identities or votes is declared per event schema (MAP_EVENT_FIELDS in src/shared/events.ts).
 */
export interface RedactionContext {
  isAnonymous: boolean;
  isBlindVoting: boolean;
  resultsRevealed: boolean;
  /** The recipient owns the map: owners always see identities and results. */
  isOwner: boolean;
}

export function shouldHideIdentities(context: Pick<RedactionContext, 'isAnonymous' | 'isOwner'>): boolean {
  return context.isAnonymous && !context.isOwner;
}

/** Blind voting hides a target's results from this recipient (see `canSeeVoteResults`). */
export function shouldHideVoteResults(context: RedactionContext, hasVotedOnTarget: boolean): boolean {
  return !canSeeVoteResults(
    { isBlindVoting: context.isBlindVoting, resultsRevealed: context.resultsRevealed, isOwner: context.isOwner },
    hasVotedOnTarget,
  );
}

/**
 * The audience rule: an event with an `audienceUserId` (a proposal awaiting approval, a decision on it)
 * reaches only that user and the map's moderators; everyone else gets an `event.withheld` placeholder.
 * Its outcome depends only on (is moderator, is that user), so a fan-out can serialise such an event
 * once for the audience and once, as the placeholder, for everyone else.
 */
export function isInEventAudience(viewer: ProposalViewer, audienceUserId: string | null): boolean {
  return audienceUserId === null || canSeeProposal(viewer, audienceUserId);
}
