import { describe, expect, it } from 'vitest';
import { claim, claimPayload, link, mapView } from '@/components/map/test-map';
import type { MapView } from '@/server/domain/maps/get-map';
import type { MapEventBody } from '@/shared/events';
import { applyEvent, needsRefetch, pendingClaimId, type AppliedEvent } from './apply-event';
import { MapViewStore, runPredicted } from './map-view-store';

const at = new Date('2026-01-02T00:00:00Z');
let nextSeq = 2;

function confirmed(body: MapEventBody, extra: Partial<AppliedEvent> = {}): AppliedEvent {
  return { ...body, seq: nextSeq++, isOwn: false, clientMutationId: null, createdAt: at, ...extra } as AppliedEvent;
}

const payloadOf = (id: string, text = `Claim ${id}`, title: string | null = null) => claimPayload(id, text, title, at);

describe('applyEvent', () => {
  it('is idempotent: applying a confirmed event twice changes nothing', () => {
    const base = mapView({ claims: [claim('a')] });
    const event = confirmed({ type: 'claim.created', payload: { claim: payloadOf('b'), link: { ...link('b', 'a'), id: 'l1' } } });
    const once = applyEvent(base, event);
    expect(once.claims.map((item) => item.id)).toEqual(['a', 'b']);
    expect(once.links).toHaveLength(1);
    expect(once.map.lastSeq).toBe(event.seq);
    expect(applyEvent(once, event)).toBe(once);
  });

  it('keeps a restored claim’s title (another client restored it)', () => {
    const base = mapView({ claims: [claim('a')] });
    const restored = applyEvent(
      base,
      confirmed({ type: 'claim.restored', payload: { claim: payloadOf('t', 'Long text', 'Short title'), links: [] } }),
    );
    expect(restored.claims.find((item) => item.id === 't')?.title).toBe('Short title');
  });

  it('text moves only forward in version', () => {
    const base = mapView({ claims: [{ ...claim('a'), version: 3, text: 'v3' }] });
    const stale = applyEvent(
      base,
      confirmed({ type: 'claim.updated', payload: { claimId: 'a', text: 'v2', version: 2, previousText: null } }),
    );
    expect(stale.claims[0]?.text).toBe('v3');
  });

  it('applies blind voting as map.get does: hidden until the viewer votes, own votes set myVote', () => {
    const blind: MapView = { ...mapView({ claims: [{ ...claim('a'), votes: null }] }), role: 'voter' };
    blind.map = { ...blind.map, isBlindVoting: true };
    const summary = { count: 1, mean: 4, histogram: [0, 0, 0, 0, 1] as [number, number, number, number, number] };
    const someoneElse = applyEvent(
      blind,
      confirmed({ type: 'vote.changed', payload: { targetKind: 'claim', targetId: 'a', voterId: null, value: null, summary: null } }),
    );
    expect(someoneElse.claims[0]).toMatchObject({ votes: null, myVote: null });
    const mine = applyEvent(
      someoneElse,
      confirmed(
        { type: 'vote.changed', payload: { targetKind: 'claim', targetId: 'a', voterId: null, value: 4, summary } },
        { isOwn: true },
      ),
    );
    expect(mine.claims[0]).toMatchObject({ votes: summary, myVote: 4 });
  });

  it('says when the viewer must refetch (visibility changes, restored votes)', () => {
    const base = mapView();
    expect(needsRefetch(base, { type: 'map.updated', payload: { title: 'x' } })).toBe(false);
    expect(needsRefetch(base, { type: 'map.updated', payload: { isAnonymous: true } })).toBe(true);
    expect(needsRefetch(base, { type: 'claim.restored', payload: { claim: payloadOf('x'), links: [] } })).toBe(true);
  });
});

describe('MapViewStore: predictions rebased over confirmed events', () => {
  function store(initial: MapView) {
    let shown = initial;
    const s = new MapViewStore(
      (view) => (shown = view),
      () => shown,
    );
    return {
      s,
      get shown() {
        return shown;
      },
    };
  }

  it('shows a prediction at once, keeps it over confirmed events, and swaps it for the confirmed event', async () => {
    const h = store(mapView({ claims: [claim('a')] }));
    let resolve!: (value: { claim: ReturnType<typeof payloadOf>; link: null; seq: number }) => void;
    const cmid = 'm1';
    const write = runPredicted(
      h.s,
      cmid,
      [{ type: 'claim.created', payload: { claim: payloadOf(pendingClaimId(cmid)), link: null } }],
      () => new Promise<{ claim: ReturnType<typeof payloadOf>; link: null; seq: number }>((done) => (resolve = done)),
      (result) => [{ type: 'claim.created', payload: { claim: result.claim, link: result.link } }],
    );
    expect(h.shown.claims.map((item) => item.id)).toEqual(['a', pendingClaimId(cmid)]);
    // Someone else's change arrives first: the prediction stays on top of it.
    h.s.applyConfirmed(confirmed({ type: 'claim.updated', payload: { claimId: 'a', text: 'Theirs', version: 2, previousText: null } }));
    expect(h.shown.claims.map((item) => item.text)).toEqual(['Theirs', 'Claim pending-m1']);
    const seq = nextSeq;
    resolve({ claim: payloadOf('real'), link: null, seq });
    await write;
    expect(h.shown.claims.map((item) => item.id)).toEqual(['a', 'real']);
    h.s.applyConfirmed(confirmed({ type: 'claim.created', payload: { claim: payloadOf('real'), link: null } }, { clientMutationId: cmid }));
    expect(h.s.pendingCount).toBe(0);
    expect(h.shown.claims.map((item) => item.id)).toEqual(['a', 'real']);
  });

  it('rolls a refused write back by replaying confirmed state, keeping what others did meanwhile', async () => {
    const h = store(mapView({ claims: [claim('a'), claim('b')], links: [link('b', 'a')] }));
    let reject!: (error: Error) => void;
    const write = runPredicted(
      h.s,
      'm2',
      [{ type: 'claim.deleted', payload: { claimId: 'b', linkIds: [] } }],
      () => new Promise<{ seq: number }>((_, no) => (reject = no)),
    );
    expect(h.shown.claims.map((item) => item.id)).toEqual(['a']);
    h.s.applyConfirmed(confirmed({ type: 'claim.moved', payload: { moves: [{ id: 'b', kind: 'claim', x: 5, y: 6 }] } }));
    expect(h.shown.claims.map((item) => item.id)).toEqual(['a']);
    reject(new Error('FORBIDDEN'));
    await expect(write).rejects.toThrow('FORBIDDEN');
    expect(h.shown.claims.map((item) => item.id)).toEqual(['a', 'b']);
    expect(h.shown.claims[1]).toMatchObject({ x: 5, y: 6 });
    expect(h.shown.links).toHaveLength(1);
  });

  it('derives a predicted vote from the view it is rebased on', () => {
    const h = store(mapView({ claims: [claim('a')] }));
    h.s.predict('m3', [{ type: 'vote.changed', payload: { targetKind: 'claim', targetId: 'a', voterId: null, value: 2, summary: null } }]);
    expect(h.shown.claims[0]?.votes).toMatchObject({ count: 1, histogram: [0, 0, 1, 0, 0] });
    const theirs = { count: 1, mean: 4, histogram: [0, 0, 0, 0, 1] as [number, number, number, number, number] };
    h.s.applyConfirmed(
      confirmed({ type: 'vote.changed', payload: { targetKind: 'claim', targetId: 'a', voterId: 'u9', value: 4, summary: theirs } }),
    );
    expect(h.shown.claims[0]?.votes).toMatchObject({ count: 2, histogram: [0, 0, 1, 0, 1] });
    expect(h.shown.claims[0]?.myVote).toBe(2);
  });
});
