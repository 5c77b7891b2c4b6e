'use client';

import { useMutation } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTRPC, useTRPCClient } from '@/trpc/client';

/**
 * Who else is on the map and what they have selected or are editing (ephemeral, never stored).
 * Presence crosses instances on a Postgres NOTIFY channel; each tab heartbeats every 10 s and
 * disappears for others when its stream ends or 30 s after its last heartbeat.
 *
 * `enabled`: publish and follow presence (pass false for anonymous visitors — they may not
 * publish — or to switch presence off). The caller is never in `peers`.
 */
export interface Peer {
  userId: string;
  name: string;
  /** A colour derived from the user id (the same on every screen), e.g. `hsl(210 70% 40%)`. */
  color: string;
  selectedNodeId: string | null;
  editingNodeId: string | null;
}

export interface Presence {
  peers: Peer[];
  setSelection: (nodeId: string | null) => void;
  setEditing: (nodeId: string | null) => void;
}

const HEARTBEAT_MS = 10_000;
/** Selection changes are sent at most this often (the last one always goes out). */
const THROTTLE_MS = 200;

export function usePresence(mapId: string, enabled: boolean): Presence {
  const trpc = useTRPC();
  const trpcClient = useTRPCClient();
  const [clientId] = useState(() =>
    typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `c-${Math.random().toString(36).slice(2)}`,
  );
  const [peers, setPeers] = useState<Peer[]>([]);
  const mine = useRef<{ selectedNodeId: string | null; editingNodeId: string | null }>({ selectedNodeId: null, editingNodeId: null });
  const isLive = useRef(false);
  const sendTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const lastSentAt = useRef(0);
  const knownPeers = useRef(new Set<string>());

  // Presence never queues: a missed update is replaced by the next heartbeat.
  const { mutate } = useMutation({
    mutationFn: (state: { selectedNodeId: string | null; editingNodeId: string | null }) =>
      trpcClient.presence.update.mutate({ mapId, clientId, ...state }),
    networkMode: 'always',
    retry: false,
  });

  const sendNow = useCallback(() => {
    if (sendTimer.current) clearTimeout(sendTimer.current);
    sendTimer.current = null;
    lastSentAt.current = Date.now();
    mutate({ ...mine.current });
  }, [mutate]);

  const send = useCallback(() => {
    if (!enabled || !isLive.current) return;
    const wait = lastSentAt.current + THROTTLE_MS - Date.now();
    if (wait <= 0) return sendNow();
    sendTimer.current ??= setTimeout(sendNow, wait);
  }, [enabled, sendNow]);

  useSubscription(
    trpc.presence.onPresence.subscriptionOptions(
      { mapId, clientId },
      {
        enabled,
        onStarted: () => {
          isLive.current = true;
          send();
        },
        onData: (list) => {
          setPeers(list);
          // Someone new (maybe on another instance, which has not heard from us yet): say hello soon.
          const ids = new Set(list.map((peer) => peer.userId));
          const hasNewcomer = [...ids].some((id) => !knownPeers.current.has(id));
          knownPeers.current = ids;
          if (hasNewcomer) setTimeout(send, 150 + Math.random() * 350);
        },
        onConnectionStateChange: (state) => {
          if (state.state !== 'pending') isLive.current = false;
        },
        onError: () => {
          isLive.current = false;
          setPeers([]);
        },
      },
    ),
  );

  // Heartbeat, and withdraw at once when the tab closes or the map unmounts.
  useEffect(() => {
    if (!enabled) return;
    const beat = setInterval(() => send(), HEARTBEAT_MS);
    const leave = () => {
      void trpcClient.presence.leave.mutate({ mapId, clientId }).catch(() => {});
    };
    window.addEventListener('pagehide', leave);
    return () => {
      clearInterval(beat);
      window.removeEventListener('pagehide', leave);
      if (sendTimer.current) clearTimeout(sendTimer.current);
      leave();
    };
  }, [enabled, send, trpcClient, mapId, clientId]);

  // One setter per mark; an unchanged mark sends nothing.
  const { setSelection, setEditing } = useMemo(() => {
    const setterOf = (mark: keyof typeof mine.current) => (nodeId: string | null) => {
      if (mine.current[mark] === nodeId) return;
      mine.current = { ...mine.current, [mark]: nodeId };
      send();
    };
    return { setSelection: setterOf('selectedNodeId'), setEditing: setterOf('editingNodeId') };
  }, [send]);

  return { peers: enabled ? peers : [], setSelection, setEditing };
}
