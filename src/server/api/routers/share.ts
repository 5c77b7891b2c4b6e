import { mapIdOfShareLink } from '@/server/access/map-access';
import { createShareLink } from '@/server/domain/sharing/create-share-link';
import { joinShareLink } from '@/server/domain/sharing/join-share-link';
import { listShareLinks } from '@/server/domain/sharing/list-share-links';
import { previewShareLink } from '@/server/domain/sharing/preview-share-link';
import { revokeShareLink } from '@/server/domain/sharing/revoke-share-link';
import { ZMapIdInput } from '@/shared/schemas/map';
import { ZCreateShareLinkInput, ZShareLinkIdInput, ZShareLookupInput } from '@/shared/schemas/share';
import { byMapId, ownerProcedure } from '../procedures';
import { createTRPCRouter, protectedProcedure, publicProcedure } from '../trpc';

export const shareRouter = createTRPCRouter({
  create: ownerProcedure(ZCreateShareLinkInput, byMapId).mutation(({ ctx, input }) => createShareLink(ctx.db, ctx.map, input)),

  list: ownerProcedure(ZMapIdInput, byMapId).query(({ ctx }) => listShareLinks(ctx.db, ctx.map)),

  revoke: ownerProcedure(ZShareLinkIdInput, async (input, db) => ({ kind: 'map', id: await mapIdOfShareLink(db, input.id) })).mutation(
    ({ ctx, input }) => revokeShareLink(ctx.db, ctx.map, input.id),
  ),

  /** Public: what a link or code leads to, or why it no longer works. Codes are rate-limited. */
  preview: publicProcedure
    .input(ZShareLookupInput)
    .query(({ ctx, input }) => previewShareLink(ctx.db, { actor: ctx.actor, ip: ctx.ip }, input)),

  /** Holding a valid link is the permission: any signed-in user (guests too) may join with it. */
  join: protectedProcedure
    .input(ZShareLookupInput)
    .mutation(({ ctx, input }) => joinShareLink(ctx.db, { actor: ctx.actor, ip: ctx.ip }, input)),
});
