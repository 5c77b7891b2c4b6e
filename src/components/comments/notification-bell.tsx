'use client';

import Link from 'next/link';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { subscribeAllMapEvents } from '@/components/realtime/map-event-bus';
import { useTRPC } from '@/trpc/client';

/** Events that may have notified someone: a mention or reply, or a new argument under a rated claim. */
const NOTIFYING_EVENTS = new Set(['comment.created', 'claim.created', 'link.created', 'evidence.created']);

/**
 * The bell: unread count, and the latest notifications when opened (which marks them read). It
 * refetches when the open map's stream carries a comment or a new argument, and every half minute for other maps.
 */
export function NotificationBell() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const panelId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const [isOpen, setIsOpen] = useState(false);
  const list = useQuery({ ...trpc.notification.list.queryOptions(), refetchInterval: 30_000 });
  const markRead = useMutation(
    trpc.notification.markRead.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.notification.list.queryKey() }),
    }),
  );
  const queryKey = trpc.notification.list.queryKey();

  useEffect(
    () =>
      subscribeAllMapEvents(({ event }) => {
        if (NOTIFYING_EVENTS.has(event.type)) void queryClient.invalidateQueries({ queryKey });
      }),
    [queryClient, queryKey],
  );

  const unread = list.data?.unreadCount ?? 0;
  const toggle = () => {
    const next = !isOpen;
    setIsOpen(next);
    if (next && unread > 0) markRead.mutate({});
  };

  return (
    <div className="notification-bell">
      <button
        ref={buttonRef}
        type="button"
        className="btn btn-small"
        aria-expanded={isOpen}
        aria-controls={panelId}
        aria-label={unread ? `Notifications, ${unread} unread` : 'Notifications'}
        onClick={toggle}
      >
        🔔{unread > 0 && <span className="badge notification-count">{unread}</span>}
      </button>
      {isOpen && (
        <div
          id={panelId}
          className="notification-panel"
          role="region"
          aria-label="Notifications"
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              setIsOpen(false);
              buttonRef.current?.focus();
            }
          }}
        >
          {list.data?.items.length ? (
            <ul>
              {list.data.items.map((item) => (
                <li key={item.id} className={item.isRead ? undefined : 'is-unread'}>
                  {item.kind === 'rerate' && item.claimId ? (
                    // A full load: the map opens in Vote mode on that claim even when it is already open.
                    <a href={`/maps/${item.mapId}?mode=vote&claim=${encodeURIComponent(item.claimId)}`}>{item.text}</a>
                  ) : (
                    <Link href={`/maps/${item.mapId}`} onClick={() => setIsOpen(false)}>
                      {item.text}
                    </Link>
                  )}
                  <span className="muted small"> · {item.mapTitle}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted small">
              Nothing new. Mentions, replies to your comments and new arguments under claims you rated appear here.
            </p>
          )}
        </div>
      )}
    </div>
  );
}
