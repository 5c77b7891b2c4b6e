import { describe, expect, it } from 'vitest';
import { shareMapView } from './map-cache';
import { claim, link, mapView } from './test-map';

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
