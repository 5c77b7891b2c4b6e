import type { Metadata } from 'next';
import { loadMapForPage, type MapPageProps } from '@/server/api/load-map-page';
import { SnapshotsView } from '@/components/snapshots/snapshots-view';

export const metadata: Metadata = { title: 'Snapshots' };
export const dynamic = 'force-dynamic';

export default async function MapSnapshotsPage({ params }: MapPageProps) {
  const { id } = await params;
  const map = await loadMapForPage(id, `/maps/${id}/snapshots`);
  return (
    <main className="page">
      <SnapshotsView mapId={id} mapTitle={map.map.title} isOwner={map.role === 'owner'} />
    </main>
  );
}
