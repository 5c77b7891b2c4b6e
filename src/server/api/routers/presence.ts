import { TRPCError } from '@trpc/server';
import { requireMapRole } from '@/server/access/map-access';
import type { Actor } from '@/server/access/actor';
import {
  checkPresenceRate,
  presenceMessage,
  publishPresence,
  streamPresence,
  ZOnPresenceInput,
  ZPresenceLeaveInput,
  ZPresenceUpdateInput,
} from '@/server/sync/presence';
import { createTRPCRouter, publicProcedure } from '../trpc';

/**
 * Presence is ephemeral broadcast, not a document write: it does not count against the per-user
 * write limit of protectedProcedure (a heartbeat every 10 s would eat into it), and has its own
 * light per-process limit instead. Anonymous visitors of public maps may watch but not publish.
 */
function signedIn(actor: Actor | null): Actor {
  if (!actor) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in to show others where you are on the map.' });
  return actor;
}

export const presenceRouter = createTRPCRouter({
  /** Announces what the caller has selected or is editing (also the 10-second heartbeat). */
  update: publicProcedure.input(ZPresenceUpdateInput).mutation(async ({ ctx, input }) => {
    const actor = signedIn(ctx.actor);
    checkPresenceRate(actor.id);
    await requireMapRole(ctx.db, actor, input.mapId, 'viewer');
    await publishPresence(ctx.db, presenceMessage(actor, input, 'state'));
    return { ok: true as const };
  }),

  /** Withdraws the caller's presence at once (tab closed); otherwise it expires after 30 s. */
  leave: publicProcedure.input(ZPresenceLeaveInput).mutation(async ({ ctx, input }) => {
    const actor = signedIn(ctx.actor);
    checkPresenceRate(actor.id);
    await requireMapRole(ctx.db, actor, input.mapId, 'viewer');
    await publishPresence(ctx.db, presenceMessage(actor, input, 'leave'));
    return { ok: true as const };
  }),

  /** Who else is on the map now, yielded on every change; anonymous visitors may watch. */
  onPresence: publicProcedure.input(ZOnPresenceInput).subscription(async ({ ctx, input, signal }) => {
    await requireMapRole(ctx.db, ctx.actor, input.mapId, 'viewer');
    return streamPresence({ db: ctx.db, actor: ctx.actor, mapId: input.mapId, clientId: input.clientId, signal });
  }),
});
