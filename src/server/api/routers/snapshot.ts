import { compareSnapshots, createSnapshot, getSnapshot, listSnapshots, mapIdOfSnapshot } from '@/server/domain/snapshots/snapshots';
import { ZMapIdInput } from '@/shared/schemas/map';
import { ZCompareSnapshotsInput, ZCreateSnapshotInput, ZSnapshotIdInput } from '@/shared/schemas/snapshot';
import { byMapId, ownerProcedure, viewerProcedure } from '../procedures';
import { createTRPCRouter } from '../trpc';

export const snapshotRouter = createTRPCRouter({
  // Naming a point in time changes no content, so a locked map allows it (only the owner may anyway).
  create: ownerProcedure(ZCreateSnapshotInput, byMapId).mutation(({ ctx, input }) => createSnapshot(ctx.db, ctx.map, input)),

  list: viewerProcedure(ZMapIdInput, byMapId).query(({ ctx }) => listSnapshots(ctx.db, ctx.map)),

  get: viewerProcedure(ZSnapshotIdInput, async (input, db) => ({ kind: 'map', id: await mapIdOfSnapshot(db, input.id) })).query(
    ({ ctx, input }) => getSnapshot(ctx.db, ctx.map, input.id),
  ),

  compare: viewerProcedure(ZCompareSnapshotsInput, async (input, db) => ({
    kind: 'map',
    id: await mapIdOfSnapshot(db, input.fromId),
  })).query(({ ctx, input }) => compareSnapshots(ctx.db, ctx.map, input)),
});
