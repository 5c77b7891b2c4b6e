import { describe, expect, it } from 'vitest';
import {
  applyMoves,
  patchClaim,
  pendingClaimId,
  removeClaim,
  removeLink,
  shareMapView,
  toClaimView,
  upsertClaim,
  upsertLinks,
} from './map-cache';
import { claim, link, mapView } from './test-map';

describe('cache updates', () => {
  it('upserts claims and links by id, so applying a change twice changes nothing more', () => {
    const base = mapView({ claims: [claim('a')] });
    const once = upsertLinks(upsertClaim(base, claim('b')), [link('b', 'a')]);
    const twice = upsertLinks(upsertClaim(once, claim('b')), [link('b', 'a')]);
    expect(twice.claims.map((item) => item.id)).toEqual(['a', 'b']);
    expect(twice.links).toHaveLength(1);
  });

  it('skips links whose ends are not in the map', () => {
    expect(upsertLinks(mapView({ claims: [claim('a')] }), [link('x', 'a')]).links).toEqual([]);
  });

  it('removes a claim with the links touching it, and removing again is a no-op', () => {
    const map = mapView({ claims: [claim('a'), claim('b'), claim('c')], links: [link('b', 'a'), link('c', 'b')] });
    const removed = removeClaim(map, 'b');
    expect(removed.claims.map((item) => item.id)).toEqual(['a', 'c']);
    expect(removed.links).toEqual([]);
    expect(removeClaim(removed, 'b')).toBe(removed);
    expect(removeLink(removed, 'nope')).toBe(removed);
  });

  it('moves claims and evidence, keeping unmoved objects', () => {
    const map = mapView({ claims: [claim('a'), claim('b', 'B', { x: 1, y: 2 })] });
    const moved = applyMoves(map, [{ id: 'a', kind: 'claim', x: 10, y: 20 }]);
    expect(moved.claims[0]).toMatchObject({ x: 10, y: 20 });
    expect(moved.claims[1]).toBe(map.claims[1]);
  });

  it('patches one claim', () => {
    const map = mapView({ claims: [claim('a')] });
    expect(patchClaim(map, 'a', { text: 'New', version: 2 }).claims[0]).toMatchObject({ text: 'New', version: 2 });
    expect(patchClaim(map, 'zz', { text: 'x' })).toBe(map);
  });

  it('hides authors of an anonymous map from non-owners and votes under blind voting', () => {
    const map = mapView();
    const anonymous = { ...map, role: 'editor' as const, map: { ...map.map, isAnonymous: true, isBlindVoting: true } };
    const view = toClaimView(anonymous, { ...claim(pendingClaimId('x')), authorName: 'Ada' });
    expect(view.authorName).toBeNull();
    expect(view.votes).toBeNull();
    expect(toClaimView(map, claim('a')).votes).toEqual({ count: 0, mean: null, histogram: [0, 0, 0, 0, 0] });
  });
});

describe('shareMapView', () => {
  it('keeps every unchanged claim (dates compared by value) and the lists when nothing changed', () => {
    const before = mapView({ claims: [claim('a'), claim('b')], links: [link('b', 'a')] });
    const refetched = structuredClone(before);
    expect(shareMapView(before, refetched)).toBe(before);
  });

  it('replaces only what changed', () => {
    const before = mapView({ claims: [claim('a'), claim('b')], links: [link('b', 'a')] });
    const refetched = structuredClone(before);
    refetched.claims[1] = { ...refetched.claims[1]!, text: 'Changed' };
    const shared = shareMapView(before, refetched) as typeof before;
    expect(shared).not.toBe(before);
    expect(shared.claims[0]).toBe(before.claims[0]);
    expect(shared.claims[1]?.text).toBe('Changed');
    expect(shared.links).toBe(before.links);
  });
});
