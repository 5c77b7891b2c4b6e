import { decode } from 'next-auth/jwt';
import type { Actor } from '@/server/access/actor';
import type { Db } from '@/server/db';
import { findSessionActor } from '@/server/domain/users/sessions';

/**
 * The one way a request becomes a user: the next-auth JWT cookie names a user and a server-side
 * session (`sid`); the user is re-read together with that session row, so an ended session, or a
 * deleted user, is anonymous at once. Plain module (no `server-only`): the API is served by the Node
 * server in front of Next as well as by Next's route (see src/server/api/trpc-http-handler.ts).
 */
export interface RequestSession {
  actor: Actor;
  sessionId: string;
}

// next-auth's cookie: `__Secure-` prefixed when NEXTAUTH_URL is https. Very large tokens are chunked (.0, .1, …).
const COOKIE_NAMES = ['__Secure-next-auth.session-token', 'next-auth.session-token'];

export type CookieReader = (name: string) => string | undefined;

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

/** The same secret next-auth signs with (src/server/auth/options.ts). */
export function authSecret(): string | undefined {
  return process.env.AUTH_SECRET ?? process.env.NEXTAUTH_SECRET;
}

interface SessionClaims {
  userId: string;
  sessionId: string;
}

// Decoding is a pure function of the token (and secret): decrypt once, check the session row every time.
const DECODED_TOKEN_CACHE_SIZE = 1000;
const decodedTokens = new Map<string, { claims: SessionClaims | null; expiresAt: number }>();

async function claimsOf(token: string, secret: string): Promise<SessionClaims | null> {
  const key = `${secret}\u0000${token}`;
  const cached = decodedTokens.get(key);
  if (cached) {
    decodedTokens.delete(key);
    // next-auth's decode refuses an expired token; so does the cache.
    if (cached.expiresAt > Date.now()) {
      // Re-inserted so the map's order is least recently used first.
      decodedTokens.set(key, cached);
      return cached.claims;
    }
  }
  const decoded = await decode({ token, secret }).catch(() => null);
  const claims = decoded?.sub && typeof decoded.sid === 'string' ? { userId: decoded.sub, sessionId: decoded.sid } : null;
  if (claims && typeof decoded?.exp === 'number') {
    decodedTokens.set(key, { claims, expiresAt: decoded.exp * 1000 });
    if (decodedTokens.size > DECODED_TOKEN_CACHE_SIZE) decodedTokens.delete(decodedTokens.keys().next().value as string);
  }
  return claims;
}

export async function resolveSession(db: Db, read: CookieReader): Promise<RequestSession | null> {
  const token = sessionCookie(read);
  const secret = authSecret();
  if (!token || !secret) return null;
  const claims = await claimsOf(token, secret);
  if (!claims) return null;
  const actor = await findSessionActor(db, claims.userId, claims.sessionId);
  return actor ? { actor, sessionId: claims.sessionId } : null;
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

/**
 * A request's session claims, checked against the database later, by whoever reads the caller first: a
 * map write checks it in its access query (one round trip for both), anything else calls `verify`.
 */
export interface PendingSession {
  userId: string;
  sessionId: string;
  /** The session's user, re-read with its session row (once, however many ask), or null. */
  verify: () => Promise<Actor | null>;
}

/** The request's session claims without the database check (see PendingSession), or null. */
export async function pendingSessionOfRequest(db: Db, request: Request): Promise<PendingSession | null> {
  return pendingSessionOfCookies(db, request.headers.get('cookie'));
}

/** The same, from a Cookie header as the Node server reads it. */
export async function pendingSessionOfCookies(db: Db, cookieHeader: string | null | undefined): Promise<PendingSession | null> {
  const jar = parseCookieHeader(cookieHeader ?? null);
  const token = sessionCookie((name) => jar.get(name));
  const secret = authSecret();
  if (!token || !secret) return null;
  const claims = await claimsOf(token, secret);
  if (!claims) return null;
  let verified: Promise<Actor | null> | null = null;
  return { ...claims, verify: () => (verified ??= findSessionActor(db, claims.userId, claims.sessionId)) };
}

/** The session of a route handler's request (tRPC, export), or null. */
export function sessionOfRequest(db: Db, request: Request): Promise<RequestSession | null> {
  const jar = parseCookieHeader(request.headers.get('cookie'));
  return resolveSession(db, (name) => jar.get(name));
}
