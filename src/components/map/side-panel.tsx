'use client';

import type { ClaimView, LinkView, MapView } from '@/server/domain/maps/get-map';
import type { MapRoleName } from '@/shared/roles';
import { VotePanel, type VotePanelProps } from '@/components/votes/vote-panel';
import type { PeerMark } from './flow-elements';
import { isPendingId } from './map-cache';
import { excerpt, indexMap, linkFromId, type MapIndex } from './map-index';
import { useMapActions, type Selection } from './map-actions';
import { StrengthExplanation } from '@/components/votes/strength-explanation';
import { CommentThread } from '@/components/comments/comment-thread';
import { CountedSection } from '@/components/ui/counted-section';

interface Props {
  map: MapView;
  selection: Selection;
  canEdit: boolean;
  role: MapRoleName;
  strength: number | null;
  peers: readonly PeerMark[];
  onClose: () => void;
}

/** The strength explanation, reachable whether or not the strength overlay is on (open when it is). */
function StrengthDisclosure({ map, nodeId, isOpen }: { map: MapView; nodeId: string; isOpen: boolean }) {
  return (
    <details className="panel-strength" open={isOpen || undefined}>
      <summary>Why this strength?</summary>
      <StrengthExplanation map={map} nodeId={nodeId} />
    </details>
  );
}

/** Voting on a claim or passage and its discussion; keyed by the node, so selecting another starts both afresh. */
function VotesAndComments({
  mapId,
  target,
  node,
  role,
}: Pick<VotePanelProps, 'mapId' | 'target' | 'role'> & { node: Pick<VotePanelProps, 'votes' | 'myVote'> }) {
  return (
    <>
      <section className="panel-section">
        <VotePanel mapId={mapId} target={target} votes={node.votes} myVote={node.myVote} role={role} />
      </section>
      <CommentThread mapId={mapId} target={target} />
    </>
  );
}

const formatDate = (date: Date) => new Date(date).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });

export function SidePanel({ map, selection, canEdit, role, strength, peers, onClose }: Props) {
  const index = indexMap(map);
  return (
    <aside className="side-panel" aria-label="Selection details">
      <button type="button" className="side-panel-close btn-link" onClick={onClose} aria-label="Close details">
        ×
      </button>
      {selection.kind === 'claim' && (
        <ClaimDetails map={map} index={index} claimId={selection.id} canEdit={canEdit} role={role} strength={strength} peers={peers} />
      )}
      {selection.kind === 'evidence' && (
        <EvidenceDetails map={map} index={index} evidenceId={selection.id} role={role} strength={strength} />
      )}
      {selection.kind === 'link' && <LinkDetails index={index} linkId={selection.id} canEdit={canEdit} />}
    </aside>
  );
}

function LinkedList({ title, links, index, end }: { title: string; links: LinkView[]; index: MapIndex; end: 'from' | 'to' }) {
  const actions = useMapActions();
  return (
    <CountedSection title={title} count={links.length}>
      <ul className="stack-list panel-links">
        {links.map((link) => {
          const id = end === 'from' ? linkFromId(link) : link.toClaimId;
          const isEvidence = end === 'from' && Boolean(link.fromEvidenceId);
          const text = isEvidence ? `“${index.evidenceById.get(id)?.exact ?? ''}”` : (index.claimById.get(id)?.text ?? '');
          return (
            <li key={link.id} className={link.relation}>
              <span className="panel-sign" aria-hidden="true">
                {link.relation === 'support' ? '+' : '−'}
              </span>
              <button
                type="button"
                className="panel-link-button"
                onClick={() => actions.select({ kind: isEvidence ? 'evidence' : 'claim', id })}
              >
                <span className="sr-only">{link.relation === 'support' ? 'Supports: ' : 'Opposes: '}</span>
                {excerpt(text, 140)}
              </button>
            </li>
          );
        })}
      </ul>
    </CountedSection>
  );
}

function ClaimDetails({
  map,
  index,
  claimId,
  canEdit,
  role,
  strength,
  peers,
}: {
  map: MapView;
  index: MapIndex;
  claimId: string;
  canEdit: boolean;
  role: MapRoleName;
  strength: number | null;
  peers: readonly PeerMark[];
}) {
  const actions = useMapActions();
  const claim: ClaimView | undefined = index.claimById.get(claimId);
  if (!claim) return <p className="muted">This claim is no longer on the map.</p>;
  const incoming = index.incoming.get(claimId) ?? [];
  const outgoing = (index.outgoing.get(claimId) ?? []).filter((link) => index.claimById.has(link.toClaimId));
  const supporters = incoming.filter((link) => link.fromClaimId && link.relation === 'support');
  const opposers = incoming.filter((link) => link.fromClaimId && link.relation === 'oppose');
  const evidence = incoming.filter((link) => link.fromEvidenceId);
  const isPending = isPendingId(claimId);

  return (
    <div className="panel-content">
      <h2 className="panel-title">{outgoing.length === 0 ? 'Thesis' : 'Claim'}</h2>
      {claim.title && <p className="claim-title">{claim.title}</p>}
      <p className="panel-claim-text">{claim.text}</p>
      <p className="muted small">
        {claim.authorName ?? 'Anonymous'} · {formatDate(claim.createdAt)}
        {claim.version > 1 && ` · edited`}
        {strength !== null && ` · strength ${Math.round(strength * 100)}%`}
      </p>
      <StrengthDisclosure map={map} nodeId={claimId} isOpen={strength !== null} />
      <p>
        <button
          type="button"
          className="btn btn-small"
          onClick={() => actions.focusClaim(claimId)}
          title="Show this claim with its pros and cons"
        >
          Focus on this claim
        </button>
      </p>
      {peers.length > 0 && (
        <p className="small">
          {peers.map((peer) => (
            <span key={peer.userId} className="peer-chip" style={{ background: peer.color }}>
              {peer.name} {peer.isEditing ? 'is editing' : 'is looking'}
            </span>
          ))}
        </p>
      )}
      {canEdit && !isPending && (
        <div className="panel-actions">
          <button type="button" className="btn btn-small" onClick={() => actions.startEdit(claimId)}>
            Edit <kbd>Enter</kbd>
          </button>
          <button type="button" className="btn btn-small support-button" onClick={() => actions.addChild(claimId, 'support')}>
            + Support <kbd>S</kbd>
          </button>
          <button type="button" className="btn btn-small oppose-button" onClick={() => actions.addChild(claimId, 'oppose')}>
            + Oppose <kbd>O</kbd>
          </button>
          <button type="button" className="btn btn-small btn-danger" onClick={() => actions.requestDelete(claimId)}>
            Delete <kbd>Del</kbd>
          </button>
        </div>
      )}
      <LinkedList title="Argues about" links={outgoing} index={index} end="to" />
      <LinkedList title="Supporters" links={supporters} index={index} end="from" />
      <LinkedList title="Opposers" links={opposers} index={index} end="from" />
      <LinkedList title="Evidence" links={evidence} index={index} end="from" />
      {incoming.length === 0 && <p className="muted small">Nothing supports or opposes this claim yet.</p>}
      {!isPending && <VotesAndComments key={claimId} mapId={map.map.id} target={{ kind: 'claim', id: claimId }} node={claim} role={role} />}
    </div>
  );
}

function EvidenceDetails({
  map,
  index,
  evidenceId,
  role,
  strength,
}: {
  map: MapView;
  index: MapIndex;
  evidenceId: string;
  role: MapRoleName;
  strength: number | null;
}) {
  const actions = useMapActions();
  const passage = index.evidenceById.get(evidenceId);
  if (!passage) return <p className="muted">This passage is no longer on the map.</p>;
  const source = index.sourceById.get(passage.sourceId);
  const outgoing = (index.outgoing.get(evidenceId) ?? []).filter((link) => index.claimById.has(link.toClaimId));
  return (
    <div className="panel-content">
      <h2 className="panel-title">Evidence</h2>
      <blockquote className="panel-quote">“{passage.exact}”</blockquote>
      <p className="small">
        — <cite>{source?.title ?? 'Unknown source'}</cite>
        {source?.author && `, ${source.author}`}
      </p>
      {passage.note && <p className="small">{passage.note}</p>}
      <p className="muted small">
        {passage.authorName ?? 'Anonymous'} · {formatDate(passage.createdAt)}
        {strength !== null && ` · strength ${Math.round(strength * 100)}%`}
      </p>
      <StrengthDisclosure map={map} nodeId={evidenceId} isOpen={strength !== null} />
      <div className="panel-actions">
        <button type="button" className="btn btn-small" onClick={() => actions.openSource(passage.sourceId, passage.id)}>
          Open in source
        </button>
      </div>
      <LinkedList title="Argues about" links={outgoing} index={index} end="to" />
      <VotesAndComments key={evidenceId} mapId={map.map.id} target={{ kind: 'evidence', id: evidenceId }} node={passage} role={role} />
    </div>
  );
}

function LinkDetails({ index, linkId, canEdit }: { index: MapIndex; linkId: string; canEdit: boolean }) {
  const actions = useMapActions();
  const link = index.linkById.get(linkId);
  if (!link) return <p className="muted">This link is no longer on the map.</p>;
  const fromText = link.fromClaimId
    ? index.claimById.get(link.fromClaimId)?.text
    : `“${index.evidenceById.get(link.fromEvidenceId!)?.exact ?? ''}”`;
  const toText = index.claimById.get(link.toClaimId)?.text;
  return (
    <div className="panel-content">
      <h2 className="panel-title">Link</h2>
      <p className="panel-link-sentence">
        <button
          type="button"
          className="panel-link-button"
          onClick={() => actions.select({ kind: link.fromEvidenceId ? 'evidence' : 'claim', id: linkFromId(link) })}
        >
          {excerpt(fromText ?? '', 120)}
        </button>{' '}
        <strong className={`relation-word ${link.relation}`}>{link.relation === 'support' ? '+ supports' : '− opposes'}</strong>{' '}
        <button type="button" className="panel-link-button" onClick={() => actions.select({ kind: 'claim', id: link.toClaimId })}>
          {excerpt(toText ?? '', 120)}
        </button>
      </p>
      {canEdit && (
        <>
          <fieldset className="relation-choice">
            <legend>Relation</legend>
            {(['support', 'oppose'] as const).map((relation) => (
              <label key={relation} className={relation}>
                <input
                  type="radio"
                  name={`relation-${link.id}`}
                  checked={link.relation === relation}
                  onChange={() => actions.setLinkRelation(link.id, relation)}
                />{' '}
                {relation === 'support' ? '+ Supports' : '− Opposes'}
              </label>
            ))}
          </fieldset>
          <div className="panel-actions">
            <button type="button" className="btn btn-small btn-danger" onClick={() => actions.deleteLink(link.id)}>
              Remove link <kbd>Del</kbd>
            </button>
          </div>
        </>
      )}
    </div>
  );
}
