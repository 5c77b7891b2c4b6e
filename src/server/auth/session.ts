import 'server-only';
import { decode } from 'next-auth/jwt';
import { cookies } from 'next/headers';
import { cache } from 'react';
import type { Actor } from '@/server/access/actor';
import { getDb, type Db } from '@/server/db';
import { findSessionActor } from '@/server/domain/users/sessions';
import { authOptions } from './options';

/**
 * The one way a request becomes a user: the next-auth JWT cookie names a user and a server-side
 * session (`sid`); the user is re-read together with that session row, so an ended session, or a
 * deleted user, is anonymous at once. Used by the tRPC context, server components and route handlers.
 */
export interface RequestSession {
  actor: Actor;
  sessionId: string;
}

// next-auth's cookie: `__Secure-` prefixed when NEXTAUTH_URL is https. Very large tokens are chunked (.0, .1, …).
const COOKIE_NAMES = ['__Secure-next-auth.session-token', 'next-auth.session-token'];

type CookieReader = (name: string) => string | undefined;

function sessionCookie(read: CookieReader): string | undefined {
  for (const name of COOKIE_NAMES) {
    const whole = read(name);
    if (whole) return whole;
    const chunks: string[] = [];
    for (let index = 0; index < 10; index += 1) {
      const chunk = read(`${name}.${index}`);
      if (!chunk) break;
      chunks.push(chunk);
    }
    if (chunks.length) return chunks.join('');
  }
  return undefined;
}

async function resolveSession(db: Db, read: CookieReader): Promise<RequestSession | null> {
  const token = sessionCookie(read);
  const secret = authOptions.secret;
  if (!token || !secret) return null;
  const claims = await decode({ token, secret }).catch(() => null);
  if (!claims?.sub || !claims.sid) return null;
  const actor = await findSessionActor(db, claims.sub, claims.sid);
  return actor ? { actor, sessionId: claims.sid } : null;
}

function parseCookieHeader(header: string | null): Map<string, string> {
  const jar = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index <= 0) continue;
    const name = part.slice(0, index).trim();
    if (jar.has(name)) continue;
    try {
      jar.set(name, decodeURIComponent(part.slice(index + 1).trim()));
    } catch {
      // A malformed cookie is no session.
    }
  }
  return jar;
}

/** The session of a route handler's request (tRPC, export), or null. */
export function sessionOfRequest(db: Db, request: Request): Promise<RequestSession | null> {
  const jar = parseCookieHeader(request.headers.get('cookie'));
  return resolveSession(db, (name) => jar.get(name));
}

/** The session of the page being rendered, once per request however many components ask. */
export const getRequestSession = cache(async (): Promise<RequestSession | null> => {
  const store = await cookies();
  return resolveSession(getDb(), (name) => store.get(name)?.value);
});

/** The signed-in user for a server component or route handler, or null. */
export async function getActor(): Promise<Actor | null> {
  return (await getRequestSession())?.actor ?? null;
}
