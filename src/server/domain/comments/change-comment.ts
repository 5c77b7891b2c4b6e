import type { Prisma } from '@/generated/prisma/client';
import type { Db } from '@/server/db';
import type { MapAccess } from '@/server/access/map-access';
import { DomainError } from '@/server/domain/errors';
import { runMapWrite, type MapWriteResult } from '@/server/sync/append-event';
import type { WriteContextWith } from '@/server/domain/context';
import { commentAbilities, type CommentAbilities } from './comment-rules';

type Access = MapAccess & { isCommentingRestricted: boolean };
type Context = WriteContextWith<Access>;

const COMMENT_SELECT = {
  id: true,
  mapId: true,
  targetKind: true,
  targetId: true,
  parentId: true,
  authorId: true,
  hiddenAt: true,
  deletedAt: true,
  isResolved: true,
} as const;

/** Loads the comment and checks the caller's ability on it, inside the write's transaction. */
async function withComment<T>(
  db: Db,
  context: Context,
  commentId: string,
  ability: keyof CommentAbilities,
  refusal: string,
  apply: (tx: Prisma.TransactionClient, comment: CommentRow) => Promise<MapWriteResult<T>>,
) {
  const { access } = context;
  return runMapWrite(db, context.mapId, context, async (tx) => {
    const comment = await tx.comment.findUnique({ where: { id: commentId }, select: COMMENT_SELECT });
    if (!comment || comment.mapId !== access.mapId) throw new DomainError('NOT_FOUND', 'That comment was not found.');
    if (comment.deletedAt) throw new DomainError('NOT_FOUND', 'That comment was deleted.');
    const abilities = commentAbilities(
      { authorId: comment.authorId, parentId: comment.parentId, isHidden: comment.hiddenAt !== null, isDeleted: false },
      context.actor.id,
      access.role,
      { isCommentingRestricted: access.isCommentingRestricted },
    );
    if (!abilities[ability]) throw new DomainError('FORBIDDEN', refusal);
    return apply(tx, comment);
  });
}

interface CommentRow {
  id: string;
  targetKind: 'map' | 'claim' | 'evidence';
  targetId: string;
  parentId: string | null;
  hiddenAt: Date | null;
}

const refOf = (comment: CommentRow) => ({ commentId: comment.id, targetKind: comment.targetKind, targetId: comment.targetId });

export function updateComment(db: Db, context: Context, input: { id: string; text: string }) {
  return withComment(db, context, input.id, 'canEdit', 'Only its author can edit a comment.', async (tx, comment) => {
    await tx.comment.update({ where: { id: comment.id }, data: { text: input.text } });
    return { result: { id: comment.id }, events: [{ type: 'comment.updated', payload: { ...refOf(comment), text: input.text } }] };
  });
}

/** The author deletes their comment; a thread head with replies stays as "deleted" so the replies keep their place. */
export function deleteComment(db: Db, context: Context, commentId: string) {
  return withComment(db, context, commentId, 'canDelete', 'Only its author can delete a comment.', async (tx, comment) => {
    await tx.comment.update({ where: { id: comment.id }, data: { deletedAt: new Date() } });
    return {
      result: { id: comment.id },
      events: [{ type: 'comment.deleted', payload: { ...refOf(comment), wasCounted: comment.hiddenAt === null } }],
    };
  });
}

export function resolveComment(db: Db, context: Context, input: { id: string; isResolved: boolean }) {
  const refusal = 'A thread can be resolved by its author, an editor or the owner (replies are resolved with their thread).';
  return withComment(db, context, input.id, 'canResolve', refusal, async (tx, comment) => {
    await tx.comment.update({
      where: { id: comment.id },
      data: { isResolved: input.isResolved, resolvedById: input.isResolved ? context.actor.id : null },
    });
    return {
      result: { id: comment.id, isResolved: input.isResolved },
      events: [{ type: 'comment.resolved', payload: { ...refOf(comment), isResolved: input.isResolved } }],
    };
  });
}

/** The owner hides a comment: it stays (in the table and the log) and reads "hidden by the owner". */
export function hideComment(db: Db, context: Context, commentId: string) {
  return withComment(db, context, commentId, 'canHide', 'Only the map’s owner can hide a comment.', async (tx, comment) => {
    await tx.comment.update({ where: { id: comment.id }, data: { hiddenAt: new Date() } });
    return { result: { id: comment.id }, events: [{ type: 'comment.hidden', payload: { ...refOf(comment), wasCounted: true } }] };
  });
}
