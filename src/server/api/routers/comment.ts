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
} from '@/shared/schemas/comment';
import { createTRPCRouter, protectedProcedure, publicProcedure } from '../trpc';

// Roles are resolved on the map of the comment's target (or of the comment), never from input beside it.
const READ = { isWrite: false, mustMayComment: false } as const;
const WRITE = { isWrite: true, mustMayComment: true } as const;
const MODERATE = { isWrite: true, mustMayComment: false } as const;

export const commentRouter = createTRPCRouter({
  list: publicProcedure.input(ZListCommentsInput).query(async ({ ctx, input }) => {
    const mapId = await mapIdOfCommentTarget(ctx.db, input.target);
    const access = await requireCommentAccess(ctx.db, ctx.actor, mapId, 'viewer', READ);
    return listComments(ctx.db, { actor: ctx.actor, access }, input.target);
  }),

  create: protectedProcedure.input(ZCreateCommentInput).mutation(async ({ ctx, input }) => {
    const mapId = await mapIdOfCommentTarget(ctx.db, input.target);
    const access = await requireCommentAccess(ctx.db, ctx.actor, mapId, 'voter', WRITE);
    return createComment(ctx.db, { actor: ctx.actor, mapId, clientMutationId: input.clientMutationId, access }, input);
  }),

  update: protectedProcedure.input(ZUpdateCommentInput).mutation(async ({ ctx, input }) => {
    const mapId = await mapIdOfComment(ctx.db, input.id);
    const access = await requireCommentAccess(ctx.db, ctx.actor, mapId, 'voter', WRITE);
    return updateComment(ctx.db, { actor: ctx.actor, mapId, clientMutationId: input.clientMutationId, access }, input);
  }),

  delete: protectedProcedure.input(ZCommentIdInput).mutation(async ({ ctx, input }) => {
    const mapId = await mapIdOfComment(ctx.db, input.id);
    const access = await requireCommentAccess(ctx.db, ctx.actor, mapId, 'voter', MODERATE);
    return deleteComment(ctx.db, { actor: ctx.actor, mapId, clientMutationId: input.clientMutationId, access }, input.id);
  }),

  resolve: protectedProcedure.input(ZResolveCommentInput).mutation(async ({ ctx, input }) => {
    const mapId = await mapIdOfComment(ctx.db, input.id);
    const access = await requireCommentAccess(ctx.db, ctx.actor, mapId, 'voter', MODERATE);
    return resolveComment(ctx.db, { actor: ctx.actor, mapId, clientMutationId: input.clientMutationId, access }, input);
  }),

  hide: protectedProcedure.input(ZCommentIdInput).mutation(async ({ ctx, input }) => {
    const mapId = await mapIdOfComment(ctx.db, input.id);
    const access = await requireCommentAccess(ctx.db, ctx.actor, mapId, 'owner', MODERATE);
    return hideComment(ctx.db, { actor: ctx.actor, mapId, clientMutationId: input.clientMutationId, access }, input.id);
  }),
});
