import type { QueryClient } from '@tanstack/react-query';
import type { MapView } from '@/server/domain/maps/get-map';
import { MapViewStore } from './map-view-store';

const stores = new WeakMap<QueryClient, Map<string, MapViewStore>>();

/**
 * The one MapViewStore of a map in this query client: the sync engine feeds it confirmed events,
 * commands feed it predictions, and it publishes the view into the `map.get` cache entry.
 */
export function mapViewStoreFor(queryClient: QueryClient, queryKey: readonly unknown[]): MapViewStore {
  let byKey = stores.get(queryClient);
  if (!byKey) {
    byKey = new Map();
    stores.set(queryClient, byKey);
  }
  const key = JSON.stringify(queryKey);
  let store = byKey.get(key);
  if (!store) {
    store = new MapViewStore(
      (view) => queryClient.setQueryData<MapView>(queryKey, view),
      () => queryClient.getQueryData<MapView>(queryKey),
    );
    byKey.set(key, store);
  }
  return store;
}
