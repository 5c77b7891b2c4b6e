'use client';

import { memo } from 'react';
import type { VoteSummary } from '@/server/domain/votes/summarize-votes';
import { VOTE_LABELS } from '@/shared/schemas/vote';

export interface VoteSummaryBarProps {
  /** null when blind voting hides the results from this reader. */
  votes: VoteSummary | null;
  /** The reader's own vote, marked in the distribution. */
  myVote?: number | null;
  className?: string;
}

export function formatMean(mean: number | null): string {
  return mean === null ? '–' : mean.toFixed(1);
}

export function describeVotes(votes: VoteSummary | null): string {
  if (!votes) return 'Votes hidden until you vote';
  if (votes.count === 0) return 'No votes yet';
  const parts = votes.histogram.map((n, value) => `${n} × ${value} ${VOTE_LABELS[value]}`).join(', ');
  return `${votes.count} ${votes.count === 1 ? 'vote' : 'votes'}, mean ${formatMean(votes.mean)} of 4 (${parts})`;
}

/**
 * A node's vote summary at a glance: count, mean and a tiny five-bar distribution (0 to 4).
 * Cheap and memoised, for use inside graph nodes.
 */
export const VoteSummaryBar = memo(function VoteSummaryBar({ votes, myVote = null, className }: VoteSummaryBarProps) {
  const label = describeVotes(votes);
  const classes = ['vote-summary-bar', className].filter(Boolean).join(' ');
  if (!votes) {
    return (
      <span className={`${classes} is-hidden`} role="img" aria-label={label} title={label} data-votes="hidden">
        <span aria-hidden="true">votes hidden</span>
      </span>
    );
  }
  const max = Math.max(1, ...votes.histogram);
  return (
    <span className={classes} role="img" aria-label={label} title={label} data-votes={votes.count} data-mean={votes.mean ?? ''}>
      <span className="vote-summary-count" aria-hidden="true">
        {votes.count}
        {votes.count > 0 && <span className="vote-summary-mean"> · {formatMean(votes.mean)}</span>}
      </span>
      <span className="vote-summary-bars" aria-hidden="true">
        {votes.histogram.map((n, value) => (
          <span
            key={value}
            className={`vote-summary-bar-cell v${value}${myVote === value ? ' is-mine' : ''}`}
            style={{ height: `${Math.round((n / max) * 100)}%` }}
          />
        ))}
      </span>
    </span>
  );
});
