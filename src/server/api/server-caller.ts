import 'server-only';
import { getDb } from '@/server/db';
import { getActor } from '@/server/auth/session';
import { findActor } from '@/server/domain/users/accounts';
import { createCaller } from './root';

/** tRPC caller for server components: same procedures, same checks, no HTTP hop. */
export async function getServerCaller() {
  const db = getDb();
  const sessionActor = await getActor();
  const actor = sessionActor ? await findActor(db, sessionActor.id) : null;
  return { caller: createCaller({ db, actor, ip: 'server' }), actor };
}
