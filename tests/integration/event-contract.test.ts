/**
 * The event contract end to end: writes apply at most once per client mutation id, and what a
 * client's reducer makes of the stream matches map.get (a restored claim keeps its title).
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { TrackedEnvelope } from '@trpc/server';
import { MapViewStore } from '@/components/realtime/map-view-store';
import { MapSyncEngine } from '@/components/realtime/sync-engine';
import type { MapView } from '@/server/domain/maps/get-map';
import { getEventHub } from '@/server/sync/event-hub';
import { runMapWrite } from '@/server/sync/append-event';
import type { MapStreamItem } from '@/shared/events';
import { callerFor, createMapWith, createUser, db } from './helpers';
import { sleep, streamingCallerFor } from './realtime-stream';

afterAll(async () => {
  await getEventHub().close();
  delete (globalThis as { cruxEventHub?: unknown }).cruxEventHub;
});

describe('clientMutationId: each client write is applied at most once', () => {
  it('a replayed create returns the original result and adds nothing', async () => {
    const owner = await createUser();
    const map = await createMapWith(owner);
    const api = callerFor(owner);
    const clientMutationId = crypto.randomUUID();
    const first = await api.claim.create({ mapId: map.id, text: 'Only once', clientMutationId });
    const again = await api.claim.create({ mapId: map.id, text: 'Only once', clientMutationId });
    expect(again).toEqual(first);
    expect(again.claim.createdAt).toBeInstanceOf(Date);
    expect(await db().claim.count({ where: { mapId: map.id } })).toBe(1);
    expect(await db().mapEvent.count({ where: { mapId: map.id, clientMutationId } })).toBe(1);
  });

  it('replays of a vote and a move, even racing, write once', async () => {
    const owner = await createUser();
    const map = await createMapWith(owner);
    const api = callerFor(owner);
    const { claim } = await api.claim.create({ mapId: map.id, text: 'Target' });
    const voteId = crypto.randomUUID();
    const votes = await Promise.all([1, 2, 3].map(() => api.vote.cast({ claimId: claim.id, value: 3, clientMutationId: voteId })));
    expect(new Set(votes.map((vote) => vote.seq)).size).toBe(1);
    const moveId = crypto.randomUUID();
    await api.claim.move({ id: claim.id, kind: 'claim', x: 10, y: 20, clientMutationId: moveId });
    await api.claim.move({ id: claim.id, kind: 'claim', x: 99, y: 99 });
    // The outbox resends the first move after a crash: it must not undo the later one.
    await api.claim.move({ id: claim.id, kind: 'claim', x: 10, y: 20, clientMutationId: moveId });
    expect(await db().claim.findUniqueOrThrow({ where: { id: claim.id }, select: { x: true, y: true } })).toEqual({ x: 99, y: 99 });
    expect(await db().mapEvent.count({ where: { mapId: map.id, type: 'vote.changed' } })).toBe(1);
  });

  it('a replayed write that was refused runs again (and may now succeed or conflict)', async () => {
    const owner = await createUser();
    const map = await createMapWith(owner);
    const api = callerFor(owner);
    const { claim } = await api.claim.create({ mapId: map.id, text: 'v1' });
    const clientMutationId = crypto.randomUUID();
    await api.claim.update({ id: claim.id, text: 'someone else', expectedVersion: 1 });
    await expect(api.claim.update({ id: claim.id, text: 'mine', expectedVersion: 1, clientMutationId })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(api.claim.update({ id: claim.id, text: 'mine', expectedVersion: 1, clientMutationId })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('the server refuses an event that does not match the contract, and writes nothing', async () => {
    const owner = await createUser();
    const map = await createMapWith(owner);
    const before = await db().map.findUniqueOrThrow({ where: { id: map.id }, select: { lastSeq: true } });
    await expect(
      runMapWrite(db(), map.id, { actor: owner }, async () => ({
        result: null,
        events: [{ type: 'claim.updated', payload: { claimId: 'c1' } } as never],
      })),
    ).rejects.toThrow(/does not match its schema/);
    expect(await db().map.findUniqueOrThrow({ where: { id: map.id }, select: { lastSeq: true } })).toEqual(before);
  });
});

describe('a client following the stream', () => {
  it('sees a titled claim that someone else restores with its title', async () => {
    const owner = await createUser();
    const editor = await createUser();
    const map = await createMapWith(owner, [{ actor: editor, role: 'editor' }]);
    const { claim } = await callerFor(owner).claim.create({ mapId: map.id, text: 'The long text of the claim' });
    await db().claim.update({ where: { id: claim.id }, data: { title: 'Short title' } });
    await callerFor(owner).claim.delete({ id: claim.id });

    // The editor's client: the real store, engine and reducer over a real stream.
    let shown: MapView = await callerFor(editor).map.get({ mapId: map.id });
    const store = new MapViewStore(
      (view) => (shown = view),
      () => shown,
    );
    const engine = new MapSyncEngine(
      {
        readMap: () => store.confirmedView,
        applyEvent: (event) => store.applyConfirmed(event),
        invalidateMap: () => {},
        fetchEvents: async (afterSeq, limit) => (await callerFor(editor).events.list({ mapId: map.id, afterSeq, limit })).events,
      },
      shown.map.lastSeq,
      shown.map.lastSeq,
    );
    const controller = new AbortController();
    const iterable = await streamingCallerFor(editor, controller).events.onMapEvent({
      mapId: map.id,
      lastEventId: String(shown.map.lastSeq),
    });
    void (async () => {
      try {
        for await (const [, item] of iterable as AsyncIterable<TrackedEnvelope<MapStreamItem>>) engine.receive(item);
      } catch {
        // aborted
      }
    })();
    expect(shown.claims.some((item) => item.id === claim.id)).toBe(false);

    await callerFor(owner).claim.restore({ id: claim.id });
    const deadline = Date.now() + 5_000;
    while (!shown.claims.some((item) => item.id === claim.id) && Date.now() < deadline) await sleep(20);
    controller.abort();
    expect(shown.claims.find((item) => item.id === claim.id)).toMatchObject({ title: 'Short title', text: 'The long text of the claim' });
  });
});
