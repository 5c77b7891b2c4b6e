import type { Db } from '@/server/db';
import type { WriteContext } from '@/server/domain/context';
import { runMapWrite } from '@/server/sync/append-event';
import type { TUpdateMapInput } from '@/shared/schemas/map';

export async function updateMap(db: Db, context: WriteContext, input: TUpdateMapInput) {
  const { actor } = context;
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

export async function deleteMap(db: Db, context: WriteContext) {
  const { mapId } = context;
  await db.map.delete({ where: { id: mapId } });
  return { mapId };
}
