import { getServerSession } from 'next-auth';
import { authOptions } from '@/server/auth/options';
import { getDb } from '@/server/db';
import { findActor } from '@/server/domain/users/accounts';
import { clientIpFromHeaders } from '@/server/domain/rate-limit/rate-limit';
import type { Context } from './trpc';

/** Request context for the tRPC route: the session's user, re-read so a deleted user is anonymous. */
export async function createRequestContext(request: Request): Promise<Context> {
  const db = getDb();
  const session = await getServerSession(authOptions);
  const actor = session?.user?.id ? await findActor(db, session.user.id) : null;
  return { db, actor, ip: clientIp(request) };
}


/** The client's address for per-IP limits in route handlers outside tRPC. */
export function clientIp(request: Request): string {
  return clientIpFromHeaders(request.headers);
}
