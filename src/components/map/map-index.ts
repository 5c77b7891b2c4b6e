import type { ClaimView, EvidenceView, LinkView, MapView, SourceSummaryView } from '@/server/domain/maps/get-map';
import { excerpt as sharedExcerpt } from '@/shared/truncate';

/** Lookups over one MapView, built once per version of the cached map (see `indexMap`). */
export interface MapIndex {
  claimById: Map<string, ClaimView>;
  evidenceById: Map<string, EvidenceView>;
  sourceById: Map<string, SourceSummaryView>;
  linkById: Map<string, LinkView>;
  /** Links arriving at a claim: its supporters and opposers (claims and evidence), in creation order. */
  incoming: Map<string, LinkView[]>;
  /** Links leaving a claim or passage: what it supports or opposes. */
  outgoing: Map<string, LinkView[]>;
}

export const linkFromId = (link: LinkView): string => (link.fromClaimId ?? link.fromEvidenceId)!;

const cache = new WeakMap<MapView, MapIndex>();

/** Memoised per MapView object: every cache update produces a new object, so this never goes stale. */
export function indexMap(map: MapView): MapIndex {
  const cached = cache.get(map);
  if (cached) return cached;
  const index: MapIndex = {
    claimById: new Map(map.claims.map((claim) => [claim.id, claim])),
    evidenceById: new Map(map.evidence.map((item) => [item.id, item])),
    sourceById: new Map(map.sources.map((source) => [source.id, source])),
    linkById: new Map(map.links.map((link) => [link.id, link])),
    incoming: new Map(),
    outgoing: new Map(),
  };
  for (const link of map.links) {
    push(index.incoming, link.toClaimId, link);
    push(index.outgoing, linkFromId(link), link);
  }
  cache.set(map, index);
  return index;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Claims that support or oppose nothing: the theses the map argues about. */
export function rootClaims(map: MapView): ClaimView[] {
  const index = indexMap(map);
  return map.claims.filter((claim) => !(index.outgoing.get(claim.id) ?? []).some((link) => index.claimById.has(link.toClaimId)));
}

const excerpts = new Map<string, string>();

/**
 * `excerpt` from src/shared/truncate, remembered per text: the graph labels every node and edge on
 * each change, and the regex pass over 4,000 texts was the largest single cost of a re-render on a
 * 2,000-claim map.
 */
export function excerpt(text: string, max = 80): string {
  const key = `${max}\u0000${text}`;
  const known = excerpts.get(key);
  if (known !== undefined) return known;
  const result = sharedExcerpt(text, max);
  if (excerpts.size > 50_000) excerpts.clear();
  excerpts.set(key, result);
  return result;
}
