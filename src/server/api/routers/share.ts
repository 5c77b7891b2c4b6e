import { mapIdOfShareLink, requireMapRole } from '@/server/access/map-access';
import { createShareLink } from '@/server/domain/sharing/create-share-link';
import { joinShareLink } from '@/server/domain/sharing/join-share-link';
import { listShareLinks } from '@/server/domain/sharing/list-share-links';
import { previewShareLink } from '@/server/domain/sharing/preview-share-link';
import { revokeShareLink } from '@/server/domain/sharing/revoke-share-link';
import { ZMapIdInput } from '@/shared/schemas/map';
import { ZCreateShareLinkInput, ZShareLinkIdInput, ZShareLookupInput } from '@/shared/schemas/share';
import { createTRPCRouter, protectedProcedure, publicProcedure } from '../trpc';

export const shareRouter = createTRPCRouter({
  create: protectedProcedure.input(ZCreateShareLinkInput).mutation(async ({ ctx, input }) => {
    await requireMapRole(ctx.db, ctx.actor, input.mapId, 'owner');
    return createShareLink(ctx.db, { actor: ctx.actor, mapId: input.mapId }, input);
  }),

  list: protectedProcedure.input(ZMapIdInput).query(async ({ ctx, input }) => {
    const access = await requireMapRole(ctx.db, ctx.actor, input.mapId, 'owner');
    return listShareLinks(ctx.db, { actor: ctx.actor, access });
  }),

  revoke: protectedProcedure.input(ZShareLinkIdInput).mutation(async ({ ctx, input }) => {
    const mapId = await mapIdOfShareLink(ctx.db, input.id);
    await requireMapRole(ctx.db, ctx.actor, mapId, 'owner');
    return revokeShareLink(ctx.db, { actor: ctx.actor, mapId }, input.id);
  }),

  /** Public: what a link or code leads to, or why it no longer works. Codes are rate-limited. */
  preview: publicProcedure
    .input(ZShareLookupInput)
    .query(({ ctx, input }) => previewShareLink(ctx.db, { actor: ctx.actor, ip: ctx.ip }, input)),

  /** Holding a valid link is the permission: any signed-in user (guests too) may join with it. */
  join: protectedProcedure
    .input(ZShareLookupInput)
    .mutation(({ ctx, input }) => joinShareLink(ctx.db, { actor: ctx.actor, ip: ctx.ip }, input)),
});
