import 'server-only';
import { cookies } from 'next/headers';
import { cache } from 'react';
import type { Actor } from '@/server/access/actor';
import { getDb } from '@/server/db';
import { resolveSession, type RequestSession } from './request-session';

/**
 * The session of a page being rendered (server components). The request-cookie path, shared with the
 * API served outside Next, is src/server/auth/request-session.ts.
 */
export { sessionOfRequest, type RequestSession } from './request-session';

/** The session of the page being rendered, once per request however many components ask. */
export const getRequestSession = cache(async (): Promise<RequestSession | null> => {
  const store = await cookies();
  return resolveSession(getDb(), (name) => store.get(name)?.value);
});

/** The signed-in user for a server component or route handler, or null. */
export async function getActor(): Promise<Actor | null> {
  return (await getRequestSession())?.actor ?? null;
}
