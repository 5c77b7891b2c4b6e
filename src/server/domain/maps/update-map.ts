import type { Db } from '@/server/db';
import type { Actor } from '@/server/access/actor';
import { runMapWrite } from '@/server/sync/append-event';
import type { TUpdateMapInput } from '@/shared/schemas/map';

export async function updateMap(db: Db, actor: Actor, input: TUpdateMapInput) {
  const { mapId, ...changes } = input;
  return runMapWrite(db, mapId, { actor }, async (tx) => {
    const map = await tx.map.update({
      where: { id: mapId },
      data: changes,
      select: {
        id: true,
        title: true,
        description: true,
        visibility: true,
        isBlindVoting: true,
        isLocked: true,
        isAnonymous: true,
      },
    });
    return { result: { map }, events: [{ type: 'map.updated', payload: { ...changes } }] };
  });
}

export async function deleteMap(db: Db, mapId: string) {
  await db.map.delete({ where: { id: mapId } });
  return { mapId };
}
