import argon2 from 'argon2';
import type { Db } from '@/server/db';
import { DomainError } from '@/server/domain/errors';
import type { Actor } from '@/server/access/actor';
import type { TSignUpInput } from '@/shared/schemas/user';

const ARGON2_OPTIONS = { type: argon2.argon2id } as const;

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

/** Returns the user for a correct email and password, or null; never says which one was wrong. */
export async function verifyCredentials(db: Db, email: string, password: string): Promise<Actor | null> {
  const user = await db.user.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: { id: true, displayName: true, isGuest: true, passwordHash: true },
  });
  if (!user?.passwordHash) return null;
  const isValid = await argon2.verify(user.passwordHash, password).catch(() => false);
  return isValid ? toActor(user) : null;
}

export async function createGuest(db: Db, displayName: string): Promise<Actor> {
  const user = await db.user.create({
    data: { displayName, isGuest: true },
    select: { id: true, displayName: true, isGuest: true },
  });
  return toActor(user);
}

/** A guest keeps their account (and everything they wrote) by adding an email and password. */
export async function upgradeGuest(db: Db, actor: Actor, email: string, password: string): Promise<Actor> {
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
