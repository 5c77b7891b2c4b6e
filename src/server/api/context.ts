import { getServerSession } from 'next-auth';
import { authOptions } from '@/server/auth/options';
import { getDb } from '@/server/db';
import { findActor } from '@/server/domain/users/accounts';
import type { Context } from './trpc';

/** Request context for the tRPC route: the session's user, re-read so a deleted user is anonymous. */
export async function createRequestContext(request: Request): Promise<Context> {
  const db = getDb();
  const session = await getServerSession(authOptions);
  const actor = session?.user?.id ? await findActor(db, session.user.id) : null;
  return { db, actor, ip: clientIp(request) };
}

/**
 * The client's address for anonymous rate limits. X-Forwarded-For is set by whoever connects, so it
 * is believed only behind a proxy the operator declares (CRUX_TRUST_PROXY=1), and then its last hop
 * — the one the proxy itself appended.
 */
export function clientIp(request: Request): string {
  if (process.env.CRUX_TRUST_PROXY !== '1') return 'direct';
  const hops = request.headers.get('x-forwarded-for')?.split(',').map((hop) => hop.trim()).filter(Boolean) ?? [];
  return hops.at(-1) ?? 'direct';
}
