import type { Metadata } from 'next';
import { loadMapForPage, type MapPageProps } from '@/server/api/load-map-page';
import { MapSettings } from '@/components/sharing/map-settings';

export const metadata: Metadata = { title: 'Sharing and classroom controls' };
export const dynamic = 'force-dynamic';

export default async function MapSettingsPage({ params }: MapPageProps) {
  const { id } = await params;
  const map = await loadMapForPage(id, `/maps/${id}/settings`);
  return (
    <main className="page">
      <MapSettings initialMap={map} />
    </main>
  );
}
