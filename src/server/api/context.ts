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
  const ip = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() ?? 'local';
  return { db, actor, ip };
}
