import { createStore, get, set, del } from 'idb-keyval';
import type { OutboxEntry, OutboxStorage } from './outbox';

let store: ReturnType<typeof createStore> | null = null;
const outboxStore = () => (store ??= createStore('crux-outbox', 'entries'));

/** The outbox in IndexedDB (idb-keyval): one key per user and map, the entries in order. */
export const indexedDbOutboxStorage: OutboxStorage = {
  async load(key) {
    return (await get<OutboxEntry[]>(key, outboxStore())) ?? [];
  },
  async save(key, entries) {
    if (entries.length === 0) await del(key, outboxStore());
    else await set(key, entries, outboxStore());
  },
};

export const outboxKey = (userId: string, mapId: string) => `${userId}:${mapId}`;
