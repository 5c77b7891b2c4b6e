import type { Metadata } from 'next';
import { TRPCError } from '@trpc/server';
import { notFound, redirect } from 'next/navigation';
import { getServerCaller } from '@/server/api/server-caller';
import { MapSettings } from '@/components/sharing/map-settings';

export const metadata: Metadata = { title: 'Sharing and classroom controls' };
export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ id: string }>;
}

export default async function MapSettingsPage({ params }: Props) {
  const { id } = await params;
  const { caller } = await getServerCaller();
  const map = await caller.map.get({ mapId: id }).catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === 'UNAUTHORIZED') redirect(`/signin?callbackUrl=/maps/${id}/settings`);
    if (error instanceof TRPCError && (error.code === 'NOT_FOUND' || error.code === 'BAD_REQUEST')) notFound();
    throw error;
  });
  return (
    <main className="page">
      <MapSettings initialMap={map} />
    </main>
  );
}
