import type { Db } from '@/server/db';
import type { StoredMapEvent } from './event-types';

/**
 * The comments among these events' comment.created / comment.updated that the owner has hidden since:
 * their text stays in the log, but only the owner may read it there (redactEventFor gives everyone
 * else the hidden form). One indexed read (shared by concurrent callers), and none for a batch without comment text.
 */
export async function hiddenCommentIdsIn(db: Db, mapId: string, events: readonly StoredMapEvent[]): Promise<ReadonlySet<string>> {
  const ids = new Set<string>();
  for (const event of events) {
    if (event.type === 'comment.created') ids.add(event.payload.comment.id);
    else if (event.type === 'comment.updated') ids.add(event.payload.commentId);
  }
  if (!ids.size) return EMPTY;
  // Every subscriber of a map redacts the same new batch at once: they share one read while it runs.
  const key = `${mapId}\u0000${[...ids].sort().join(',')}`;
  const running = inFlight.get(key);
  if (running) return running;
  const read = db.comment
    .findMany({ where: { id: { in: [...ids] }, mapId, hiddenAt: { not: null } }, select: { id: true } })
    .then((rows): ReadonlySet<string> => (rows.length ? new Set(rows.map((row) => row.id)) : EMPTY))
    .finally(() => inFlight.delete(key));
  inFlight.set(key, read);
  return read;
}

const inFlight = new Map<string, Promise<ReadonlySet<string>>>();

const EMPTY: ReadonlySet<string> = new Set();
