'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import type { MapView } from '@/server/domain/maps/get-map';
import { useTRPC } from '@/trpc/client';
import { ROLE_LABEL } from '@/shared/roles';
import { MembersPanel } from './members-panel';
import { SharePanel } from './share-panel';

interface Props {
  initialMap: MapView;
}

/** /maps/<id>/settings: the share dialog's tools as a page; members who are not the owner see the member list. */
export function MapSettings({ initialMap }: Props) {
  const trpc = useTRPC();
  const mapId = initialMap.map.id;
  // Seeds the map cache that the reveal-results button reads.
  const { data } = useQuery({ ...trpc.map.get.queryOptions({ mapId }), initialData: initialMap });
  const map = data ?? initialMap;
  return (
    <div className="stack map-settings">
      <p>
        <Link href={`/maps/${mapId}`}>← Back to the map</Link>
      </p>
      <h1>Sharing and classroom controls</h1>
      <p className="muted">
        {map.map.title} · you are {ROLE_LABEL[map.role].toLowerCase()}
        {map.map.isLocked && <span className="badge locked-badge">Locked</span>}
      </p>
      {map.role === 'owner' ? (
        <div className="card">
          <SharePanel mapId={mapId} />
        </div>
      ) : map.isMember ? (
        <div className="card stack">
          <p className="muted small">Only the owner can share the map or change these settings.</p>
          <MembersPanel mapId={mapId} canManage={false} />
        </div>
      ) : (
        <p className="form-note">Only members of this map can see its members.</p>
      )}
    </div>
  );
}
