import { getDb } from '@/server/db';
import { identityOfRequest } from './request-identity';
import type { Context } from './trpc';

/** Request context for the tRPC route: the caller's identity (see request-identity.ts) and the database. */
export async function createRequestContext(request: Request): Promise<Context> {
  const db = getDb();
  return { db, ...(await identityOfRequest(db, request)) };
}
