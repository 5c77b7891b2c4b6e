import { mapIdOfSource, requireMapRole } from '@/server/access/map-access';
import { createSource } from '@/server/domain/sources/create-source';
import { deleteSource, getSourceDeleteImpact } from '@/server/domain/sources/delete-source';
import { getSource } from '@/server/domain/sources/get-source';
import { listSources } from '@/server/domain/sources/list-sources';
import { updateSource } from '@/server/domain/sources/update-source';
import { ZMapIdInput } from '@/shared/schemas/map';
import { ZCreateSourceInput, ZDeleteSourceInput, ZSourceIdInput, ZUpdateSourceInput } from '@/shared/schemas/source';
import { createTRPCRouter, protectedProcedure, publicProcedure } from '../trpc';

const EDIT = { isWrite: true } as const;

export const sourceRouter = createTRPCRouter({
  create: protectedProcedure.input(ZCreateSourceInput).mutation(async ({ ctx, input }) => {
    await requireMapRole(ctx.db, ctx.actor, input.mapId, 'editor', EDIT);
    return createSource(ctx.db, { actor: ctx.actor, mapId: input.mapId, clientMutationId: input.clientMutationId }, input);
  }),

  list: publicProcedure.input(ZMapIdInput).query(async ({ ctx, input }) => {
    const access = await requireMapRole(ctx.db, ctx.actor, input.mapId, 'viewer');
    return listSources(ctx.db, { actor: ctx.actor, access });
  }),

  get: publicProcedure.input(ZSourceIdInput).query(async ({ ctx, input }) => {
    const mapId = await mapIdOfSource(ctx.db, input.id);
    const access = await requireMapRole(ctx.db, ctx.actor, mapId, 'viewer');
    return getSource(ctx.db, { actor: ctx.actor, access }, input.id);
  }),

  update: protectedProcedure.input(ZUpdateSourceInput).mutation(async ({ ctx, input }) => {
    const mapId = await mapIdOfSource(ctx.db, input.id);
    await requireMapRole(ctx.db, ctx.actor, mapId, 'editor', EDIT);
    return updateSource(ctx.db, { actor: ctx.actor, mapId, clientMutationId: input.clientMutationId }, input);
  }),

  deleteImpact: protectedProcedure.input(ZSourceIdInput).query(async ({ ctx, input }) => {
    const mapId = await mapIdOfSource(ctx.db, input.id);
    const access = await requireMapRole(ctx.db, ctx.actor, mapId, 'editor');
    return getSourceDeleteImpact(ctx.db, { actor: ctx.actor, access }, input.id);
  }),

  delete: protectedProcedure.input(ZDeleteSourceInput).mutation(async ({ ctx, input }) => {
    const mapId = await mapIdOfSource(ctx.db, input.id);
    await requireMapRole(ctx.db, ctx.actor, mapId, 'editor', EDIT);
    return deleteSource(ctx.db, { actor: ctx.actor, mapId, clientMutationId: input.clientMutationId }, input);
  }),
});
