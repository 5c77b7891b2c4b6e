import { getDb } from '@/server/db';
import { sessionOfRequest } from '@/server/auth/session';
import { clientAddressFromHeaders } from './client-address';
import type { Context } from './trpc';

/**
 * Request context for the tRPC route: the session's user (re-read with its server-side session in one
 * query, so an ended session or a deleted user is anonymous) and the client's address from the socket.
 */
export async function createRequestContext(request: Request): Promise<Context> {
  const db = getDb();
  const session = await sessionOfRequest(db, request);
  return { db, actor: session?.actor ?? null, sessionId: session?.sessionId ?? null, ip: clientAddressFromHeaders(request.headers) };
}
