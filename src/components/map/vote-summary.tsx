'use client';

import { memo } from 'react';
import type { VoteSummary } from '@/server/domain/votes/summarize-votes';

/** A claim's votes in one line: count, mean (0–4) and a tiny bar of the distribution. */
export const VoteSummaryMini = memo(function VoteSummaryMini({ votes }: { votes: VoteSummary | null }) {
  if (!votes) {
    return (
      <span className="vote-mini muted" title="Blind voting: results show once you vote or the owner reveals them">
        votes hidden
      </span>
    );
  }
  if (votes.count === 0) return <span className="vote-mini muted">no votes</span>;
  const mean = votes.mean ?? 0;
  const label = `${votes.count} ${votes.count === 1 ? 'vote' : 'votes'}, mean ${mean.toFixed(1)} of 4`;
  return (
    <span className="vote-mini" role="img" aria-label={label} title={label}>
      <span aria-hidden="true">
        {votes.count} · {mean.toFixed(1)}
      </span>
      <span className="vote-bar" aria-hidden="true">
        {votes.histogram.map((n, value) => (n > 0 ? <span key={value} className={`vote-bar-${value}`} style={{ flexGrow: n }} /> : null))}
      </span>
    </span>
  );
});
