import { z } from 'zod';
import { requireMapRole } from '@/server/access/map-access';
import { createMap } from '@/server/domain/maps/create-map';
import { getMap } from '@/server/domain/maps/get-map';
import { listMaps, listPublicMaps } from '@/server/domain/maps/list-maps';
import { deleteMap, updateMap } from '@/server/domain/maps/update-map';
import { ZCreateMapInput, ZMapIdInput, ZUpdateMapInput } from '@/shared/schemas/map';
import { createTRPCRouter, protectedProcedure, publicProcedure } from '../trpc';

export const mapRouter = createTRPCRouter({
  create: protectedProcedure.input(ZCreateMapInput).mutation(({ ctx, input }) => createMap(ctx.db, ctx.actor, input)),

  list: protectedProcedure.input(z.void()).query(({ ctx }) => listMaps(ctx.db, ctx.actor)),

  explore: publicProcedure.input(z.void()).query(({ ctx }) => listPublicMaps(ctx.db)),

  get: publicProcedure.input(ZMapIdInput).query(async ({ ctx, input }) => {
    const access = await requireMapRole(ctx.db, ctx.actor, input.mapId, 'viewer');
    return getMap(ctx.db, ctx.actor, access);
  }),

  update: protectedProcedure.input(ZUpdateMapInput).mutation(async ({ ctx, input }) => {
    await requireMapRole(ctx.db, ctx.actor, input.mapId, 'owner');
    return updateMap(ctx.db, ctx.actor, input);
  }),

  delete: protectedProcedure.input(ZMapIdInput).mutation(async ({ ctx, input }) => {
    await requireMapRole(ctx.db, ctx.actor, input.mapId, 'owner');
    return deleteMap(ctx.db, input.mapId);
  }),
});
