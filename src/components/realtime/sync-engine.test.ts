import { describe, expect, it, vi } from 'vitest';
import type { MapView } from '@/server/domain/maps/get-map';
import type { MapEventView, MapStreamItem } from '@/shared/events';
import { applyEvent } from './apply-event';
import { MapSyncEngine } from './sync-engine';

const at = new Date('2025-01-01T10:00:00Z');

function ev(seq: number, text = `c${seq}`): MapEventView {
  return {
    seq,
    type: 'claim.created',
    payload: {
      claim: { id: `c${seq}`, text, x: null, y: null, version: 1, authorId: null, authorName: null, createdAt: at, updatedAt: at },
      link: null,
    },
    actorId: null,
    actorName: null,
    clientMutationId: null,
    createdAt: at,
    isOwn: false,
  };
}
const item = (event: MapEventView): MapStreamItem => ({ kind: 'event', v: 1, ...event });

function harness(startSeq = 0, log: MapEventView[] = []) {
  let map = {
    map: { lastSeq: startSeq, isBlindVoting: false, resultsRevealed: false },
    role: 'editor',
    claims: [],
    links: [],
    evidence: [],
    sources: [],
  } as unknown as MapView;
  const applied: number[] = [];
  const invalidate = vi.fn();
  const engine = new MapSyncEngine(
    {
      readMap: () => map,
      applyEvent: (event) => {
        map = applyEvent(map, event);
      },
      invalidateMap: invalidate,
      fetchEvents: async (afterSeq, limit) => log.filter((event) => event.seq > afterSeq).slice(0, limit),
      onApplied: (event) => applied.push(event.seq),
    },
    startSeq,
    startSeq,
  );
  return {
    engine,
    applied,
    invalidate,
    setMap: (next: MapView) => {
      map = next;
    },
    get map() {
      return map;
    },
  };
}

describe('MapSyncEngine', () => {
  it('applies in order, ignores duplicates and fills a gap from the log', async () => {
    const log = [1, 2, 3, 4, 5].map((seq) => ev(seq));
    const h = harness(0, log);
    h.engine.receive(item(log[0]!));
    h.engine.receive(item(log[0]!));
    h.engine.receive(item(log[4]!)); // 2..4 missing
    await vi.waitFor(() => expect(h.applied).toEqual([1, 2, 3, 4, 5]));
    expect(h.map.claims.map((claim) => claim.id)).toEqual(['c1', 'c2', 'c3', 'c4', 'c5']);
    h.engine.receive(item(log[2]!));
    expect(h.applied).toEqual([1, 2, 3, 4, 5]);
  });

  it('refetches the map on resync and on events that change what the viewer may see', () => {
    const h = harness(0);
    h.engine.receive({ kind: 'resync', v: 1, seq: 900, reason: 'too-far-behind' });
    expect(h.invalidate).toHaveBeenCalledWith({ immediate: true });
    expect(h.engine.appliedSeq).toBe(900);
    h.invalidate.mockClear();
    h.engine.receive({ kind: 'event', v: 1, ...ev(901), type: 'map.updated', payload: { title: 'Renamed' } });
    expect(h.invalidate).not.toHaveBeenCalled();
    h.engine.receive({ kind: 'event', v: 1, ...ev(902), type: 'map.updated', payload: { isAnonymous: true } });
    expect(h.invalidate).toHaveBeenLastCalledWith({ immediate: false });
  });

  it('refetches instead of guessing on another protocol version or an unknown event type', () => {
    const h = harness(0);
    h.engine.receive({ ...item(ev(1)), v: 2 });
    expect(h.invalidate).toHaveBeenCalledWith({ immediate: true });
    expect(h.applied).toEqual([]);
    expect(h.engine.appliedSeq).toBe(1);
    h.invalidate.mockClear();
    h.engine.receive({ ...item(ev(2)), type: 'claim.teleported' } as unknown as MapStreamItem);
    expect(h.invalidate).toHaveBeenCalledWith({ immediate: true });
    expect(h.engine.appliedSeq).toBe(2);
  });

  it('replays what the stream showed over a refetched map that is older', () => {
    const h = harness(0);
    for (const seq of [1, 2, 3]) h.engine.receive(item(ev(seq)));
    // A refetch answered with the state at seq 1 only.
    const stale = { ...h.map, map: { ...h.map.map, lastSeq: 1 }, claims: h.map.claims.slice(0, 1) };
    h.setMap(stale);
    h.engine.onFetchedMap(stale);
    expect(h.map.claims.map((claim) => claim.id)).toEqual(['c1', 'c2', 'c3']);
  });
});
