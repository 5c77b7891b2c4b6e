'use client';

import { hashKey, useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { MapView } from '@/server/domain/maps/get-map';
import { MAP_EVENT_PROTOCOL_VERSION, type MapEventView } from '@/shared/events';
import { useTRPC, useTRPCClient } from '@/trpc/client';
import { touchedIds } from './apply-event';
import { publishMapEvent } from './map-event-bus';
import { mapViewStoreFor } from './map-view-registry';
import { MapSyncEngine } from './sync-engine';

/**
 * Keeps the map.get cache of one map in step with its event log over one SSE subscription
 * (`events.onMapEvent`): events are applied in seq order, once; claim and link events in place,
 * others by a debounced refetch of map.get; a gap is filled from `events.list`; after any
 * disconnect the EventSource resumes after the last seq it received.
 *
 * While the stream is not live, this map's outbox (use-map-outbox.ts) keeps its writes and sends
 * them, in order, once the stream is back; other maps and other mutations are not affected.
 */
export type ConnectionState = 'live' | 'reconnecting' | 'offline';

export interface MapSync {
  connection: ConnectionState;
  /** Highest seq applied to the cache. */
  appliedSeq: number;
  /**
   * Ids of claims, links and voted targets that *others* created or changed in the last ~2 s,
   * for the editor to highlight briefly. A new Set whenever it changes.
   */
  recentlyChangedIds: ReadonlySet<string>;
  /**
   * Claims that others deleted during this visit and nobody restored since: an editor open on one
   * of them can say "deleted by someone else while you were editing".
   */
  deletedClaimIds: ReadonlySet<string>;
  /** The latest event applied (with actor name, unless the map is anonymous); null before any. */
  lastEvent: MapEventView | null;
  /** Set when the stream ended for good (access removed, map deleted): the message to show. */
  endedReason: string | null;
}

const HIGHLIGHT_MS = 2_000;
/** Reconnecting this long without success counts as offline. */
const OFFLINE_AFTER_MS = 8_000;
const INVALIDATE_DEBOUNCE_MS = 250;
const INVALIDATE_MAX_WAIT_MS = 1_000;
const FATAL_CODES = new Set(['FORBIDDEN', 'NOT_FOUND', 'UNAUTHORIZED', 'BAD_REQUEST']);

export function useMapSync(mapId: string, lastSeq: number): MapSync {
  const trpc = useTRPC();
  const trpcClient = useTRPCClient();
  const queryClient = useQueryClient();
  const queryKey = useMemo(() => trpc.map.get.queryKey({ mapId }), [trpc, mapId]);

  // map.get is one snapshot at its lastSeq: the stream starts exactly after it. A new map id starts a new session.
  const [session, setSession] = useState(() => newSession(mapId, lastSeq));
  let current = session;
  if (session.mapId !== mapId) {
    current = newSession(mapId, lastSeq);
    setSession(current);
  }
  const initial = current;
  const startFrom = current.startFrom;
  const setStartFrom = useCallback((value: string) => setSession((state) => ({ ...state, startFrom: value })), []);
  const [connection, setConnection] = useState<ConnectionState>('reconnecting');
  const [endedReason, setEndedReason] = useState<string | null>(null);
  const [lastEvent, setLastEvent] = useState<MapEventView | null>(null);
  const [appliedSeq, setAppliedSeq] = useState(initial.startSeq);
  const [recentlyChangedIds, setRecentlyChangedIds] = useState<ReadonlySet<string>>(() => new Set());
  const [deletedClaimIds, setDeletedClaimIds] = useState<ReadonlySet<string>>(() => new Set());
  const highlightUntil = useRef(new Map<string, number>());
  const retryCount = useRef(0);

  // Debounced refetch of map.get, for events not applied in place.
  const invalidateTimer = useRef<{ timer: ReturnType<typeof setTimeout> | null; firstAt: number }>({ timer: null, firstAt: 0 });
  const invalidateMap = useCallback(
    ({ immediate }: { immediate: boolean }) => {
      const state = invalidateTimer.current;
      const run = () => {
        if (state.timer) clearTimeout(state.timer);
        state.timer = null;
        state.firstAt = 0;
        void queryClient.invalidateQueries({ queryKey, exact: true });
      };
      if (immediate) return run();
      const now = Date.now();
      if (!state.firstAt) state.firstAt = now;
      if (state.timer) clearTimeout(state.timer);
      const wait = Math.min(INVALIDATE_DEBOUNCE_MS, Math.max(0, state.firstAt + INVALIDATE_MAX_WAIT_MS - now));
      state.timer = setTimeout(run, wait);
    },
    [queryClient, queryKey],
  );

  const store = useMemo(() => mapViewStoreFor(queryClient, queryKey), [queryClient, queryKey]);
  const engine = useMemo(() => {
    return new MapSyncEngine(
      {
        readMap: () => store.confirmedView,
        applyEvent: (event) => store.applyConfirmed(event),
        invalidateMap,
        fetchEvents: async (afterSeq, limit) => (await trpcClient.events.list.query({ mapId, afterSeq, limit })).events,
        onApplied: (event, { isReplay, subjectText }) => {
          setAppliedSeq(event.seq);
          if (isReplay) return;
          setLastEvent(event);
          publishMapEvent(mapId, { event, subjectText });
          if (event.type === 'claim.deleted' && !event.isOwn) {
            const id = event.payload.claimId;
            setDeletedClaimIds((current) => new Set(current).add(id));
          }
          if (event.type === 'claim.restored') {
            const id = event.payload.claim.id;
            setDeletedClaimIds((current) => {
              if (!current.has(id)) return current;
              const next = new Set(current);
              next.delete(id);
              return next;
            });
          }
          if (!event.isOwn) {
            const ids = touchedIds(event);
            if (ids.length) {
              const until = Date.now() + HIGHLIGHT_MS;
              for (const id of ids) highlightUntil.current.set(id, until);
              setRecentlyChangedIds(new Set(highlightUntil.current.keys()));
            }
          }
        },
      },
      initial.startSeq,
      initial.lastSeq,
    );
    // One engine per map session; the deps read everything else through stable references.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [initial.mapId, initial.startSeq, initial.lastSeq]);

  // (Strict Mode runs effects twice in development: the engine is re-activated, not left disposed.)
  useEffect(() => {
    // A map opened again: what the cache holds now is the confirmed view (no write is in flight).
    const cached = queryClient.getQueryData<MapView>(queryKey);
    if (cached && store.pendingCount === 0) store.setConfirmed(cached);
    engine.activate();
    return () => engine.dispose();
    // Once per engine (map session).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [engine]);

  // A fetched map.get is the new confirmed view: replay the recent events, then the predictions, over it.
  useEffect(() => {
    const queryHash = hashKey(queryKey);
    return queryClient.getQueryCache().subscribe((event) => {
      if (event.type !== 'updated' || event.query.queryHash !== queryHash) return;
      const action = event.action as { type: string; manual?: boolean };
      if (action.type !== 'success' || action.manual) return;
      const data = event.query.state.data as MapView | undefined;
      if (data)
        queueMicrotask(() => {
          store.setConfirmed(data);
          engine.onFetchedMap(data);
        });
    });
  }, [engine, queryClient, queryKey, store]);

  // Expire highlights.
  useEffect(() => {
    if (recentlyChangedIds.size === 0) return;
    const timer = setTimeout(() => {
      const now = Date.now();
      for (const [id, until] of highlightUntil.current) if (until <= now) highlightUntil.current.delete(id);
      setRecentlyChangedIds(new Set(highlightUntil.current.keys()));
    }, HIGHLIGHT_MS + 50);
    return () => clearTimeout(timer);
  }, [recentlyChangedIds]);

  // The EventSource gave up (e.g. the server answered with an error page while restarting):
  // open a new stream after a backoff, resuming after the last applied seq.
  const startFromRef = useRef(startFrom);
  startFromRef.current = startFrom;
  const restartTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const subscriptionRef = useRef<{ reset: () => void; status: string } | null>(null);
  const scheduleRestart = () => {
    if (restartTimer.current) return;
    const delay = Math.min(15_000, 500 * 2 ** retryCount.current) * (0.75 + Math.random() * 0.5);
    retryCount.current += 1;
    restartTimer.current = setTimeout(() => {
      restartTimer.current = null;
      const resumeFrom = String(engine.appliedSeq);
      if (resumeFrom !== startFromRef.current) setStartFrom(resumeFrom);
      else subscriptionRef.current?.reset();
    }, delay);
  };
  useEffect(
    () => () => {
      if (restartTimer.current) clearTimeout(restartTimer.current);
    },
    [],
  );

  const subscription = useSubscription(
    trpc.events.onMapEvent.subscriptionOptions(
      { mapId, lastEventId: startFrom, protocolVersion: MAP_EVENT_PROTOCOL_VERSION },
      {
        enabled: endedReason === null,
        onStarted: () => {
          retryCount.current = 0;
          setConnection('live');
        },
        onData: (tracked) => engine.receive(tracked.data),
        onConnectionStateChange: (state) => {
          if (state.state === 'connecting' && state.error) setConnection((current) => (current === 'offline' ? current : 'reconnecting'));
        },
        onError: (error) => {
          const code = error.data?.code;
          if (code && FATAL_CODES.has(code)) {
            setEndedReason(error.message);
            setConnection('offline');
            return;
          }
          setConnection((current) => (current === 'offline' ? current : 'reconnecting'));
          scheduleRestart();
        },
      },
    ),
  );

  subscriptionRef.current = subscription;

  // Reconnecting for a while, or the browser says it is offline: show "offline".
  useEffect(() => {
    if (connection !== 'reconnecting') return;
    const timer = setTimeout(() => setConnection((current) => (current === 'reconnecting' ? 'offline' : current)), OFFLINE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [connection]);
  useEffect(() => {
    const onOffline = () => setConnection('offline');
    // A short blip may not have broken the stream: if it is still up, we are live again.
    const onOnline = () => {
      if (subscriptionRef.current?.status === 'pending') setConnection('live');
    };
    window.addEventListener('offline', onOffline);
    window.addEventListener('online', onOnline);
    return () => {
      window.removeEventListener('offline', onOffline);
      window.removeEventListener('online', onOnline);
    };
  }, []);

  return { connection, appliedSeq, recentlyChangedIds, deletedClaimIds, lastEvent, endedReason };
}

function newSession(mapId: string, lastSeq: number) {
  const startSeq = lastSeq;
  return { mapId, lastSeq, startSeq, startFrom: String(startSeq) };
}
