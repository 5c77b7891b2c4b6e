/** Builds small MapViews for the unit tests of this folder. Not used by the app. */
import type { ClaimView, EvidenceView, LinkView, MapView } from '@/server/domain/maps/get-map';
import type { TRelation } from '@/shared/schemas/claim';

const AT = new Date('2026-01-01T00:00:00Z');

export function claim(id: string, text = `Claim ${id}`, position: { x: number; y: number } | null = null): ClaimView {
  return {
    id,
    title: null,
    text,
    x: position?.x ?? null,
    y: position?.y ?? null,
    version: 1,
    authorId: 'u1',
    authorName: 'Ada',
    createdAt: AT,
    updatedAt: AT,
    votes: { count: 0, mean: null, histogram: [0, 0, 0, 0, 0] },
    myVote: null,
    strength: 0.5,
  };
}

export function evidence(id: string, sourceId = 's1', position: { x: number; y: number } | null = null): EvidenceView {
  return {
    id,
    sourceId,
    exact: `Quoted passage ${id}`,
    prefix: '',
    suffix: '',
    start: 0,
    end: 10,
    note: null,
    isOrphaned: false,
    x: position?.x ?? null,
    y: position?.y ?? null,
    authorId: 'u1',
    authorName: 'Ada',
    createdAt: AT,
    votes: null,
    myVote: null,
    strength: 0.5,
  };
}

/** `link('b', 'a', 'support')`: b supports a. An id starting with `e` is taken as evidence. */
export function link(from: string, to: string, relation: TRelation = 'support', id = `${from}>${to}`): LinkView {
  const isEvidence = from.startsWith('e');
  return { id, fromClaimId: isEvidence ? null : from, fromEvidenceId: isEvidence ? from : null, toClaimId: to, relation };
}

export function mapView(parts: { claims?: ClaimView[]; links?: LinkView[]; evidence?: EvidenceView[] } = {}): MapView {
  return {
    map: {
      id: 'm1',
      title: 'Test map',
      description: '',
      visibility: 'private',
      ownerId: 'u1',
      ownerName: 'Ada',
      isLocked: false,
      isAnonymous: false,
      isBlindVoting: false,
      resultsRevealed: false,
      lastSeq: 1,
      createdAt: AT,
      updatedAt: AT,
    },
    role: 'owner',
    isMember: true,
    claims: parts.claims ?? [],
    links: parts.links ?? [],
    sources: [
      { id: 's1', title: 'A source', author: null, publisher: null, url: null, publishedAt: null, textLength: 100, evidenceCount: 1 },
    ],
    evidence: parts.evidence ?? [],
    strengthMeta: { converged: true, hasCycles: false },
  };
}

/** A claim as a claim.created event carries it (author u2, Ben), for reducer tests. */
export function claimPayload(id: string, text = `Claim ${id}`, title: string | null = null, at = new Date('2026-01-02T00:00:00Z')) {
  return { id, title, text, x: null, y: null, version: 1, authorId: 'u2', authorName: 'Ben', createdAt: at, updatedAt: at };
}
