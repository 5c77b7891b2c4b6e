'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { subscribeMapEvents } from '@/components/realtime/map-event-bus';
import { useTRPC } from '@/trpc/client';

/** Events after which the class panel's counts may have moved. */
const CLASS_EVENTS = new Set([
  'vote.changed',
  'member.changed',
  'member.removed',
  'claim.created',
  'claim.deleted',
  'claim.restored',
  'map.updated',
]);

/**
 * The owner's class status, refetched (at most once a second) when a vote, member or claim event
 * arrives on the map's stream, and every 15 s in case a stream was down.
 */
export function useClassStatus(mapId: string, enabled: boolean) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const options = trpc.map.classStatus.queryOptions({ mapId });
  const query = useQuery({ ...options, enabled, refetchInterval: enabled ? 15_000 : false, staleTime: 500 });
  const queryKey = options.queryKey;
  useEffect(() => {
    if (!enabled) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const unsubscribe = subscribeMapEvents(mapId, ({ event }) => {
      if (!CLASS_EVENTS.has(event.type) || timer) return;
      timer = setTimeout(() => {
        timer = null;
        void queryClient.invalidateQueries({ queryKey });
      }, 1000);
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- queryKey is derived from mapId
  }, [enabled, mapId, queryClient]);
  return query;
}
