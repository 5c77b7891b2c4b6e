import crypto from 'node:crypto';
import { createCaller } from '@/server/api/root';
import { getDb } from '@/server/db';
import type { Actor } from '@/server/access/actor';
import type { MapRoleName } from '@/shared/roles';

export const db = () => getDb();

export async function createUser(options: { displayName?: string; isGuest?: boolean } = {}): Promise<Actor> {
  const suffix = crypto.randomBytes(4).toString('hex');
  const user = await getDb().user.create({
    data: {
      displayName: options.displayName ?? `User ${suffix}`,
      email: options.isGuest ? null : `user-${suffix}@example.test`,
      isGuest: options.isGuest ?? false,
    },
    select: { id: true, displayName: true, isGuest: true },
  });
  return user;
}

export function callerFor(actor: Actor | null) {
  return createCaller({ db: getDb(), actor, ip: `test-${actor?.id ?? 'anon'}` });
}

/** A map owned by `owner`, with the given other users added as members. */
export async function createMapWith(
  owner: Actor,
  members: { actor: Actor; role: MapRoleName }[] = [],
  options: { visibility?: 'private' | 'link' | 'public'; title?: string } = {},
) {
  const map = await callerFor(owner).map.create({
    title: options.title ?? 'Test map',
    visibility: options.visibility ?? 'private',
  });
  if (members.length) {
    await getDb().mapMember.createMany({
      data: members.map(({ actor, role }) => ({ mapId: map.id, userId: actor.id, role })),
    });
  }
  return map;
}
