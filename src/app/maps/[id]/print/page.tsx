import type { Metadata } from 'next';
import Link from 'next/link';
import { PrintButton } from '@/components/exchange/print-button';
import { PrintableOutline } from '@/components/exchange/printable-outline';
import { loadMapForPage, type MapPageProps } from '@/server/api/load-map-page';

export const dynamic = 'force-dynamic';

const loadMap = (mapId: string) => loadMapForPage(mapId, `/maps/${mapId}/print`);

export async function generateMetadata({ params }: MapPageProps): Promise<Metadata> {
  const { id } = await params;
  const map = await loadMap(id);
  return { title: `${map.map.title} (printable outline)` };
}

/** The map as a handout: its outline on paper, with the same access as reading the map. */
export default async function PrintOutlinePage({ params }: MapPageProps) {
  const { id } = await params;
  const map = await loadMap(id);
  return (
    <main className="print-page">
      <div className="print-actions row" data-print-hide="">
        <Link href={`/maps/${id}`} className="btn btn-small">
          Back to the map
        </Link>
        <PrintButton />
      </div>
      <PrintableOutline map={map} />
    </main>
  );
}
