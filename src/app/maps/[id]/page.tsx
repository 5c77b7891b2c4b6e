import type { Metadata } from 'next';
import { TRPCError } from '@trpc/server';
import { cache, Suspense } from 'react';
import { getServerCaller } from '@/server/api/server-caller';
import { getDb } from '@/server/db';
import { DomainError } from '@/server/domain/errors';
import { getMapPreview } from '@/server/domain/maps/get-map-preview';
import { MapPreviewView } from '@/components/map/map-preview';
import { MapWorkspace } from '@/components/map/map-workspace';
import { PrivateMap } from '@/components/sharing/private-map';

export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ id: string }>;
  searchParams?: Promise<Query>;
}

type Query = { focus?: string | string[]; mode?: string | string[]; claim?: string | string[] };

// `cache` makes one map.get per request (it matters for 2,000 claims).
const loadMap = cache(async function loadMap(mapId: string) {
  const { caller, actor } = await getServerCaller();
  try {
    return { kind: 'map' as const, map: await caller.map.get({ mapId }), actor };
  } catch (error) {
    // Not signed in, not allowed, or no such map: one page for all, so existence does not leak.
    const denied = ['UNAUTHORIZED', 'NOT_FOUND', 'FORBIDDEN', 'BAD_REQUEST'];
    if (error instanceof TRPCError && denied.includes(error.code)) return { kind: 'denied' as const, actor };
    throw error;
  }
});

// The first screen (title, thesis, its arguments) in three small queries, streamed at once whatever
// the map's size while the full map loads (issue 11: first claim text visible fast).
const loadPreview = cache(async function loadPreview(mapId: string, focusId: string | null) {
  const { actor } = await getServerCaller();
  try {
    return { kind: 'preview' as const, preview: await getMapPreview(getDb(), { actor }, { mapId, focusId }), actor };
  } catch (error) {
    const denied = ['UNAUTHORIZED', 'NOT_FOUND', 'FORBIDDEN', 'INVALID'];
    if (error instanceof DomainError && denied.includes(error.code)) return { kind: 'denied' as const, actor };
    throw error;
  }
});

function deniedPage(mapId: string, isSignedIn: boolean) {
  return (
    <main className="page narrow">
      <PrivateMap mapId={mapId} isSignedIn={isSignedIn} />
    </main>
  );
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const loaded = await loadPreview(id, null);
  return loaded.kind === 'preview' ? { title: loaded.preview.title } : { title: 'Private map', robots: { index: false } };
}

export default async function MapPage({ params, searchParams }: Props) {
  const { id } = await params;
  const query: Query = (await searchParams) ?? {};
  const focusParam = typeof query.focus === 'string' && query.focus.length <= 64 ? query.focus : null;
  const loaded = await loadPreview(id, focusParam);
  if (loaded.kind === 'denied') return deniedPage(id, loaded.actor !== null);
  return (
    <Suspense fallback={<MapPreviewView preview={loaded.preview} />}>
      <LoadedMap mapId={id} query={query} />
    </Suspense>
  );
}

async function LoadedMap({ mapId, query }: { mapId: string; query: Query }) {
  const loaded = await loadMap(mapId);
  if (loaded.kind === 'denied') return deniedPage(mapId, loaded.actor !== null);
  const focus = query.focus;
  const focusId = typeof focus === 'string' && loaded.map.claims.some((claim) => claim.id === focus) ? focus : null;
  return (
    <MapWorkspace
      initialMap={loaded.map}
      viewer={loaded.actor}
      initialFocusId={focusId}
      initialMode={query.mode === 'vote' ? 'vote' : 'map'}
      initialVoteClaimId={
        typeof query.claim === 'string' && loaded.map.claims.some((claim) => claim.id === query.claim) ? query.claim : null
      }
    />
  );
}
