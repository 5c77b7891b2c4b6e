'use client';

import type { ReactNode } from 'react';
import type { MapView } from '@/server/domain/maps/get-map';

/** A read-only outline of a map view: theses first, each claim's supporters and opposers under it. */
export function SnapshotOutline({ view }: { view: MapView }) {
  const incoming = new Map<string, MapView['links']>();
  const hasParent = new Set<string>();
  for (const link of view.links) {
    incoming.set(link.toClaimId, [...(incoming.get(link.toClaimId) ?? []), link]);
    if (link.fromClaimId) hasParent.add(link.fromClaimId);
  }
  const claimById = new Map(view.claims.map((claim) => [claim.id, claim]));
  const evidenceById = new Map(view.evidence.map((item) => [item.id, item]));
  const roots = view.claims.filter((claim) => !hasParent.has(claim.id));

  const renderClaim = (claimId: string, seen: Set<string>): ReactNode => {
    const claim = claimById.get(claimId);
    if (!claim || seen.has(claimId)) return null;
    const next = new Set(seen).add(claimId);
    const children = incoming.get(claimId) ?? [];
    return (
      <>
        <span className="snapshot-claim">{claim.text}</span>{' '}
        <span className="muted small">
          {claim.votes && claim.votes.count > 0 && `${claim.votes.count} votes, mean ${claim.votes.mean?.toFixed(1)} · `}
          strength {Math.round(claim.strength * 100)}%
        </span>
        {children.length > 0 && (
          <ul>
            {children.map((link) => (
              <li key={link.id} className={link.relation}>
                <span className="panel-sign" aria-hidden="true">
                  {link.relation === 'support' ? '+' : '−'}
                </span>
                <span className="sr-only">{link.relation === 'support' ? 'Supports: ' : 'Opposes: '}</span>
                {link.fromClaimId ? renderClaim(link.fromClaimId, next) : <q>{evidenceById.get(link.fromEvidenceId ?? '')?.exact}</q>}
              </li>
            ))}
          </ul>
        )}
      </>
    );
  };

  if (view.claims.length === 0) return <p className="muted">The map had no claims yet.</p>;
  return (
    <ul className="snapshot-outline">
      {roots.map((claim) => (
        <li key={claim.id}>{renderClaim(claim.id, new Set())}</li>
      ))}
    </ul>
  );
}
