import type { Metadata } from 'next';
import { TRPCError } from '@trpc/server';
import { cache } from 'react';
import { getServerCaller } from '@/server/api/server-caller';
import { MapWorkspace } from '@/components/map/map-workspace';
import { PrivateMap } from '@/components/sharing/private-map';

export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ id: string }>;
  searchParams?: Promise<{ focus?: string | string[]; mode?: string | string[] }>;
}

// Metadata and page both need the map: `cache` makes that one map.get per request (it matters for 2,000 claims).
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

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const loaded = await loadMap(id);
  return loaded.kind === 'map' ? { title: loaded.map.map.title } : { title: 'Private map', robots: { index: false } };
}

export default async function MapPage({ params, searchParams }: Props) {
  const { id } = await params;
  const query = (await searchParams) ?? {};
  const loaded = await loadMap(id);
  if (loaded.kind === 'denied') {
    return (
      <main className="page narrow">
        <PrivateMap mapId={id} isSignedIn={loaded.actor !== null} />
      </main>
    );
  }
  const focus = query.focus;
  const focusId = typeof focus === 'string' && loaded.map.claims.some((claim) => claim.id === focus) ? focus : null;
  return (
    <MapWorkspace
      initialMap={loaded.map}
      viewer={loaded.actor}
      initialFocusId={focusId}
      initialMode={query.mode === 'vote' ? 'vote' : 'map'}
    />
  );
}
