import 'server-only';
import { headers } from 'next/headers';
import { getDb } from '@/server/db';
import { getRequestSession } from '@/server/auth/session';
import { identityOf } from './request-identity';
import { createCaller } from './root';

/** tRPC caller for server components: same procedures, same checks (and the same client address), no HTTP hop. */
export async function getServerCaller() {
  const [session, requestHeaders] = await Promise.all([getRequestSession(), headers()]);
  const identity = identityOf(session, requestHeaders);
  return { caller: createCaller({ db: getDb(), ...identity }), actor: identity.actor };
}
