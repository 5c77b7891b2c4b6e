'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import type { MapEventView } from '@/server/sync/event-types';
import { errorMessage, useTRPC, useTRPCClient } from '@/trpc/client';
import { deletedClaimIdOf, describeEvent, restoredClaimIdOf } from './describe-event';
import { subscribeMapEvents } from './map-event-bus';

interface Entry {
  event: MapEventView;
  subjectText: string | null;
}

interface Props {
  mapId: string;
  /** The viewer may restore deleted claims (an editor on an unlocked map). */
  canRestore: boolean;
  /**
   * Restores a claim (e.g. through the editor's undo stack). Without it, the panel calls
   * claim.restore itself.
   */
  onRestoreClaim?: (claimId: string) => Promise<unknown> | void;
  /** Entries loaded at first and per "Show older". */
  pageSize?: number;
}

function whoDid(event: MapEventView): string {
  if (event.isOwn) return 'You';
  return event.actorName ?? (event.actorId === null ? 'Someone' : 'A member');
}

/**
 * The map's activity, newest first: who did what, when. It follows the map live through the
 * events `useMapSync` receives (no second stream), and offers "Restore" on deleted claims.
 */
export function HistoryPanel({ mapId, canRestore, onRestoreClaim, pageSize = 50 }: Props) {
  const trpc = useTRPC();
  const trpcClient = useTRPCClient();
  const newest = useQuery(trpc.events.list.queryOptions({ mapId, limit: pageSize }));
  const [live, setLive] = useState<Entry[]>([]);
  const [older, setOlder] = useState<Entry[]>([]);
  const [hasOlder, setHasOlder] = useState<boolean | null>(null);
  const [isLoadingOlder, setIsLoadingOlder] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(
    () =>
      subscribeMapEvents(mapId, ({ event, subjectText }) => {
        setLive((current) => (current.some((entry) => entry.event.seq === event.seq) ? current : [...current, { event, subjectText }]));
      }),
    [mapId],
  );

  const entries = useMemo(() => {
    const bySeq = new Map<number, Entry>();
    for (const entry of older) bySeq.set(entry.event.seq, entry);
    for (const event of newest.data?.events ?? []) bySeq.set(event.seq, { event, subjectText: event.subjectText });
    for (const entry of live) if (!bySeq.has(entry.event.seq)) bySeq.set(entry.event.seq, entry);
    return [...bySeq.values()].sort((a, b) => b.event.seq - a.event.seq);
  }, [older, newest.data, live]);

  // A claim deleted and not brought back by a later event can be restored.
  const restorable = useMemo(() => {
    const result = new Set<number>();
    const broughtBack = new Set<string>();
    for (const entry of entries) {
      const restored = restoredClaimIdOf(entry.event);
      if (restored) broughtBack.add(restored);
      const deleted = deletedClaimIdOf(entry.event);
      if (deleted && !broughtBack.has(deleted)) result.add(entry.event.seq);
      if (deleted) broughtBack.add(deleted); // an earlier deletion of it is superseded
    }
    return result;
  }, [entries]);

  const restore = useMutation({
    mutationFn: async (claimId: string) => {
      if (onRestoreClaim) return onRestoreClaim(claimId);
      return trpcClient.claim.restore.mutate({ id: claimId });
    },
    onError: (cause) => setError(errorMessage(cause)),
    onSuccess: () => setError(null),
  });

  const loadOlder = async () => {
    const oldest = entries[entries.length - 1]?.event.seq;
    if (!oldest || oldest <= 1) return setHasOlder(false);
    setIsLoadingOlder(true);
    try {
      const page = await trpcClient.events.list.query({ mapId, beforeSeq: oldest, limit: pageSize });
      setOlder((current) => [...current, ...page.events.map((event) => ({ event, subjectText: event.subjectText }))]);
      setHasOlder(page.hasMore);
    } catch (cause) {
      setError(errorMessage(cause));
    } finally {
      setIsLoadingOlder(false);
    }
  };

  const canShowOlder = hasOlder ?? newest.data?.hasMore ?? false;

  return (
    <section aria-label="History" data-testid="history-panel" style={{ display: 'flex', flexDirection: 'column', gap: '0.5rem' }}>
      <h2 style={{ fontSize: '1rem', margin: 0 }}>History</h2>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      {newest.isPending && <p className="muted small">Loading…</p>}
      {newest.isError && <p className="form-error">{errorMessage(newest.error)}</p>}
      <ol
        aria-label="Changes, newest first"
        style={{ listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '0.35rem' }}
      >
        {entries.map(({ event, subjectText }) => {
          const description = describeEvent(event, subjectText);
          if (!description) return null;
          const deletedClaimId = deletedClaimIdOf(event);
          const at = event.createdAt instanceof Date ? event.createdAt : new Date(event.createdAt);
          return (
            <li key={event.seq} className="small" style={{ display: 'flex', gap: '0.5rem', alignItems: 'baseline', flexWrap: 'wrap' }}>
              <span>
                <strong>{whoDid(event)}</strong> {description}
              </span>
              <time dateTime={at.toISOString()} title={at.toLocaleString()} className="muted" style={{ fontSize: '0.8rem' }}>
                {at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}
              </time>
              {canRestore && deletedClaimId && restorable.has(event.seq) && (
                <button
                  type="button"
                  className="btn btn-small"
                  disabled={restore.isPending}
                  onClick={() => restore.mutate(deletedClaimId)}
                  aria-label={`Restore ${subjectText ? `the claim “${subjectText}”` : 'the deleted claim'}`}
                >
                  Restore
                </button>
              )}
            </li>
          );
        })}
      </ol>
      {!newest.isPending && entries.length === 0 && <p className="muted small">No changes yet.</p>}
      {canShowOlder && (
        <button type="button" className="btn btn-small" onClick={() => void loadOlder()} disabled={isLoadingOlder}>
          {isLoadingOlder ? 'Loading…' : 'Show older'}
        </button>
      )}
    </section>
  );
}
