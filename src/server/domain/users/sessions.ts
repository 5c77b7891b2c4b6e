import crypto from 'node:crypto';
import type { Db } from '@/server/db';
import type { Actor } from '@/server/access/actor';

/**
 * Server-side sessions: every sign-in creates a row in `Session` (next-auth's model) and the JWT
 * cookie carries its id (`sid`). A request's user is read together with that row, so deleting the
 * row — sign-out, "sign out everywhere", a password change — ends the session at once, whatever
 * the cookie's own expiry says.
 */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

export async function createSession(db: Db, userId: string): Promise<string> {
  const sessionId = crypto.randomBytes(24).toString('base64url');
  await db.session.create({
    data: { sessionToken: sessionId, userId, expires: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000) },
    select: { id: true },
  });
  return sessionId;
}

/**
 * The user of a live session, or null (ended, expired, or belonging to someone else): one query,
 * which is also the re-read that makes a deleted user anonymous.
 */
export async function findSessionActor(db: Db, userId: string, sessionId: string): Promise<Actor | null> {
  const session = await db.session.findUnique({
    where: { sessionToken: sessionId },
    select: { userId: true, expires: true, user: { select: { id: true, displayName: true, isGuest: true } } },
  });
  if (!session || session.userId !== userId || session.expires.getTime() <= Date.now()) return null;
  return session.user;
}

export async function isSessionLive(db: Db, sessionId: string): Promise<boolean> {
  const session = await db.session.findUnique({ where: { sessionToken: sessionId }, select: { expires: true } });
  return Boolean(session && session.expires.getTime() > Date.now());
}

export async function endSession(db: Db, sessionId: string): Promise<void> {
  await db.session.deleteMany({ where: { sessionToken: sessionId } });
}

/** Ends every session of the user except `keepSessionId` (the caller's own); returns how many ended. */
export async function endOtherSessions(db: Db, userId: string, keepSessionId: string | null): Promise<number> {
  const result = await db.session.deleteMany({
    where: { userId, ...(keepSessionId ? { sessionToken: { not: keepSessionId } } : {}) },
  });
  // Expired rows of anyone are swept now and then by whoever passes.
  if (Math.random() < 0.05) void db.session.deleteMany({ where: { expires: { lt: new Date() } } }).catch(() => {});
  return result.count;
}
