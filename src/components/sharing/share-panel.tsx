'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { subscribeMapEvents } from '@/components/realtime/map-event-bus';
import { useTRPC } from '@/trpc/client';
import { MembersPanel } from './members-panel';
import { ShareLinksPanel } from './share-links-panel';
import { TeacherControls } from './teacher-controls';
import { FormError } from '@/components/ui/form-messages';

const TABS = [
  { id: 'links', label: 'Links and codes' },
  { id: 'members', label: 'Members' },
  { id: 'controls', label: 'Classroom controls' },
] as const;
type TabId = (typeof TABS)[number]['id'];

interface Props {
  mapId: string;
  initialTab?: TabId;
}

/** The owner's sharing tools, in three tabs: used by the share dialog and the map's settings page. */
export function SharePanel({ mapId, initialTab = 'links' }: Props) {
  const trpc = useTRPC();
  const [tab, setTab] = useState<TabId>(initialTab);
  const baseId = useId();
  const queryClient = useQueryClient();
  const overview = useQuery(trpc.share.list.queryOptions({ mapId }));

  // Joins, role changes and settings made elsewhere arrive as map events (on the map page, where
  // the live stream runs): refresh the counts and lists they change.
  useEffect(
    () =>
      subscribeMapEvents(mapId, ({ event }) => {
        if (!['share.changed', 'member.changed', 'member.removed', 'map.updated', 'results.revealed'].includes(event.type)) return;
        void queryClient.invalidateQueries({ queryKey: trpc.share.list.queryKey({ mapId }) });
        void queryClient.invalidateQueries({ queryKey: trpc.member.list.queryKey({ mapId }) });
      }),
    [mapId, queryClient, trpc],
  );
  const selectTab = (next: TabId) => {
    setTab(next);
    // Whatever the stream missed (or on the settings page, without one): fresh on every visit.
    void queryClient.invalidateQueries({
      queryKey: next === 'members' ? trpc.member.list.queryKey({ mapId }) : trpc.share.list.queryKey({ mapId }),
    });
  };

  // Arrow keys move between tabs (the WAI-ARIA tabs pattern).
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const index = TABS.findIndex((item) => item.id === tab);
    const next = TABS[(index + (event.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length]!;
    selectTab(next.id);
    document.getElementById(`${baseId}-tab-${next.id}`)?.focus();
  };

  return (
    <div className="share-panel">
      <div className="tabs" role="tablist" aria-label="Sharing" onKeyDown={onKeyDown}>
        {TABS.map((item) => (
          <button
            key={item.id}
            id={`${baseId}-tab-${item.id}`}
            type="button"
            role="tab"
            aria-selected={tab === item.id}
            aria-controls={`${baseId}-panel`}
            tabIndex={tab === item.id ? 0 : -1}
            onClick={() => selectTab(item.id)}
          >
            {item.label}
          </button>
        ))}
      </div>
      <div id={`${baseId}-panel`} role="tabpanel" aria-labelledby={`${baseId}-tab-${tab}`}>
        {tab === 'members' ? (
          <MembersPanel mapId={mapId} canManage />
        ) : overview.isPending ? (
          <p className="muted">Loading…</p>
        ) : overview.error ? (
          <FormError message={overview.error.message} />
        ) : tab === 'links' ? (
          <ShareLinksPanel mapId={mapId} overview={overview.data} />
        ) : (
          <TeacherControls mapId={mapId} overview={overview.data} />
        )}
      </div>
    </div>
  );
}
