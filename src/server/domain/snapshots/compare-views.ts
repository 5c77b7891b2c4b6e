import type { MapView } from '@/server/domain/maps/get-map';
import type { TRelation } from '@/shared/schemas/claim';

export interface ClaimChange {
  id: string;
  text: string;
}

export interface ClaimEdit {
  id: string;
  before: string;
  after: string;
}

export interface LinkChange {
  id: string;
  fromText: string;
  toText: string;
  relation: TRelation;
}

export interface VoteShift {
  claimId: string;
  text: string;
  meanBefore: number | null;
  meanAfter: number | null;
  countBefore: number;
  countAfter: number;
}

export interface MapComparison {
  claimsAdded: ClaimChange[];
  claimsRemoved: ClaimChange[];
  claimsEdited: ClaimEdit[];
  linksAdded: LinkChange[];
  linksRemoved: LinkChange[];
  /** A link that changed between supporting and opposing: listed with its new relation. */
  linksChanged: LinkChange[];
  /** Claims whose visible vote count or mean moved (claims present in both views). */
  voteShifts: VoteShift[];
}

/** What changed from one view of a map to a later one (pure). */
export function compareViews(from: MapView, to: MapView): MapComparison {
  const fromClaims = new Map(from.claims.map((claim) => [claim.id, claim]));
  const toClaims = new Map(to.claims.map((claim) => [claim.id, claim]));
  const textIn = (view: MapView, id: string | null) =>
    (id && (view.claims.find((claim) => claim.id === id)?.text ?? view.evidence.find((item) => item.id === id)?.exact)) || '';
  const linkChange = (view: MapView, link: MapView['links'][number]): LinkChange => ({
    id: link.id,
    fromText: textIn(view, link.fromClaimId ?? link.fromEvidenceId),
    toText: textIn(view, link.toClaimId),
    relation: link.relation,
  });
  const fromLinks = new Map(from.links.map((link) => [link.id, link]));
  const toLinks = new Map(to.links.map((link) => [link.id, link]));

  const voteShifts: VoteShift[] = [];
  for (const claim of to.claims) {
    const before = fromClaims.get(claim.id);
    if (!before) continue;
    const countBefore = before.votes?.count ?? 0;
    const countAfter = claim.votes?.count ?? 0;
    const meanBefore = before.votes?.mean ?? null;
    const meanAfter = claim.votes?.mean ?? null;
    if (countBefore !== countAfter || meanBefore !== meanAfter) {
      voteShifts.push({ claimId: claim.id, text: claim.text, meanBefore, meanAfter, countBefore, countAfter });
    }
  }
  return {
    claimsAdded: to.claims.filter((claim) => !fromClaims.has(claim.id)).map(({ id, text }) => ({ id, text })),
    claimsRemoved: from.claims.filter((claim) => !toClaims.has(claim.id)).map(({ id, text }) => ({ id, text })),
    claimsEdited: to.claims.flatMap((claim) => {
      const before = fromClaims.get(claim.id);
      return before && before.text !== claim.text ? [{ id: claim.id, before: before.text, after: claim.text }] : [];
    }),
    linksAdded: to.links.filter((link) => !fromLinks.has(link.id)).map((link) => linkChange(to, link)),
    linksRemoved: from.links.filter((link) => !toLinks.has(link.id)).map((link) => linkChange(from, link)),
    linksChanged: to.links
      .filter((link) => fromLinks.has(link.id) && fromLinks.get(link.id)!.relation !== link.relation)
      .map((link) => linkChange(to, link)),
    voteShifts,
  };
}
