'use client';

import type { MapView } from '@/server/domain/maps/get-map';
import type { Peer } from '@/components/realtime/use-presence';
import { excerpt, indexMap } from '@/components/map/map-index';
import { errorMessage } from '@/trpc/client';
import { useClassStatus } from './use-class-status';

const STALE_VOTES_HELP =
  'Votes cast before the latest supporting or opposing argument under this claim: their voters were nudged to look again';

interface Props {
  map: MapView;
  peers: Peer[];
  onClose: () => void;
  onSelectClaim: (claimId: string) => void;
}

/** The owner's live console: who is here, who has voted, votes per claim, where the class disagrees. */
export function ClassPanel({ map, peers, onClose, onSelectClaim }: Props) {
  const status = useClassStatus(map.map.id, true);
  const index = indexMap(map);
  const data = status.data;
  const notVoted = data?.members.filter((member) => member.role !== 'viewer' && member.votesCast === 0) ?? [];
  const voters = data?.members.filter((member) => member.role !== 'viewer') ?? [];
  const textOf = (claimId: string) => excerpt(index.claimById.get(claimId)?.text ?? 'A claim', 90);

  return (
    <aside className="class-panel" aria-label="Class">
      <div className="row class-panel-head">
        <h2 className="panel-title">Class</h2>
        <button type="button" className="btn btn-small" onClick={onClose}>
          Close
        </button>
      </div>
      {status.isError && (
        <p className="form-error" role="alert">
          The class could not be loaded: {errorMessage(status.error)}
        </p>
      )}

      <section className="panel-section" aria-labelledby="class-here">
        <h3 id="class-here">
          Here now <span className="muted">({peers.length + 1})</span>
        </h3>
        <ul className="class-names" aria-label="Here now">
          <li>You</li>
          {peers.map((peer) => (
            <li key={peer.userId}>
              <span className="class-dot" style={{ background: peer.color }} aria-hidden="true" />
              {peer.name}
            </li>
          ))}
        </ul>
      </section>

      {data && (
        <>
          <section className="panel-section" aria-labelledby="class-voted">
            <h3 id="class-voted">Votes</h3>
            <p className="small" data-testid="class-vote-total">
              <strong>{data.totalVotes}</strong> {data.totalVotes === 1 ? 'vote' : 'votes'} from {voters.length - notVoted.length} of{' '}
              {voters.length} {voters.length === 1 ? 'member' : 'members'} who can vote
              {data.isAnonymous && ' · names shown as pseudonyms (anonymous mode)'}
            </p>
            {notVoted.length > 0 ? (
              <>
                <h4 className="small">Not voted yet ({notVoted.length})</h4>
                <ul className="class-names" aria-label="Not voted yet">
                  {notVoted.map((member) => (
                    <li key={member.userId}>{member.name}</li>
                  ))}
                </ul>
              </>
            ) : (
              voters.length > 0 && <p className="small muted">Everyone who can vote has voted.</p>
            )}
          </section>

          <section className="panel-section" aria-labelledby="class-disagree">
            <h3 id="class-disagree">Most disagreement</h3>
            {data.mostDisagreement.length === 0 ? (
              <p className="small muted">No claim splits the class yet (it needs two different votes).</p>
            ) : (
              <ol className="class-claims">
                {data.mostDisagreement.map((claim) => (
                  <li key={claim.claimId}>
                    <button type="button" className="panel-link-button" onClick={() => onSelectClaim(claim.claimId)}>
                      {textOf(claim.claimId)}
                    </button>
                    <span className="small muted">
                      {' '}
                      · {claim.votes} votes, spread {claim.spread!.toFixed(1)}
                    </span>
                  </li>
                ))}
              </ol>
            )}
          </section>

          <section className="panel-section" aria-labelledby="class-claims">
            <h3 id="class-claims">Votes per claim</h3>
            <ul className="class-claims" aria-label="Votes per claim">
              {data.claims.map((claim) => (
                <li key={claim.claimId}>
                  <button type="button" className="panel-link-button" onClick={() => onSelectClaim(claim.claimId)}>
                    {textOf(claim.claimId)}
                  </button>
                  <span className="class-count" aria-label={`${claim.votes} of ${voters.length} voted`}>
                    {claim.votes}/{voters.length}
                  </span>
                  {claim.votesBeforeLatestArgument > 0 && (
                    <span className="small muted class-stale" title={STALE_VOTES_HELP}>
                      {' '}
                      · {claim.votesBeforeLatestArgument} before the latest argument
                    </span>
                  )}
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </aside>
  );
}
