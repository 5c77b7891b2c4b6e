import type { Db } from '@/server/db';
import { requireCommentAccess, mapIdOfComment, mapIdOfCommentTarget } from '@/server/domain/comments/comment-access';
import { deleteComment, hideComment, resolveComment, updateComment } from '@/server/domain/comments/change-comment';
import { createComment } from '@/server/domain/comments/create-comment';
import { listComments } from '@/server/domain/comments/list-comments';
import {
  ZCommentIdInput,
  ZCreateCommentInput,
  ZListCommentsInput,
  ZResolveCommentInput,
  ZUpdateCommentInput,
  type TCommentTarget,
} from '@/shared/schemas/comment';
import { commentProcedure } from '../procedures';
import { createTRPCRouter, publicProcedure } from '../trpc';

// Roles are resolved on the map of the comment's target (or of the comment), never from input beside it.
const READ = { isWrite: false, mustMayComment: false } as const;
const WRITE = { isWrite: true, mustMayComment: true } as const;
const MODERATE = { isWrite: true, mustMayComment: false } as const;

const byTarget = (input: { target: TCommentTarget }, db: Db) => mapIdOfCommentTarget(db, input.target);
const byComment = (input: { id: string }, db: Db) => mapIdOfComment(db, input.id);

export const commentRouter = createTRPCRouter({
  list: publicProcedure.input(ZListCommentsInput).query(async ({ ctx, input }) => {
    const mapId = await mapIdOfCommentTarget(ctx.db, input.target);
    const access = await requireCommentAccess(ctx.db, ctx.actor, mapId, 'viewer', READ);
    return listComments(ctx.db, { actor: ctx.actor, access }, input.target);
  }),

  create: commentProcedure(ZCreateCommentInput, byTarget, 'voter', WRITE).mutation(({ ctx, input }) =>
    createComment(ctx.db, ctx.map, input),
  ),

  update: commentProcedure(ZUpdateCommentInput, byComment, 'voter', WRITE).mutation(({ ctx, input }) =>
    updateComment(ctx.db, ctx.map, input),
  ),

  delete: commentProcedure(ZCommentIdInput, byComment, 'voter', MODERATE).mutation(({ ctx, input }) =>
    deleteComment(ctx.db, ctx.map, input.id),
  ),

  resolve: commentProcedure(ZResolveCommentInput, byComment, 'voter', MODERATE).mutation(({ ctx, input }) =>
    resolveComment(ctx.db, ctx.map, input),
  ),

  hide: commentProcedure(ZCommentIdInput, byComment, 'owner', MODERATE).mutation(({ ctx, input }) =>
    hideComment(ctx.db, ctx.map, input.id),
  ),
});
