import 'server-only';
import { TRPCError } from '@trpc/server';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { getServerCaller } from './server-caller';

/** The props Next.js gives a page under /maps/[id]. */
export interface MapPageProps {
  params: Promise<{ id: string }>;
}

/**
 * map.get for a page about one map (settings, snapshots, print): a caller who must sign in first is
 * sent to sign-in and back to `returnPath`; a map they cannot see, or a malformed id, is the 404 page.
 * Once per request, so generateMetadata and the page share the read.
 */
export const loadMapForPage = cache(async function loadMapForPage(mapId: string, returnPath: string) {
  const { caller } = await getServerCaller();
  try {
    return await caller.map.get({ mapId });
  } catch (error) {
    if (error instanceof TRPCError && error.code === 'UNAUTHORIZED') redirect(`/signin?callbackUrl=${returnPath}`);
    if (error instanceof TRPCError && (error.code === 'NOT_FOUND' || error.code === 'BAD_REQUEST')) notFound();
    throw error;
  }
});
