'use client';

import Link from 'next/link';
import type { ReactNode } from 'react';
import { useSession } from 'next-auth/react';
import type { VoteSummary } from '@/server/domain/votes/summarize-votes';
import { VOTE_LABELS } from '@/shared/schemas/vote';
import { formatMean } from './vote-summary-bar';
import { useMapQueryData } from './use-map-query-data';
import { useVote } from './use-vote';
import { FormError } from '@/components/ui/form-messages';
import { VoteButtons } from './vote-buttons';

/** Casting, changing and retracting a vote on one claim or passage, with the full histogram. */
export interface VotePanelProps {
  mapId: string;
  target: { kind: 'claim' | 'evidence'; id: string };
  votes: VoteSummary | null;
  myVote: number | null;
  role: 'owner' | 'editor' | 'voter' | 'viewer';
  /** Defaults to the session's state; an anonymous visitor is asked to sign in. */
  isSignedIn?: boolean;
  /** Defaults to the cached map's setting; a locked map refuses votes from everyone but the owner. */
  isLocked?: boolean;
}

export const voteLabel = (value: number) => `${value} ${VOTE_LABELS[value] ?? ''}`.trim();

export function VotePanel({ mapId, target, votes, myVote, role, isSignedIn, isLocked }: VotePanelProps) {
  const session = useSession();
  const cachedMap = useMapQueryData(mapId);
  const vote = useVote(mapId, target);
  const signedIn = isSignedIn ?? session.status !== 'unauthenticated';
  const locked = (isLocked ?? cachedMap?.map.isLocked ?? false) && role !== 'owner';
  const noun = target.kind === 'claim' ? 'claim' : 'passage';

  let refusal: ReactNode = null;
  if (!signedIn) {
    refusal = (
      <p className="vote-refusal">
        <Link href={`/signin?callbackUrl=${encodeURIComponent(`/maps/${mapId}`)}`}>Sign in to vote</Link> on how strong this {noun} is.
      </p>
    );
  } else if (role === 'viewer') {
    refusal = <p className="vote-refusal">Viewers can&apos;t vote — ask the owner for voter access.</p>;
  } else if (locked) {
    refusal = <p className="vote-refusal">This map is locked by its owner, so votes are closed for now.</p>;
  }
  const canVote = refusal === null;

  return (
    <section className="vote-panel" aria-label="Votes" data-target-kind={target.kind} data-target-id={target.id}>
      <h3 className="vote-panel-title">How strong is this {noun}?</h3>
      {canVote ? (
        <>
          <VoteButtons
            myVote={myVote}
            isValueDisabled={(value) => vote.isPending && myVote === value}
            onVote={(value) => (myVote === value ? undefined : vote.cast(value))}
          />
          <p className="vote-mine small">
            {myVote === null ? (
              <span className="muted">You have not voted on this {noun}.</span>
            ) : (
              <>
                Your vote: <strong>{voteLabel(myVote)}</strong>.{' '}
                <button type="button" className="btn-link" onClick={vote.retract}>
                  Retract my vote
                </button>
              </>
            )}
          </p>
        </>
      ) : (
        refusal
      )}
      {vote.error && <FormError message={vote.error.message} />}
      <VoteHistogram votes={votes} myVote={myVote} canVote={canVote} />
    </section>
  );
}

interface VoteHistogramProps {
  votes: VoteSummary | null;
  myVote: number | null;
  canVote: boolean;
}

/** The full distribution of a target's votes, or why it is hidden. */
export function VoteHistogram({ votes, myVote, canVote }: VoteHistogramProps) {
  if (!votes) {
    if (myVote !== null) return <p className="vote-hidden muted small">Loading how others rated this…</p>;
    return (
      <p className="vote-hidden muted small" data-testid="votes-hidden">
        {canVote ? 'Vote to see how others rated this.' : 'Results stay hidden until the owner reveals them.'}
      </p>
    );
  }
  if (votes.count === 0) return <p className="vote-results muted small">No votes yet.</p>;
  const max = Math.max(1, ...votes.histogram);
  return (
    <div className="vote-results" data-testid="vote-results" data-count={votes.count}>
      <p className="vote-results-summary small">
        <strong>
          {votes.count} {votes.count === 1 ? 'vote' : 'votes'}
        </strong>{' '}
        · mean {formatMean(votes.mean)} of 4
      </p>
      <ul className="stack-list vote-histogram" aria-label="Vote distribution">
        {votes.histogram.map((n, value) => (
          <li
            key={value}
            className={myVote === value ? 'is-mine' : undefined}
            aria-label={`${voteLabel(value)}: ${n} ${n === 1 ? 'vote' : 'votes'}`}
          >
            <span className="vote-histogram-label" aria-hidden="true">
              {voteLabel(value)}
            </span>
            <span className="vote-histogram-track" aria-hidden="true">
              <span className={`vote-histogram-fill v${value}`} style={{ width: `${(n / max) * 100}%` }} />
            </span>
            <span className="vote-histogram-count" aria-hidden="true">
              {n}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
