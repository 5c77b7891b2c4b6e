'use client';

import { hashKey, useQueryClient } from '@tanstack/react-query';
import { useCallback, useSyncExternalStore } from 'react';
import type { MapView } from '@/server/domain/maps/get-map';
import { useTRPC } from '@/trpc/client';

/**
 * The cached `map.get` result of a map, read without adding a query observer: a second observer
 * would replace the options (structural sharing, stale time) the map workspace set on that query.
 */
export function useMapQueryData(mapId: string): MapView | undefined {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const queryKey = trpc.map.get.queryKey({ mapId });
  const queryHash = hashKey(queryKey);
  const subscribe = useCallback(
    (onChange: () => void) =>
      queryClient.getQueryCache().subscribe((event) => {
        if (event.query.queryHash === queryHash) onChange();
      }),
    [queryClient, queryHash],
  );
  const read = () => queryClient.getQueryData<MapView>(queryKey);
  return useSyncExternalStore(subscribe, read, read);
}
