import { z } from 'zod';
import { requireMapRole } from '@/server/access/map-access';
import { listMapEvents, ZListEventsInput } from '@/server/sync/list-events';
import { streamMapEvents, unsupportedProtocolError } from '@/server/sync/stream-map-events';
import { MIN_SUPPORTED_PROTOCOL_VERSION } from '@/shared/events';
import { ZId } from '@/shared/schemas/map';
import { byMapId, viewerProcedure } from '../procedures';
import { createTRPCRouter, publicProcedure } from '../trpc';

export const ZOnMapEventInput = z.object({
  mapId: ZId,
  /** The last seq the client has (an EventSource's Last-Event-ID overrides it on reconnect). */
  lastEventId: z
    .string()
    .regex(/^\d{1,12}$/, 'lastEventId must be a seq number.')
    .nullish(),
  /** The event protocol the client speaks (MAP_EVENT_PROTOCOL_VERSION); absent: the current one. */
  protocolVersion: z.number().int().min(0).max(1000).optional(),
});

export const eventsRouter = createTRPCRouter({
  /**
   * The map's event log, live: backlog after lastEventId, then new events, each
   * `tracked(String(seq), …)` and redacted for the caller. Ends with FORBIDDEN if they lose access.
   */
  onMapEvent: publicProcedure.input(ZOnMapEventInput).subscription(async ({ ctx, input, signal }) => {
    if (input.protocolVersion !== undefined && input.protocolVersion < MIN_SUPPORTED_PROTOCOL_VERSION) {
      throw unsupportedProtocolError(input.protocolVersion);
    }
    await requireMapRole(ctx.db, ctx.actor, input.mapId, 'viewer');
    return streamMapEvents({ db: ctx.db, actor: ctx.actor, mapId: input.mapId, lastEventId: input.lastEventId, signal });
  }),

  /** A page of the log: gap filling (afterSeq) and the history panel (newest, or beforeSeq). */
  list: viewerProcedure(ZListEventsInput, byMapId).query(({ ctx, input }) => listMapEvents(ctx.db, ctx.actor, input)),
});
