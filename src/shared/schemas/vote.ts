import { z } from 'zod';
import { ZClientMutationId } from './claim';
import { ZId } from './map';

/** Labels of the five vote values, 0 (no strength) to 4 (decisive). */
export const VOTE_LABELS = ['none', 'weak', 'moderate', 'strong', 'decisive'] as const;

export const ZVoteValue = z
  .number({ message: 'A vote is a whole number from 0 (none) to 4 (decisive).' })
  .int('A vote is a whole number from 0 (none) to 4 (decisive).')
  .min(0, 'A vote is at least 0 (none).')
  .max(4, 'A vote is at most 4 (decisive).');

const exactlyOneTarget = {
  message: 'A vote is on exactly one claim or one evidence passage: give claimId or evidenceId.',
  path: ['claimId'],
};

const ZVoteTargetFields = z.object({
  claimId: ZId.optional(),
  evidenceId: ZId.optional(),
  clientMutationId: ZClientMutationId,
});

export const ZCastVoteInput = ZVoteTargetFields.extend({ value: ZVoteValue }).refine(
  (input) => Boolean(input.claimId) !== Boolean(input.evidenceId),
  exactlyOneTarget,
);
export type TCastVoteInput = z.infer<typeof ZCastVoteInput>;

export const ZRetractVoteInput = ZVoteTargetFields.refine(
  (input) => Boolean(input.claimId) !== Boolean(input.evidenceId),
  exactlyOneTarget,
);
export type TRetractVoteInput = z.infer<typeof ZRetractVoteInput>;

export type VoteTargetKind = 'claim' | 'evidence';

export interface VoteTarget {
  kind: VoteTargetKind;
  id: string;
}

/** The target named by a validated cast/retract input (exactly one of the two ids is set). */
export function voteTargetOf(input: { claimId?: string; evidenceId?: string }): VoteTarget {
  return input.claimId ? { kind: 'claim', id: input.claimId } : { kind: 'evidence', id: input.evidenceId! };
}

/** Vote aggregates of one target: count, mean (0–4, null with no votes), histogram[v]. */
export interface VoteSummaryPayload {
  count: number;
  mean: number | null;
  histogram: [number, number, number, number, number];
}

/**
 * Payload of a `vote.changed` event as stored in the log. It names the voter and carries the full
 * summary; the event stream redacts both per reader (blind voting, anonymous maps).
 */
export interface VoteChangedPayload {
  targetKind: VoteTargetKind;
  targetId: string;
  voterId: string;
  /** The new value, or null when the vote was retracted. */
  value: number | null;
  summary: VoteSummaryPayload;
}

/** Payload of a `results.revealed` event. */
export interface ResultsRevealedPayload {
  resultsRevealed: true;
}
