import type { Metadata } from 'next';
import { TRPCError } from '@trpc/server';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { PrintButton } from '@/components/exchange/print-button';
import { PrintableOutline } from '@/components/exchange/printable-outline';
import { getServerCaller } from '@/server/api/server-caller';

export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ id: string }>;
}

const loadMap = cache(async function loadMap(mapId: string) {
  const { caller } = await getServerCaller();
  try {
    return await caller.map.get({ mapId });
  } catch (error) {
    if (error instanceof TRPCError && error.code === 'UNAUTHORIZED') redirect(`/signin?callbackUrl=/maps/${mapId}/print`);
    if (error instanceof TRPCError && (error.code === 'NOT_FOUND' || error.code === 'BAD_REQUEST')) notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const map = await loadMap(id);
  return { title: `${map.map.title} (printable outline)` };
}

/** The map as a handout: its outline on paper, with the same access as reading the map. */
export default async function PrintOutlinePage({ params }: Props) {
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
