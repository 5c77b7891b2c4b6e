import type { Db } from '@/server/db';
import type { UserContext } from '@/server/domain/context';
import { appendMapEvent } from '@/server/sync/append-event';
import type { TCreateMapInput } from '@/shared/schemas/map';

export async function createMap(db: Db, context: UserContext, input: TCreateMapInput) {
  const { actor } = context;
  return db.$transaction(async (tx) => {
    const map = await tx.map.create({
      data: {
        title: input.title,
        description: input.description ?? '',
        visibility: input.visibility ?? 'private',
        ownerId: actor.id,
        members: { create: { userId: actor.id, role: 'owner' } },
      },
      select: { id: true, title: true, description: true, visibility: true, createdAt: true },
    });
    await appendMapEvent(tx, map.id, { type: 'map.created', payload: { title: map.title } }, { actor });
    return map;
  });
}
