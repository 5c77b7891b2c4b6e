import type { Metadata } from 'next';
import { TRPCError } from '@trpc/server';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { getServerCaller } from '@/server/api/server-caller';
import { MapWorkspace } from '@/components/map/map-workspace';

export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ mode?: string | string[] }>;
}

// Metadata and page both need the map: `cache` makes that one map.get per request (it matters for 2,000 claims).
const loadMap = cache(async function loadMap(mapId: string) {
  const { caller, actor } = await getServerCaller();
  try {
    return { map: await caller.map.get({ mapId }), actor };
  } catch (error) {
    if (error instanceof TRPCError && error.code === 'UNAUTHORIZED') redirect(`/signin?callbackUrl=/maps/${mapId}`);
    if (error instanceof TRPCError && (error.code === 'NOT_FOUND' || error.code === 'BAD_REQUEST')) notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const { map } = await loadMap(id);
  return { title: map.map.title };
}

export default async function MapPage({ params, searchParams }: Props) {
  const { id } = await params;
  const { mode } = await searchParams;
  const { map, actor } = await loadMap(id);
  return <MapWorkspace initialMap={map} viewer={actor} initialMode={mode === 'vote' ? 'vote' : 'map'} />;
}
