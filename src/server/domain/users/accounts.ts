import argon2 from 'argon2';
import type { Db } from '@/server/db';
import type { UserContext } from '@/server/domain/context';
import { DomainError } from '@/server/domain/errors';
import type { Actor } from '@/server/access/actor';
import type { TSignUpInput } from '@/shared/schemas/user';
import { beginSignInAttempt, clearSignInFailures } from './sign-in-guard';
import { endOtherSessions } from './sessions';

const ARGON2_OPTIONS = { type: argon2.argon2id } as const;

/**
 * A hash of nothing anyone knows, made with the same parameters as real ones: an email without a
 * password (unknown, a guest, an OAuth account) is checked against it, so a sign-in takes as long
 * whether or not the account exists.
 */
let dummyHash: Promise<string> | null = null;
function dummyPasswordHash(): Promise<string> {
  dummyHash ??= argon2.hash(`crux-no-such-account-${Math.random()}`, ARGON2_OPTIONS);
  return dummyHash;
}

async function verifyPassword(passwordHash: string | null | undefined, password: string): Promise<boolean> {
  if (!passwordHash) {
    await argon2.verify(await dummyPasswordHash(), password).catch(() => false);
    return false;
  }
  return argon2.verify(passwordHash, password).catch(() => false);
}

function toActor(user: { id: string; displayName: string; isGuest: boolean }): Actor {
  return { id: user.id, displayName: user.displayName, isGuest: user.isGuest };
}

export async function signUp(db: Db, input: TSignUpInput): Promise<Actor> {
  const existing = await db.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (existing) throw new DomainError('CONFLICT', 'An account with this email already exists. Sign in instead.');
  const passwordHash = await argon2.hash(input.password, ARGON2_OPTIONS);
  try {
    const user = await db.user.create({
      data: { email: input.email, passwordHash, displayName: input.displayName ?? input.email.split('@')[0]! },
      select: { id: true, displayName: true, isGuest: true },
    });
    return toActor(user);
  } catch (error) {
    // Two sign-ups racing for one email: the unique index decides.
    if ((error as { code?: string }).code === 'P2002') {
      throw new DomainError('CONFLICT', 'An account with this email already exists. Sign in instead.');
    }
    throw error;
  }
}

export type PasswordSignIn =
  | { kind: 'ok'; actor: Actor }
  | { kind: 'wrong' }
  /** The email has failed too often lately (sign-in-guard.ts): not even checked this time. */
  | { kind: 'limited'; retryAfterSeconds: number };

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Checks an email and password under the per-account back-off; never says which one was wrong,
 * and takes as long for an email without an account as for one with.
 */
export async function signInWithPassword(db: Db, rawEmail: string, password: string): Promise<PasswordSignIn> {
  const email = normalizeEmail(rawEmail);
  const attempt = await beginSignInAttempt(db, email);
  if (!attempt.isAllowed) return { kind: 'limited', retryAfterSeconds: attempt.retryAfterSeconds };
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, displayName: true, isGuest: true, passwordHash: true },
  });
  const isValid = await verifyPassword(user?.passwordHash, password);
  if (!user || !isValid) return { kind: 'wrong' };
  await clearSignInFailures(db, email);
  return { kind: 'ok', actor: toActor(user) };
}

/** Returns the user for a correct email and password, or null (no back-off: for tests and tools). */
export async function verifyCredentials(db: Db, email: string, password: string): Promise<Actor | null> {
  const user = await db.user.findUnique({
    where: { email: normalizeEmail(email) },
    select: { id: true, displayName: true, isGuest: true, passwordHash: true },
  });
  const isValid = await verifyPassword(user?.passwordHash, password);
  return user && isValid ? toActor(user) : null;
}

/**
 * A new password, after the current one is confirmed (under the same back-off as sign-in, so this is
 * no side door for guessing). Every other session of the user ends; the caller's stays.
 */
export async function changePassword(
  db: Db,
  context: UserContext & { sessionId: string | null },
  input: { currentPassword: string; newPassword: string },
): Promise<{ endedSessions: number }> {
  const { actor, sessionId: keepSessionId } = context;
  const user = await db.user.findUnique({ where: { id: actor.id }, select: { email: true, passwordHash: true } });
  if (!user?.email || !user.passwordHash) {
    throw new DomainError('INVALID', 'This account has no password to change. A guest can add an email and password instead.');
  }
  const attempt = await beginSignInAttempt(db, user.email);
  if (!attempt.isAllowed) {
    throw new DomainError('LIMIT', `Too many wrong passwords; try again in ${attempt.retryAfterSeconds} s.`, {
      retryAfterSeconds: attempt.retryAfterSeconds,
      limit: 'sign-in:account',
    });
  }
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new DomainError('INVALID', 'Your current password is not correct.');
  }
  await clearSignInFailures(db, user.email);
  const passwordHash = await argon2.hash(input.newPassword, ARGON2_OPTIONS);
  await db.user.update({ where: { id: actor.id }, data: { passwordHash }, select: { id: true } });
  return { endedSessions: await endOtherSessions(db, actor.id, keepSessionId) };
}

export async function createGuest(db: Db, displayName: string): Promise<Actor> {
  const user = await db.user.create({
    data: { displayName, isGuest: true },
    select: { id: true, displayName: true, isGuest: true },
  });
  return toActor(user);
}

/** A guest keeps their account (and everything they wrote) by adding an email and password. */
export async function upgradeGuest(db: Db, context: UserContext, input: { email: string; password: string }): Promise<Actor> {
  const { actor } = context;
  const { email, password } = input;
  const user = await db.user.findUnique({ where: { id: actor.id }, select: { isGuest: true } });
  if (!user) throw new DomainError('NOT_FOUND', 'Your account was not found.');
  if (!user.isGuest) throw new DomainError('INVALID', 'This account already has an email and password.');
  const taken = await db.user.findUnique({ where: { email }, select: { id: true } });
  if (taken) throw new DomainError('CONFLICT', 'An account with this email already exists.');
  const passwordHash = await argon2.hash(password, ARGON2_OPTIONS);
  const updated = await db.user.update({
    where: { id: actor.id },
    data: { email, passwordHash, isGuest: false },
    select: { id: true, displayName: true, isGuest: true },
  });
  return toActor(updated);
}

export async function findActor(db: Db, userId: string): Promise<Actor | null> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, displayName: true, isGuest: true } });
  return user ? toActor(user) : null;
}
