import { createSource } from '@/server/domain/sources/create-source';
import { deleteSource, getSourceDeleteImpact } from '@/server/domain/sources/delete-source';
import { getSource } from '@/server/domain/sources/get-source';
import { listSources } from '@/server/domain/sources/list-sources';
import { updateSource } from '@/server/domain/sources/update-source';
import { ZMapIdInput } from '@/shared/schemas/map';
import { ZCreateSourceInput, ZDeleteSourceInput, ZSourceIdInput, ZUpdateSourceInput } from '@/shared/schemas/source';
import { byMapId, editorProcedure, editorQueryProcedure, viewerProcedure } from '../procedures';
import { createTRPCRouter } from '../trpc';

const bySource = (input: { id: string }) => ({ kind: 'source', id: input.id }) as const;

export const sourceRouter = createTRPCRouter({
  create: editorProcedure(ZCreateSourceInput, byMapId).mutation(({ ctx, input }) => createSource(ctx.db, ctx.map, input)),

  list: viewerProcedure(ZMapIdInput, byMapId).query(({ ctx }) => listSources(ctx.db, ctx.map)),

  get: viewerProcedure(ZSourceIdInput, bySource).query(({ ctx, input }) => getSource(ctx.db, ctx.map, input.id)),

  update: editorProcedure(ZUpdateSourceInput, bySource).mutation(({ ctx, input }) => updateSource(ctx.db, ctx.map, input)),

  deleteImpact: editorQueryProcedure(ZSourceIdInput, bySource).query(({ ctx, input }) => getSourceDeleteImpact(ctx.db, ctx.map, input.id)),

  delete: editorProcedure(ZDeleteSourceInput, bySource).mutation(({ ctx, input }) => deleteSource(ctx.db, ctx.map, input)),
});
