import { describe, expect, it, vi } from 'vitest';
import { claim, mapView } from '@/components/map/test-map';
import type { MapView } from '@/server/domain/maps/get-map';
import { MapViewStore } from './map-view-store';
import { MapOutbox, type OutboxEntry, type OutboxStorage, type OutboxTransport } from './outbox';

function memoryStorage(): OutboxStorage & { data: Map<string, OutboxEntry[]> } {
  const data = new Map<string, OutboxEntry[]>();
  return {
    data,
    load: async (key) => structuredClone(data.get(key) ?? []),
    save: async (key, entries) => void data.set(key, structuredClone(entries)),
  };
}

function storeOver(initial: MapView) {
  let shown = initial;
  const store = new MapViewStore(
    (view) => (shown = view),
    () => shown,
  );
  return { store, shown: () => shown };
}

const moved = (id: string, x: number) => [{ type: 'claim.moved' as const, payload: { moves: [{ id, kind: 'claim' as const, x, y: 0 }] } }];
const networkError = () => Object.assign(new Error('Failed to fetch'), { data: undefined });

describe('MapOutbox', () => {
  it('stores writes before sending, sends them in order only while live, and empties when answered', async () => {
    const storage = memoryStorage();
    const sent: string[] = [];
    let seq = 1;
    const transport: OutboxTransport = async (entry) => {
      sent.push(entry.clientMutationId);
      return { seq: ++seq };
    };
    const { store, shown } = storeOver(mapView({ claims: [claim('a')] }));
    const outbox = new MapOutbox('u:m', store, storage, transport);
    await outbox.load();
    const first = outbox.enqueue(
      { procedure: 'claim.move', input: { moves: [{ id: 'a', kind: 'claim', x: 1, y: 0 }] } },
      moved('a', 1),
      'one',
    );
    const second = outbox.enqueue(
      { procedure: 'claim.move', input: { moves: [{ id: 'a', kind: 'claim', x: 2, y: 0 }] } },
      moved('a', 2),
      'two',
    );
    expect(shown().claims[0]?.x).toBe(2);
    await vi.waitFor(() => expect(storage.data.get('u:m')?.map((entry) => entry.clientMutationId)).toEqual(['one', 'two']));
    expect(sent).toEqual([]);
    outbox.setLive(true);
    await Promise.all([first, second]);
    expect(sent).toEqual(['one', 'two']);
    await vi.waitFor(() => expect(storage.data.get('u:m') ?? []).toEqual([]));
    expect(outbox.size).toBe(0);
  });

  it('keeps a write it could not deliver and sends it when the stream is live again', async () => {
    const storage = memoryStorage();
    let fail = true;
    const transport = vi.fn<OutboxTransport>(async () => {
      if (fail) throw networkError();
      return { seq: 5 };
    });
    const outbox = new MapOutbox('u:m', storeOver(mapView({ claims: [claim('a')] })).store, storage, transport);
    await outbox.load();
    outbox.setLive(true);
    const answer = outbox.enqueue({ procedure: 'claim.delete', input: { id: 'a' } }, [], 'x');
    await vi.waitFor(() => expect(transport).toHaveBeenCalled());
    expect(outbox.size).toBe(1);
    fail = false;
    outbox.setLive(false);
    outbox.setLive(true);
    await expect(answer).resolves.toEqual({ seq: 5 });
    expect(outbox.size).toBe(0);
  });

  it('drops a refused write and rolls its prediction back', async () => {
    const refused = Object.assign(new Error('Someone else changed this claim'), { data: { code: 'CONFLICT' } });
    const { store, shown } = storeOver(mapView({ claims: [claim('a')] }));
    const outbox = new MapOutbox('u:m', store, memoryStorage(), async () => Promise.reject(refused));
    await outbox.load();
    outbox.setLive(true);
    const answer = outbox.enqueue({ procedure: 'claim.move', input: { moves: [] } }, moved('a', 9), 'r');
    expect(shown().claims[0]?.x).toBe(9);
    await expect(answer).rejects.toBe(refused);
    expect(shown().claims[0]?.x).toBeNull();
    expect(outbox.size).toBe(0);
  });

  it('restores what the last visit left unsent, shows it, sends it and says so', async () => {
    const storage = memoryStorage();
    const before = new MapOutbox('u:m', storeOver(mapView({ claims: [claim('a')] })).store, storage, async () => ({ seq: 2 }));
    await before.load();
    void before.enqueue({ procedure: 'claim.move', input: { moves: [] } }, moved('a', 7), 'left-over');
    await vi.waitFor(() => expect(storage.data.get('u:m')).toHaveLength(1));

    // The next visit (a new page): a new store and outbox over the same storage.
    const notice = vi.fn();
    const sent: string[] = [];
    const { store, shown } = storeOver(mapView({ claims: [claim('a')] }));
    const after = new MapOutbox('u:m', store, storage, async (entry) => (sent.push(entry.clientMutationId), { seq: 2 }), notice);
    await after.load();
    expect(shown().claims[0]?.x).toBe(7);
    after.setLive(true);
    await vi.waitFor(() => expect(notice).toHaveBeenCalledWith(1));
    expect(sent).toEqual(['left-over']);
  });
});
