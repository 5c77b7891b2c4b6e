import { createEvidence } from '@/server/domain/evidence/create-evidence';
import { deleteEvidence, restoreEvidence } from '@/server/domain/evidence/delete-evidence';
import { updateEvidence } from '@/server/domain/evidence/update-evidence';
import { ZCreateEvidenceInput, ZEvidenceIdInput, ZUpdateEvidenceInput } from '@/shared/schemas/evidence';
import { editorProcedure } from '../procedures';
import { createTRPCRouter } from '../trpc';

const byEvidence = (input: { id: string }) => ({ kind: 'evidence', id: input.id }) as const;

export const evidenceRouter = createTRPCRouter({
  // The source's map decides access; the domain refuses a claim from another map.
  create: editorProcedure(ZCreateEvidenceInput, (input) => ({ kind: 'source', id: input.sourceId })).mutation(({ ctx, input }) =>
    createEvidence(ctx.db, ctx.map, input),
  ),

  update: editorProcedure(ZUpdateEvidenceInput, byEvidence).mutation(({ ctx, input }) => updateEvidence(ctx.db, ctx.map, input)),

  delete: editorProcedure(ZEvidenceIdInput, byEvidence).mutation(({ ctx, input }) => deleteEvidence(ctx.db, ctx.map, input.id)),

  restore: editorProcedure(ZEvidenceIdInput, byEvidence).mutation(({ ctx, input }) => restoreEvidence(ctx.db, ctx.map, input.id)),
});
