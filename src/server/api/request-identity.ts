import type { Actor } from '@/server/access/actor';
import { sessionOfRequest, type RequestSession } from '@/server/auth/request-session';
import type { Db } from '@/server/db';
import { clientAddressFromHeaders } from './client-address';

/**
 * Who is calling, as every entry point needs it (the tRPC route, server components, route handlers):
 * the session's user, re-read with its server-side session so an ended session or a deleted user is
 * anonymous, and the client's address from the socket (for anonymous rate limits).
 */
export interface RequestIdentity {
  actor: Actor | null;
  sessionId: string | null;
  ip: string;
}

/** The one place a resolved session and the request's headers become a RequestIdentity. */
export function identityOf(session: RequestSession | null, headers: Parameters<typeof clientAddressFromHeaders>[0]): RequestIdentity {
  return { actor: session?.actor ?? null, sessionId: session?.sessionId ?? null, ip: clientAddressFromHeaders(headers) };
}

/** The identity behind a route handler's request (its cookie and headers). */
export async function identityOfRequest(db: Db, request: Request): Promise<RequestIdentity> {
  return identityOf(await sessionOfRequest(db, request), request.headers);
}
