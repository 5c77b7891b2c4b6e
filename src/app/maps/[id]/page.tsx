import type { Metadata } from 'next';
import { TRPCError } from '@trpc/server';
import { notFound, redirect } from 'next/navigation';
import { cache, Suspense } from 'react';
import { getServerCaller } from '@/server/api/server-caller';
import { getDb } from '@/server/db';
import { DomainError } from '@/server/domain/errors';
import { getMapPreview } from '@/server/domain/maps/get-map-preview';
import { MapPreviewView } from '@/components/map/map-preview';
import { MapWorkspace } from '@/components/map/map-workspace';

export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ id: string }>;
  searchParams?: Promise<{ focus?: string | string[] }>;
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

// The first screen (title, thesis, its arguments) in three small queries, so it streams at once whatever the map's size.
const loadPreview = cache(async function loadPreview(mapId: string, focusId: string | null) {
  const { actor } = await getServerCaller();
  try {
    return await getMapPreview(getDb(), actor, mapId, focusId);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'UNAUTHORIZED') redirect(`/signin?callbackUrl=/maps/${mapId}`);
    if (error instanceof DomainError && error.code === 'NOT_FOUND') notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const preview = await loadPreview(id, null);
  return { title: preview.title };
}

export default async function MapPage({ params, searchParams }: Props) {
  const { id } = await params;
  const focus = (await searchParams)?.focus;
  const focusParam = typeof focus === 'string' && focus.length <= 64 ? focus : null;
  const preview = await loadPreview(id, focusParam);
  return (
    <Suspense fallback={<MapPreviewView preview={preview} />}>
      <LoadedMap mapId={id} focusParam={focusParam} />
    </Suspense>
  );
}

async function LoadedMap({ mapId, focusParam }: { mapId: string; focusParam: string | null }) {
  const { map, actor } = await loadMap(mapId);
  const focusId = focusParam && map.claims.some((claim) => claim.id === focusParam) ? focusParam : null;
  return <MapWorkspace initialMap={map} viewer={actor} initialFocusId={focusId} />;
}
