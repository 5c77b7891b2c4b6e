import { describe, expect, it } from 'vitest';
import type { MapView } from '@/server/domain/maps/get-map';
import type { JsonValue, MapEventView } from '@/server/sync/event-types';
import type { MapEventType } from '@/shared/events';
import { applyMapEvent, touchedIds } from './apply-map-event';

const at = new Date('2025-01-01T10:00:00Z');

function emptyMap(overrides: Partial<MapView['map']> = {}): MapView {
  return {
    map: {
      id: 'm1', title: 'T', description: '', visibility: 'private', ownerId: 'o', ownerName: 'O', isLocked: false,
      isAnonymous: false, isBlindVoting: false, resultsRevealed: false, lastSeq: 1, createdAt: at, updatedAt: at, ...overrides,
    },
    role: 'editor',
    isMember: true,
    claims: [],
    links: [],
    sources: [],
    evidence: [],
  } as unknown as MapView;
}

let seq = 1;
function event(type: MapEventType, payload: JsonValue, extra: Partial<MapEventView> = {}): MapEventView {
  seq += 1;
  return { seq, type, payload, actorId: 'u2', actorName: 'Ben', clientMutationId: null, createdAt: at, isOwn: false, ...extra };
}

const claim = (id: string, text = id, version = 1) => ({
  id, text, x: null, y: null, version, authorId: 'u2', authorName: 'Ben', createdAt: at.toISOString(), updatedAt: at.toISOString(),
});

describe('applyMapEvent', () => {
  it('creates, edits, moves, deletes and restores claims with their links', () => {
    let map = emptyMap();
    map = applyMapEvent(map, event('claim.created', { claim: claim('a'), link: null }));
    map = applyMapEvent(map, event('claim.created', { claim: claim('b'), link: { id: 'l1', fromClaimId: 'b', fromEvidenceId: null, toClaimId: 'a', relation: 'support' } }));
    expect(map.claims.map((item) => item.id)).toEqual(['a', 'b']);
    expect(map.claims[0]!.createdAt).toBeInstanceOf(Date);
    expect(map.claims[0]!.votes).toEqual({ count: 0, mean: null, histogram: [0, 0, 0, 0, 0] });
    expect(map.links).toHaveLength(1);

    map = applyMapEvent(map, event('claim.updated', { claimId: 'a', text: 'A2', version: 2 }));
    map = applyMapEvent(map, event('claim.updated', { claimId: 'a', text: 'stale', version: 2 }));
    expect(map.claims[0]).toMatchObject({ text: 'A2', version: 2 });

    map = applyMapEvent(map, event('claim.moved', { moves: [{ id: 'b', kind: 'claim', x: 5, y: 6 }] }));
    expect(map.claims[1]).toMatchObject({ x: 5, y: 6 });

    map = applyMapEvent(map, event('link.updated', { linkId: 'l1', relation: 'oppose' }));
    expect(map.links[0]!.relation).toBe('oppose');

    map = applyMapEvent(map, event('claim.deleted', { claimId: 'a', linkIds: ['l1'] }));
    expect(map.claims.map((item) => item.id)).toEqual(['b']);
    expect(map.links).toHaveLength(0);

    map = applyMapEvent(map, event('claim.restored', { claim: claim('a', 'A2', 2), links: [{ id: 'l1', fromClaimId: 'b', fromEvidenceId: null, toClaimId: 'a', relation: 'oppose' }] }));
    expect(map.claims.map((item) => item.id).sort()).toEqual(['a', 'b']);
    expect(map.links).toHaveLength(1);
    expect(map.map.lastSeq).toBe(seq);
  });

  it('is idempotent: applying an event twice changes nothing the second time', () => {
    const created = event('claim.created', { claim: claim('x'), link: null });
    const once = applyMapEvent(emptyMap(), created);
    expect(applyMapEvent(once, created)).toBe(once);
    const deleted = event('claim.deleted', { claimId: 'x', linkIds: [] });
    const gone = applyMapEvent(once, deleted);
    expect(applyMapEvent(gone, deleted)).toBe(gone);
  });

  it('drops the optimistic claim of the same client mutation and hides results under blind voting', () => {
    const map = emptyMap({ isBlindVoting: true });
    const withPending = { ...map, claims: [{ ...(applyMapEvent(map, event('claim.created', { claim: claim('pending-m1'), link: null })).claims[0]!) }] };
    const next = applyMapEvent(withPending, event('claim.created', { claim: claim('real'), link: null }, { clientMutationId: 'm1' }));
    expect(next.claims.map((item) => item.id)).toEqual(['real']);
    expect(next.claims[0]!.votes).toBeNull();
  });

  it('skips links whose ends are not on the map, as map.get does', () => {
    const map = applyMapEvent(emptyMap(), event('link.created', { link: { id: 'l9', fromClaimId: 'p', fromEvidenceId: null, toClaimId: 'q', relation: 'support' } }));
    expect(map.links).toHaveLength(0);
  });

  it('names what an event touched, for highlighting', () => {
    expect(touchedIds(event('claim.moved', { moves: [{ id: 'a', kind: 'claim', x: 1, y: 1 }, { id: 'e', kind: 'evidence', x: 1, y: 1 }] }))).toEqual(['a', 'e']);
    expect(touchedIds(event('claim.created', { claim: claim('n'), link: { id: 'l', fromClaimId: 'n', fromEvidenceId: null, toClaimId: 'a', relation: 'support' } }))).toEqual(['n', 'l']);
  });
});
