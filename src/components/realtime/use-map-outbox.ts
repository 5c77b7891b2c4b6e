'use client';

import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { Actor } from '@/server/access/actor';
import { useTRPC, useTRPCClient } from '@/trpc/client';
import { mapViewStoreFor } from './map-view-registry';
import { MapOutbox, type OutboxEntry, type OutboxTransport } from './outbox';
import { indexedDbOutboxStorage, outboxKey } from './outbox-storage';

const outboxes = new WeakMap<QueryClient, Map<string, MapOutbox>>();
const noticeTargets = new WeakMap<MapOutbox, { notify: (message: string) => void }>();

/** The outbox the map's workspace opened (commands and the vote panel enqueue their writes in it). */
export function outboxOf(queryClient: QueryClient, mapId: string): MapOutbox | undefined {
  return outboxes.get(queryClient)?.get(mapId);
}

type Client = ReturnType<typeof useTRPCClient>;

function transportFor(client: Client): OutboxTransport {
  return async (entry: OutboxEntry) => {
    const clientMutationId = entry.clientMutationId;
    switch (entry.procedure) {
      case 'claim.create':
        return client.claim.create.mutate({ ...entry.input, clientMutationId });
      case 'claim.update':
        return client.claim.update.mutate({ ...entry.input, clientMutationId });
      case 'claim.move': {
        const [single] = entry.input.moves;
        return client.claim.move.mutate(
          entry.input.moves.length === 1 && single ? { ...single, clientMutationId } : { moves: entry.input.moves, clientMutationId },
        );
      }
      case 'claim.delete':
        return client.claim.delete.mutate({ ...entry.input, clientMutationId });
      case 'claim.restore':
        return client.claim.restore.mutate({ ...entry.input, clientMutationId });
      case 'link.create':
        return client.link.create.mutate({ ...entry.input, clientMutationId });
      case 'link.update':
        return client.link.update.mutate({ ...entry.input, clientMutationId });
      case 'link.delete':
        return client.link.delete.mutate({ ...entry.input, clientMutationId });
      case 'vote.cast':
        return client.vote.cast.mutate({ ...entry.input, clientMutationId });
      case 'vote.retract':
        return client.vote.retract.mutate({ ...entry.input, clientMutationId });
    }
  };
}

/**
 * Opens the durable outbox of this map for the signed-in viewer: restores what the last visit
 * left unsent, sends while (and only while) this map's stream is live, says when the restored
 * writes were sent, and asks before the tab closes while writes are unsent.
 */
export function useMapOutbox(options: { mapId: string; viewer: Actor | null; isLive: boolean; notify: (message: string) => void }) {
  const { mapId, viewer, isLive, notify } = options;
  const trpc = useTRPC();
  const trpcClient = useTRPCClient();
  const queryClient = useQueryClient();
  const [outbox] = useState(() => {
    if (!viewer) return null;
    let byMap = outboxes.get(queryClient);
    if (!byMap) {
      byMap = new Map();
      outboxes.set(queryClient, byMap);
    }
    const existing = byMap.get(mapId);
    if (existing) return existing;
    const store = mapViewStoreFor(queryClient, trpc.map.get.queryKey({ mapId }));
    const target = { notify };
    const created = new MapOutbox(outboxKey(viewer.id, mapId), store, indexedDbOutboxStorage, transportFor(trpcClient), (count) =>
      target.notify(count === 1 ? '1 change from your last visit was sent.' : `${count} changes from your last visit were sent.`),
    );
    noticeTargets.set(created, target);
    byMap.set(mapId, created);
    return created;
  });
  // The outbox outlives a remount of the workspace (it is kept per map): its notice goes to whichever
  // workspace shows the map now, not to the one that first opened it.
  const target = outbox ? noticeTargets.get(outbox) : undefined;
  if (target) target.notify = notify;

  useEffect(() => {
    void outbox?.load();
  }, [outbox]);
  useEffect(() => {
    outbox?.setLive(isLive);
  }, [outbox, isLive]);

  const unsent = useSyncExternalStore(
    (listener) => outbox?.subscribe(listener) ?? (() => {}),
    () => outbox?.size ?? 0,
    () => 0,
  );
  useEffect(() => {
    if (unsent === 0) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [unsent]);

  return { outbox, unsent };
}
