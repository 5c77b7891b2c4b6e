/**
 * Idempotent updates of the cached `map.get` result. Every function returns a new MapView (or the
 * same one when nothing changes) and upserts by id, so applying one change twice — once from our
 * own mutation and once from its event arriving over the real-time stream — is harmless.
 */
import type { ClaimView, EvidenceView, LinkView, MapView } from '@/server/domain/maps/get-map';
import type { VoteSummary } from '@/server/domain/votes/summarize-votes';

/** What the claim procedures return for a claim (no vote fields). */
export interface ClaimPayload {
  id: string;
  title?: string | null;
  text: string;
  x: number | null;
  y: number | null;
  version: number;
  authorId: string | null;
  authorName: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface NodeMove {
  id: string;
  kind: 'claim' | 'evidence';
  x: number;
  y: number;
}

/**
 * The id of the optimistic claim shown while `claim.create` with this clientMutationId is in
 * flight. Whoever applies the `claim.created` event carrying that clientMutationId should drop it
 * (`removeClaim(map, pendingClaimId(cmid))`), exactly as the mutation's own success handler does.
 */
export const pendingClaimId = (clientMutationId: string) => `pending-${clientMutationId}`;
export const isPendingId = (id: string) => id.startsWith('pending-');

function emptyVotes(): VoteSummary {
  return { count: 0, mean: null, histogram: [0, 0, 0, 0, 0] };
}

/** A claim as map.get would show it to this caller (anonymous maps hide authors from non-owners). */
export function toClaimView(map: MapView, payload: ClaimPayload, existing?: ClaimView): ClaimView {
  const hideIdentities = map.map.isAnonymous && map.role !== 'owner';
  const canSeeVotes = !map.map.isBlindVoting || map.map.resultsRevealed || map.role === 'owner';
  return {
    id: payload.id,
    title: payload.title ?? existing?.title ?? null,
    text: payload.text,
    x: payload.x,
    y: payload.y,
    version: payload.version,
    authorId: hideIdentities ? null : payload.authorId,
    authorName: hideIdentities ? null : payload.authorName,
    createdAt: payload.createdAt,
    updatedAt: payload.updatedAt,
    votes: existing ? existing.votes : canSeeVotes ? emptyVotes() : null,
    myVote: existing?.myVote ?? null,
    // A new claim has no votes and no arguments yet: neutral until map.get computes it.
    strength: existing?.strength ?? 0.5,
  };
}

export function upsertClaim(map: MapView, claim: ClaimView): MapView {
  const at = map.claims.findIndex((item) => item.id === claim.id);
  if (at === -1) return { ...map, claims: [...map.claims, claim] };
  const claims = map.claims.slice();
  claims[at] = claim;
  return { ...map, claims };
}

export function patchClaim(map: MapView, id: string, patch: Partial<Omit<ClaimView, 'id'>>): MapView {
  const at = map.claims.findIndex((item) => item.id === id);
  const current = map.claims[at];
  if (!current) return map;
  const claims = map.claims.slice();
  claims[at] = { ...current, ...patch };
  return { ...map, claims };
}

/** Removes a claim and hides the links touching it (the server keeps them for a restore). */
export function removeClaim(map: MapView, id: string): MapView {
  if (!map.claims.some((claim) => claim.id === id)) return map;
  return {
    ...map,
    claims: map.claims.filter((claim) => claim.id !== id),
    links: map.links.filter((link) => link.fromClaimId !== id && link.toClaimId !== id),
  };
}

/** Adds or replaces links by id, skipping any whose ends are not in the map (yet). */
export function upsertLinks(map: MapView, links: LinkView[]): MapView {
  if (links.length === 0) return map;
  const claimIds = new Set(map.claims.map((claim) => claim.id));
  const evidenceIds = new Set(map.evidence.map((item) => item.id));
  const byId = new Map(map.links.map((link) => [link.id, link]));
  for (const link of links) {
    const fromOk = link.fromClaimId ? claimIds.has(link.fromClaimId) : evidenceIds.has(link.fromEvidenceId ?? '');
    if (!fromOk || !claimIds.has(link.toClaimId)) continue;
    byId.set(link.id, link);
  }
  return { ...map, links: [...byId.values()] };
}

export function patchLink(map: MapView, id: string, patch: Partial<Omit<LinkView, 'id'>>): MapView {
  const at = map.links.findIndex((link) => link.id === id);
  const current = map.links[at];
  if (!current) return map;
  const links = map.links.slice();
  links[at] = { ...current, ...patch };
  return { ...map, links };
}

export function removeLink(map: MapView, id: string): MapView {
  if (!map.links.some((link) => link.id === id)) return map;
  return { ...map, links: map.links.filter((link) => link.id !== id) };
}

export function applyMoves(map: MapView, moves: NodeMove[]): MapView {
  if (moves.length === 0) return map;
  const claimMoves = new Map(moves.filter((move) => move.kind === 'claim').map((move) => [move.id, move]));
  const evidenceMoves = new Map(moves.filter((move) => move.kind === 'evidence').map((move) => [move.id, move]));
  const move = <T extends ClaimView | EvidenceView>(items: T[], byId: Map<string, NodeMove>): T[] =>
    byId.size === 0
      ? items
      : items.map((item) => {
          const to = byId.get(item.id);
          return to && (to.x !== item.x || to.y !== item.y) ? { ...item, x: to.x, y: to.y } : item;
        });
  return { ...map, claims: move(map.claims, claimMoves), evidence: move(map.evidence, evidenceMoves) };
}

// ——— Structural sharing ———————————————————————————————————————————————————————————————

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keysA = Object.keys(a);
    const keysB = Object.keys(b);
    return (
      keysA.length === keysB.length &&
      keysA.every((key) => sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))
    );
  }
  return false;
}

function shareList<T extends { id: string }>(previous: T[], next: T[]): T[] {
  const before = new Map(previous.map((item) => [item.id, item]));
  let isSame = previous.length === next.length;
  const shared = next.map((item, i) => {
    const old = before.get(item.id);
    const kept = old && sameValue(old, item) ? old : item;
    if (kept !== previous[i]) isSame = false;
    return kept;
  });
  return isSame ? previous : shared;
}

/**
 * TanStack Query's default structural sharing treats Date fields as always changed, so a refetch
 * would give every claim a new identity and re-render every node of a 2,000-claim map. This keeps
 * each unchanged claim, link, source and passage (and the lists themselves) identical.
 */
export function shareMapView(previous: unknown, next: unknown): unknown {
  if (!isMapView(previous) || !isMapView(next)) return next;
  const lists = new Set(['claims', 'links', 'sources', 'evidence']);
  const before = previous as unknown as Record<string, unknown>;
  const result: Record<string, unknown> = {};
  let isUnchanged = Object.keys(before).length === Object.keys(next).length;
  for (const [key, value] of Object.entries(next)) {
    const old = before[key];
    const kept = lists.has(key) && Array.isArray(old) && Array.isArray(value)
      ? shareList(old as { id: string }[], value as { id: string }[])
      : sameValue(old, value)
        ? old
        : value;
    if (kept !== old) isUnchanged = false;
    result[key] = kept;
  }
  return isUnchanged ? previous : result;
}

function isMapView(value: unknown): value is MapView {
  return Boolean(value && typeof value === 'object' && 'claims' in value && 'links' in value && 'map' in value);
}
