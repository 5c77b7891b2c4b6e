import { pendingSessionOfCookies } from '@/server/auth/request-session';
import { getDb } from '@/server/db';
import { clientAddressFromHeaders } from './client-address';
import { identityOfRequest } from './request-identity';
import type { Context } from './trpc';

/**
 * Request context for the tRPC endpoint: the caller's identity (see request-identity.ts) and the database.
 * With `deferSession` (mutations) the session is only decoded here; its database check is made by the
 * procedure — a map write folds it into its access query (procedures.ts), so a write is two round trips.
 */
export async function createRequestContext(request: Request, options: { deferSession?: boolean } = {}): Promise<Context> {
  const db = getDb();
  if (!options.deferSession) return { db, ...(await identityOfRequest(db, request)) };
  return createDeferredSessionContext(request.headers.get('cookie'), request.headers);
}

/** A mutation's context (its session decoded, checked later) from the Cookie header and the headers it came with. */
export async function createDeferredSessionContext(
  cookieHeader: string | null | undefined,
  headers: Parameters<typeof clientAddressFromHeaders>[0],
): Promise<Context> {
  const db = getDb();
  const pendingSession = await pendingSessionOfCookies(db, cookieHeader);
  const ip = clientAddressFromHeaders(headers);
  return { db, actor: null, sessionId: null, ip, ...(pendingSession ? { pendingSession } : {}) };
}
