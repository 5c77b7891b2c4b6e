import { createLink, deleteLink, updateLinkRelation } from '@/server/domain/links/change-link';
import { ZCreateLinkInput, ZLinkIdInput, ZUpdateLinkInput } from '@/shared/schemas/claim';
import { editorProcedure } from '../procedures';
import { createTRPCRouter } from '../trpc';

const byLink = (input: { id: string }) => ({ kind: 'link', id: input.id }) as const;

export const linkRouter = createTRPCRouter({
  // The target claim's map decides access; the domain then refuses a source on another map.
  create: editorProcedure(ZCreateLinkInput, (input) => ({ kind: 'claim', id: input.toClaimId })).mutation(({ ctx, input }) =>
    createLink(ctx.db, ctx.map, input),
  ),

  update: editorProcedure(ZUpdateLinkInput, byLink).mutation(({ ctx, input }) => updateLinkRelation(ctx.db, ctx.map, input)),

  delete: editorProcedure(ZLinkIdInput, byLink).mutation(({ ctx, input }) => deleteLink(ctx.db, ctx.map, input.id)),
});
