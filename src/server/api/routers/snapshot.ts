import { requireMapRole } from '@/server/access/map-access';
import { compareSnapshots, createSnapshot, getSnapshot, listSnapshots, mapIdOfSnapshot } from '@/server/domain/snapshots/snapshots';
import { ZMapIdInput } from '@/shared/schemas/map';
import { ZCompareSnapshotsInput, ZCreateSnapshotInput, ZSnapshotIdInput } from '@/shared/schemas/snapshot';
import { createTRPCRouter, protectedProcedure, publicProcedure } from '../trpc';

export const snapshotRouter = createTRPCRouter({
  // Naming a point in time changes no content, so a locked map allows it (only the owner may anyway).
  create: protectedProcedure.input(ZCreateSnapshotInput).mutation(async ({ ctx, input }) => {
    await requireMapRole(ctx.db, ctx.actor, input.mapId, 'owner');
    return createSnapshot(ctx.db, { actor: ctx.actor, mapId: input.mapId }, input);
  }),

  list: publicProcedure.input(ZMapIdInput).query(async ({ ctx, input }) => {
    const access = await requireMapRole(ctx.db, ctx.actor, input.mapId, 'viewer');
    return listSnapshots(ctx.db, { actor: ctx.actor, access });
  }),

  get: publicProcedure.input(ZSnapshotIdInput).query(async ({ ctx, input }) => {
    const access = await requireMapRole(ctx.db, ctx.actor, await mapIdOfSnapshot(ctx.db, input.id), 'viewer');
    return getSnapshot(ctx.db, { actor: ctx.actor, access }, input.id);
  }),

  compare: publicProcedure.input(ZCompareSnapshotsInput).query(async ({ ctx, input }) => {
    const access = await requireMapRole(ctx.db, ctx.actor, await mapIdOfSnapshot(ctx.db, input.fromId), 'viewer');
    return compareSnapshots(ctx.db, { actor: ctx.actor, access }, input);
  }),
});
