import { z } from 'zod';
import { requireMapRole } from '@/server/access/map-access';
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
import { createTRPCRouter, protectedProcedure, publicProcedure } from '../trpc';

export const mapRouter = createTRPCRouter({
  create: protectedProcedure.input(ZCreateMapInput).mutation(({ ctx, input }) => createMap(ctx.db, { actor: ctx.actor }, input)),

  /** A new map from one of the starting shapes (thesis with pros and cons, debate, source analysis). */
  createFromTemplate: protectedProcedure
    .input(ZCreateMapFromTemplateInput)
    .mutation(({ ctx, input }) => createMapFromTemplate(ctx.db, { actor: ctx.actor }, input)),

  /** A private copy of one of the caller's maps for another class: content only, no votes or members. */
  duplicate: protectedProcedure.input(ZDuplicateMapInput).mutation(async ({ ctx, input }) => {
    await requireMapRole(ctx.db, ctx.actor, input.mapId, 'owner');
    await enforceRateLimit(ctx.db, IMPORT_RATE_LIMIT, ctx.actor.id);
    return duplicateMap(ctx.db, { actor: ctx.actor, mapId: input.mapId }, input);
  }),

  /** A new map, owned by the caller, from an Argdown, AIF, Kialo or Crux JSON document (one transaction). */
  import: protectedProcedure.input(ZImportMapInput).mutation(async ({ ctx, input }) => {
    await enforceRateLimit(ctx.db, IMPORT_RATE_LIMIT, ctx.actor.id);
    return importMap(ctx.db, { actor: ctx.actor }, input);
  }),

  list: protectedProcedure.input(z.void()).query(({ ctx }) => listMaps(ctx.db, { actor: ctx.actor })),

  explore: publicProcedure.input(z.void()).query(({ ctx }) => listPublicMaps(ctx.db)),

  get: publicProcedure.input(ZMapIdInput).query(async ({ ctx, input }) => {
    const access = await requireMapRole(ctx.db, ctx.actor, input.mapId, 'viewer');
    return getMap(ctx.db, { actor: ctx.actor, access });
  }),

  update: protectedProcedure.input(ZUpdateMapInput).mutation(async ({ ctx, input }) => {
    await requireMapRole(ctx.db, ctx.actor, input.mapId, 'owner');
    return updateMap(ctx.db, { actor: ctx.actor, mapId: input.mapId }, input);
  }),

  delete: protectedProcedure.input(ZMapIdInput).mutation(async ({ ctx, input }) => {
    await requireMapRole(ctx.db, ctx.actor, input.mapId, 'owner');
    return deleteMap(ctx.db, { actor: ctx.actor, mapId: input.mapId });
  }),

  /** Blind voting: the owner shows everyone every target's aggregates. */
  revealResults: protectedProcedure.input(ZMapIdInput).mutation(async ({ ctx, input }) => {
    await requireMapRole(ctx.db, ctx.actor, input.mapId, 'owner', { isWrite: true });
    return revealResults(ctx.db, { actor: ctx.actor, mapId: input.mapId });
  }),

  /** Full-text search over the map's live claims and its sources; anyone who may view the map. */
  search: publicProcedure.input(ZMapSearchInput).query(async ({ ctx, input }) => {
    const access = await requireMapRole(ctx.db, ctx.actor, input.mapId, 'viewer');
    return searchMap(ctx.db, { actor: ctx.actor, access }, input);
  }),

  /** Participation per member as rows and CSV; the owner's, so names are included unless omitted. */
  participation: protectedProcedure.input(ZParticipationInput).query(async ({ ctx, input }) => {
    const access = await requireMapRole(ctx.db, ctx.actor, input.mapId, 'owner');
    return exportParticipation(ctx.db, { actor: ctx.actor, access }, { omitNames: input.omitNames });
  }),

  /** The owner's class panel: members and their vote counts, votes and disagreement per claim. */
  classStatus: protectedProcedure.input(ZMapIdInput).query(async ({ ctx, input }) => {
    const access = await requireMapRole(ctx.db, ctx.actor, input.mapId, 'owner');
    return getClassStatus(ctx.db, { actor: ctx.actor, access });
  }),
});
