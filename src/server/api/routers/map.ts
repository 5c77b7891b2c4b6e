import { z } from 'zod';
import { createMap } from '@/server/domain/maps/create-map';
import { getMap } from '@/server/domain/maps/get-map';
import { listMaps, listPublicMaps } from '@/server/domain/maps/list-maps';
import { deleteMap, updateMap } from '@/server/domain/maps/update-map';
import { revealResults } from '@/server/domain/votes/reveal-results';
import { ZCreateMapFromTemplateInput, ZCreateMapInput, ZDuplicateMapInput, ZMapIdInput, ZUpdateMapInput } from '@/shared/schemas/map';
import { createMapFromTemplate, duplicateMap } from '@/server/domain/maps/map-templates';
import { exportParticipation } from '@/server/domain/members/export-participation';
import { ZParticipationInput } from '@/shared/schemas/member';
import { searchMap } from '@/server/domain/search/search-map';
import { ZMapSearchInput } from '@/shared/schemas/source';
import { importMap, IMPORT_RATE_LIMIT } from '@/server/domain/exchange/import-map';
import { enforceRateLimit } from '@/server/domain/rate-limit/rate-limit';
import { ZImportMapInput } from '@/shared/schemas/exchange';
import { getClassStatus } from '@/server/domain/classroom/class-status';
import { byMapId, ownerProcedure, viewerProcedure } from '../procedures';
import { createTRPCRouter, protectedProcedure, publicProcedure } from '../trpc';

export const mapRouter = createTRPCRouter({
  create: protectedProcedure.input(ZCreateMapInput).mutation(({ ctx, input }) => createMap(ctx.db, { actor: ctx.actor }, input)),

  /** A new map from one of the starting shapes (thesis with pros and cons, debate, source analysis). */
  createFromTemplate: protectedProcedure
    .input(ZCreateMapFromTemplateInput)
    .mutation(({ ctx, input }) => createMapFromTemplate(ctx.db, { actor: ctx.actor }, input)),

  /** A private copy of one of the caller's maps for another class: content only, no votes or members. */
  duplicate: ownerProcedure(ZDuplicateMapInput, byMapId).mutation(async ({ ctx, input }) => {
    await enforceRateLimit(ctx.db, IMPORT_RATE_LIMIT, ctx.map.actor.id);
    return duplicateMap(ctx.db, ctx.map, input);
  }),

  /** A new map, owned by the caller, from an Argdown, AIF, Kialo or Crux JSON document (one transaction). */
  import: protectedProcedure.input(ZImportMapInput).mutation(async ({ ctx, input }) => {
    await enforceRateLimit(ctx.db, IMPORT_RATE_LIMIT, ctx.actor.id);
    return importMap(ctx.db, { actor: ctx.actor }, input);
  }),

  list: protectedProcedure.input(z.void()).query(({ ctx }) => listMaps(ctx.db, { actor: ctx.actor })),

  explore: publicProcedure.input(z.void()).query(({ ctx }) => listPublicMaps(ctx.db)),

  get: viewerProcedure(ZMapIdInput, byMapId).query(({ ctx }) => getMap(ctx.db, ctx.map)),

  update: ownerProcedure(ZUpdateMapInput, byMapId).mutation(({ ctx, input }) => updateMap(ctx.db, ctx.map, input)),

  delete: ownerProcedure(ZMapIdInput, byMapId).mutation(({ ctx }) => deleteMap(ctx.db, ctx.map)),

  /** Blind voting: the owner shows everyone every target's aggregates. */
  revealResults: ownerProcedure(ZMapIdInput, byMapId).mutation(({ ctx }) => revealResults(ctx.db, ctx.map)),

  /** Full-text search over the map's live claims and its sources; anyone who may view the map. */
  search: viewerProcedure(ZMapSearchInput, byMapId).query(({ ctx, input }) => searchMap(ctx.db, ctx.map, input)),

  /** Participation per member as rows and CSV; the owner's, so names are included unless omitted. */
  participation: ownerProcedure(ZParticipationInput, byMapId).query(({ ctx, input }) =>
    exportParticipation(ctx.db, ctx.map, { omitNames: input.omitNames }),
  ),

  /** The owner's class panel: members and their vote counts, votes and disagreement per claim. */
  classStatus: ownerProcedure(ZMapIdInput, byMapId).query(({ ctx }) => getClassStatus(ctx.db, ctx.map)),
});
