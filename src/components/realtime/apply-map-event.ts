/**
 * Applies one streamed event to a cached `map.get` result. Pure and idempotent (upsert or remove
 * by id; text changes only move forward in version), so replaying a suffix of the log in order
 * onto a map that already contains some of it ends in the same state as the server's.
 */
import type { ClaimView, EvidenceView, LinkView, MapView } from '@/server/domain/maps/get-map';
import type { JsonValue, MapEventView } from '@/server/sync/event-types';
import type { MapEventType } from '@/shared/events';

/** Event types applied to the cache in place; every other type makes the client refetch `map.get`. */
export const INCREMENTAL_EVENT_TYPES: ReadonlySet<MapEventType> = new Set<MapEventType>([
  'map.created',
  'claim.created',
  'claim.updated',
  'claim.moved',
  'claim.deleted',
  'claim.restored',
  'link.created',
  'link.updated',
  'link.deleted',
]);

/** The id of the optimistic claim the editor shows while `claim.create` with this mutation id is in flight. */
export const pendingClaimIdOf = (clientMutationId: string) => `pending-${clientMutationId}`;

type JsonObject = { [key: string]: JsonValue };

function asObject(value: JsonValue | undefined): JsonObject | null {
  return value && typeof value === 'object' && !Array.isArray(value) ? value : null;
}

const str = (value: JsonValue | undefined): string | null => (typeof value === 'string' ? value : null);
const num = (value: JsonValue | undefined): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

function toDate(value: JsonValue | undefined, fallback: Date): Date {
  const text = str(value);
  if (!text) return fallback;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? fallback : date;
}

function canSeeVotes(map: MapView): boolean {
  return !map.map.isBlindVoting || map.map.resultsRevealed || map.role === 'owner';
}

/** A claim from an event payload, as map.get would show it, keeping what the cache knows beyond the payload. */
function claimFrom(map: MapView, raw: JsonObject, at: Date, existing: ClaimView | undefined): ClaimView | null {
  const id = str(raw.id);
  const text = str(raw.text);
  if (!id || text === null) return null;
  const version = num(raw.version) ?? 1;
  if (existing && existing.version > version) return existing;
  const base = {
    id,
    text,
    x: num(raw.x),
    y: num(raw.y),
    version,
    authorId: str(raw.authorId),
    authorName: str(raw.authorName),
    createdAt: toDate(raw.createdAt, at),
    updatedAt: toDate(raw.updatedAt, at),
    votes: existing ? existing.votes : canSeeVotes(map) ? { count: 0, mean: null, histogram: [0, 0, 0, 0, 0] } : null,
    myVote: existing?.myVote ?? null,
  };
  if (existing && sameFields(existing, base)) return existing;
  // Fields map.get adds beyond the event (a computed strength, say) are kept from the cache, or
  // given a neutral value for a new claim until the next refetch.
  return { strength: 0.5, ...existing, ...base } as ClaimView;
}

function sameFields(existing: ClaimView, fields: Record<string, unknown>): boolean {
  return Object.entries(fields).every(([key, value]) => {
    const current = (existing as unknown as Record<string, unknown>)[key];
    if (current instanceof Date && value instanceof Date) return current.getTime() === value.getTime();
    return current === value;
  });
}

function linkFrom(raw: JsonValue | undefined): LinkView | null {
  const link = asObject(raw);
  if (!link) return null;
  const id = str(link.id);
  const toClaimId = str(link.toClaimId);
  const relation = str(link.relation);
  if (!id || !toClaimId || (relation !== 'support' && relation !== 'oppose')) return null;
  return { id, fromClaimId: str(link.fromClaimId), fromEvidenceId: str(link.fromEvidenceId), toClaimId, relation };
}

function upsertClaim(map: MapView, claim: ClaimView): MapView {
  const at = map.claims.findIndex((item) => item.id === claim.id);
  if (at === -1) return { ...map, claims: [...map.claims, claim] };
  if (map.claims[at] === claim) return map;
  const claims = map.claims.slice();
  claims[at] = claim;
  return { ...map, claims };
}

function removeClaim(map: MapView, claimId: string): MapView {
  const claims = map.claims.filter((claim) => claim.id !== claimId);
  const links = map.links.filter((link) => link.fromClaimId !== claimId && link.toClaimId !== claimId);
  if (claims.length === map.claims.length && links.length === map.links.length) return map;
  return { ...map, claims, links };
}

/** Adds or replaces links; a link whose ends are not on the map (deleted, not arrived) stays hidden as map.get hides it. */
function upsertLinks(map: MapView, links: LinkView[]): MapView {
  if (!links.length) return map;
  const claimIds = new Set(map.claims.map((claim) => claim.id));
  const evidenceIds = new Set(map.evidence.map((item) => item.id));
  const next = map.links.slice();
  let isChanged = false;
  for (const link of links) {
    const hasFrom = link.fromClaimId ? claimIds.has(link.fromClaimId) : evidenceIds.has(link.fromEvidenceId ?? '');
    if (!hasFrom || !claimIds.has(link.toClaimId)) continue;
    const at = next.findIndex((item) => item.id === link.id);
    if (at === -1) next.push(link);
    else next[at] = link;
    isChanged = true;
  }
  return isChanged ? { ...map, links: next } : map;
}

function applyMoves(map: MapView, moves: JsonValue | undefined): MapView {
  if (!Array.isArray(moves)) return map;
  const claimMoves = new Map<string, { x: number; y: number }>();
  const evidenceMoves = new Map<string, { x: number; y: number }>();
  for (const entry of moves) {
    const move = asObject(entry);
    const id = str(move?.id);
    const x = num(move?.x);
    const y = num(move?.y);
    if (!move || !id || x === null || y === null) continue;
    (move.kind === 'evidence' ? evidenceMoves : claimMoves).set(id, { x, y });
  }
  const moveAll = <T extends ClaimView | EvidenceView>(items: T[], byId: Map<string, { x: number; y: number }>): T[] => {
    if (!byId.size) return items;
    let isChanged = false;
    const next = items.map((item) => {
      const to = byId.get(item.id);
      if (!to || (to.x === item.x && to.y === item.y)) return item;
      isChanged = true;
      return { ...item, x: to.x, y: to.y };
    });
    return isChanged ? next : items;
  };
  const claims = moveAll(map.claims, claimMoves);
  const evidence = moveAll(map.evidence, evidenceMoves);
  return claims === map.claims && evidence === map.evidence ? map : { ...map, claims, evidence };
}

/** The cache after `event`; the same object when the event changes nothing (so nothing re-renders). */
export function applyMapEvent(map: MapView, event: MapEventView): MapView {
  const payload = asObject(event.payload) ?? {};
  const at = event.createdAt instanceof Date ? event.createdAt : new Date(event.createdAt);
  let next = map;
  switch (event.type) {
    case 'claim.created':
    case 'claim.restored': {
      if (event.clientMutationId) next = removeClaim(next, pendingClaimIdOf(event.clientMutationId));
      const raw = asObject(payload.claim);
      const existing = raw ? next.claims.find((claim) => claim.id === raw.id) : undefined;
      const claim = raw ? claimFrom(next, raw, at, existing) : null;
      if (claim) next = upsertClaim(next, claim);
      const links = event.type === 'claim.created' ? [payload.link] : Array.isArray(payload.links) ? payload.links : [];
      next = upsertLinks(next, links.map(linkFrom).filter((link): link is LinkView => link !== null));
      break;
    }
    case 'claim.updated': {
      const claimId = str(payload.claimId);
      const text = str(payload.text);
      const version = num(payload.version);
      const current = next.claims.find((claim) => claim.id === claimId);
      if (current && text !== null && version !== null && version > current.version) {
        next = upsertClaim(next, { ...current, text, version, updatedAt: at });
      }
      break;
    }
    case 'claim.moved':
      next = applyMoves(next, payload.moves);
      break;
    case 'claim.deleted': {
      const claimId = str(payload.claimId);
      if (claimId) next = removeClaim(next, claimId);
      break;
    }
    case 'link.created': {
      const link = linkFrom(payload.link);
      if (link) next = upsertLinks(next, [link]);
      break;
    }
    case 'link.updated': {
      const linkId = str(payload.linkId);
      const relation = str(payload.relation);
      const index = next.links.findIndex((link) => link.id === linkId);
      const current = next.links[index];
      if (current && (relation === 'support' || relation === 'oppose') && current.relation !== relation) {
        const links = next.links.slice();
        links[index] = { ...current, relation };
        next = { ...next, links };
      }
      break;
    }
    case 'link.deleted': {
      const linkId = str(payload.linkId);
      if (linkId && next.links.some((link) => link.id === linkId)) next = { ...next, links: next.links.filter((link) => link.id !== linkId) };
      break;
    }
    default:
      break;
  }
  if (event.seq > next.map.lastSeq) next = { ...next, map: { ...next.map, lastSeq: event.seq } };
  return next;
}

/** Ids of the nodes and links an event created or changed (for the editor's brief highlight). */
export function touchedIds(event: MapEventView): string[] {
  const payload = asObject(event.payload) ?? {};
  switch (event.type) {
    case 'claim.created':
    case 'claim.restored': {
      const ids = [str(asObject(payload.claim)?.id)];
      if (event.type === 'claim.created') ids.push(str(asObject(payload.link)?.id));
      else if (Array.isArray(payload.links)) for (const link of payload.links) ids.push(str(asObject(link)?.id));
      return ids.filter((id): id is string => id !== null);
    }
    case 'claim.updated':
      return [str(payload.claimId)].filter((id): id is string => id !== null);
    case 'claim.moved':
      return Array.isArray(payload.moves) ? payload.moves.map((move) => str(asObject(move)?.id)).filter((id): id is string => id !== null) : [];
    case 'link.created':
      return [str(asObject(payload.link)?.id)].filter((id): id is string => id !== null);
    case 'link.updated':
      return [str(payload.linkId)].filter((id): id is string => id !== null);
    case 'vote.changed':
      return [str(payload.targetId)].filter((id): id is string => id !== null);
    default: {
      // Evidence and sources carry their object under a key named after it.
      const inner = asObject(payload.evidence) ?? asObject(payload.source);
      const id = str(inner?.id) ?? str(payload.evidenceId);
      return id ? [id] : [];
    }
  }
}
