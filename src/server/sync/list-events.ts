import { z } from 'zod';
import type { Db } from '@/server/db';
import type { Actor } from '@/server/access/actor';
import { notFoundOrNoAccess } from '@/server/domain/errors';
import { ZId } from '@/shared/schemas/map';
import type { MapEventView } from './event-types';
import { readEventsAfter, readEventsBefore, readHeadSeq } from './read-events';
import { hiddenCommentIdsIn } from './hidden-comments';
import { loadRecipient, redactEventFor } from './redact-event';

export const ZListEventsInput = z.object({
  mapId: ZId,
  /** Gap filling: events with seq > afterSeq, oldest first. */
  afterSeq: z.number().int().min(0).optional(),
  /** History paging: the newest events with seq < beforeSeq (without afterSeq: the newest of all). */
  beforeSeq: z.number().int().min(1).optional(),
  limit: z.number().int().min(1).max(500).default(100),
});
export type TListEventsInput = z.input<typeof ZListEventsInput>;

export type MapHistoryEntry = MapEventView & {
  /** For a deleted claim, its text (events of deletions carry only the id). */
  subjectText: string | null;
};

export interface MapEventPage {
  /** Oldest first. */
  events: MapHistoryEntry[];
  /** The map's newest seq when the page was read. */
  headSeq: number;
  /** More events exist beyond this page (after it for afterSeq, before it otherwise). */
  hasMore: boolean;
}

/**
 * A page of the map's log for gap filling (`afterSeq`) or the history panel (`beforeSeq`/newest),
 * redacted for the caller exactly as the live stream is, with actors' display names.
 */
export async function listMapEvents(db: Db, actor: Actor | null, input: z.output<typeof ZListEventsInput>): Promise<MapEventPage> {
  const recipient = await loadRecipient(db, actor, input.mapId);
  if (!recipient) throw notFoundOrNoAccess();
  const headSeq = (await readHeadSeq(db, input.mapId)) ?? 0;
  const take = input.limit + 1;
  let stored =
    input.afterSeq !== undefined
      ? await readEventsAfter(db, input.mapId, input.afterSeq, take)
      : (await readEventsBefore(db, input.mapId, input.beforeSeq ?? null, take)).reverse();
  const hasMore = stored.length > input.limit;
  if (hasMore) stored = input.afterSeq !== undefined ? stored.slice(0, input.limit) : stored.slice(1);
  if (input.afterSeq !== undefined && input.beforeSeq !== undefined) {
    stored = stored.filter((event) => event.seq < input.beforeSeq!);
  }

  const deletedIds = stored.flatMap((event) => (event.type === 'claim.deleted' ? [event.payload.claimId] : []));
  const texts = deletedIds.length
    ? new Map(
        (await db.claim.findMany({ where: { id: { in: deletedIds }, mapId: input.mapId }, select: { id: true, text: true } })).map(
          (claim) => [claim.id, claim.text],
        ),
      )
    : new Map<string, string>();

  const hiddenComments = recipient.role === 'owner' ? undefined : await hiddenCommentIdsIn(db, input.mapId, stored);
  return {
    events: stored.map((event) => {
      const view = redactEventFor(recipient, event, hiddenComments);
      const subjectText = event.type === 'claim.deleted' ? (texts.get(event.payload.claimId) ?? null) : null;
      return { ...view, subjectText };
    }),
    headSeq,
    hasMore,
  };
}
