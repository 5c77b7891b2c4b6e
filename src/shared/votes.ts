/** Vote aggregates and the blind-voting visibility rule: one copy, used by the server and the client. */
/** Vote values run from 0 (no strength) to 4 (decisive). */
export const VOTE_VALUES = [0, 1, 2, 3, 4] as const;

export interface VoteSummary {
  count: number;
  /** Mean of the values, 0–4; null when nobody voted. */
  mean: number | null;
  /** histogram[v] = number of votes with value v. */
  histogram: [number, number, number, number, number];
}

export function emptySummary(): VoteSummary {
  return { count: 0, mean: null, histogram: [0, 0, 0, 0, 0] };
}

/** Builds summaries per target from `(targetId, value, count)` rows as a GROUP BY returns them. */
export function summarizeVoteRows(rows: { targetId: string; value: number; count: number }[]): Map<string, VoteSummary> {
  const byTarget = new Map<string, VoteSummary>();
  for (const row of rows) {
    const summary = byTarget.get(row.targetId) ?? emptySummary();
    if (row.value >= 0 && row.value <= 4) summary.histogram[row.value as 0 | 1 | 2 | 3 | 4] += row.count;
    byTarget.set(row.targetId, summary);
  }
  for (const summary of byTarget.values()) {
    summary.count = summary.histogram.reduce((a, b) => a + b, 0);
    const total = summary.histogram.reduce((sum, n, value) => sum + n * value, 0);
    summary.mean = summary.count === 0 ? null : total / summary.count;
  }
  return byTarget;
}

export interface VoteVisibilityRule {
  isBlindVoting: boolean;
  resultsRevealed: boolean;
  isOwner: boolean;
}

/**
 * Blind voting: others' votes on a target stay hidden until the caller has voted on it or the
 * owner reveals the results. The owner always sees them.
 */
export function canSeeVoteResults(rule: VoteVisibilityRule, hasVotedOnTarget: boolean): boolean {
  return !rule.isBlindVoting || rule.resultsRevealed || rule.isOwner || hasVotedOnTarget;
}

/**
 * The summary after one voter's vote goes from `previous` to `next` (null = no vote), without a
 * round trip: used for optimistic updates. Values outside 0–4 are ignored; counts never go negative.
 */
export function applyVoteChange(summary: VoteSummary, previous: number | null, next: number | null): VoteSummary {
  const histogram = [...summary.histogram] as VoteSummary['histogram'];
  const isVote = (value: number | null): value is 0 | 1 | 2 | 3 | 4 =>
    value !== null && Number.isInteger(value) && value >= 0 && value <= 4;
  if (isVote(previous) && histogram[previous] > 0) histogram[previous] -= 1;
  if (isVote(next)) histogram[next] += 1;
  const count = histogram.reduce((a, b) => a + b, 0);
  const total = histogram.reduce((sum, n, value) => sum + n * value, 0);
  return { count, mean: count === 0 ? null : total / count, histogram };
}
