import 'server-only';
import { getDb } from '@/server/db';
import { getRequestSession } from '@/server/auth/session';
import { createCaller } from './root';

/** tRPC caller for server components: same procedures, same checks, no HTTP hop. */
export async function getServerCaller() {
  const session = await getRequestSession();
  const actor = session?.actor ?? null;
  return { caller: createCaller({ db: getDb(), actor, sessionId: session?.sessionId ?? null, ip: 'server' }), actor };
}
