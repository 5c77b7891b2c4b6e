import type { Metadata } from 'next';
import { TRPCError } from '@trpc/server';
import { notFound, redirect } from 'next/navigation';
import { getServerCaller } from '@/server/api/server-caller';
import { SnapshotsView } from '@/components/snapshots/snapshots-view';

export const metadata: Metadata = { title: 'Snapshots' };
export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ id: string }>;
}

export default async function MapSnapshotsPage({ params }: Props) {
  const { id } = await params;
  const { caller } = await getServerCaller();
  const map = await caller.map.get({ mapId: id }).catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === 'UNAUTHORIZED') redirect(`/signin?callbackUrl=/maps/${id}/snapshots`);
    if (error instanceof TRPCError && (error.code === 'NOT_FOUND' || error.code === 'BAD_REQUEST')) notFound();
    throw error;
  });
  return (
    <main className="page">
      <SnapshotsView mapId={id} mapTitle={map.map.title} isOwner={map.role === 'owner'} />
    </main>
  );
}
