import { getServerSession } from 'next-auth';
import type { Actor } from '@/server/access/actor';
import { authOptions } from './options';

/** The signed-in user for a server component or route handler, or null. */
export async function getActor(): Promise<Actor | null> {
  const session = await getServerSession(authOptions);
  if (!session?.user?.id) return null;
  return { id: session.user.id, displayName: session.user.name, isGuest: session.user.isGuest };
}
