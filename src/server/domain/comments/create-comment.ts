import type { Prisma } from '@/generated/prisma/client';
import type { Db } from '@/server/db';
import type { Actor } from '@/server/access/actor';
import type { MapAccess } from '@/server/access/map-access';
import { DomainError } from '@/server/domain/errors';
import { runMapWrite } from '@/server/sync/append-event';
import type { WriteContextWith } from '@/server/domain/context';
import type { TCommentTarget, TCreateCommentInput } from '@/shared/schemas/comment';
import { mentionedMembers } from './comment-rules';
import { assertTargetExists } from './list-comments';
import { truncate } from '@/shared/truncate';

/**
 * Adds a comment or a reply (one level deep) and, in the same transaction, its `comment.created`
 * event and the notifications it causes: each member it @mentions, and the thread's author when
 * someone replies. Access (voter or up, the commenting rule, locking) was checked on the target's map.
 */
export async function createComment(db: Db, context: WriteContextWith<MapAccess>, input: TCreateCommentInput) {
  const { actor, mapId, access } = context;
  return runMapWrite(db, mapId, context, async (tx) => {
    await assertTargetExists(tx, mapId, input.target);
    let parentAuthorId: string | null = null;
    if (input.parentId) {
      const parent = await tx.comment.findUnique({
        where: { id: input.parentId },
        select: { mapId: true, targetKind: true, targetId: true, parentId: true, deletedAt: true, authorId: true },
      });
      if (!parent || parent.mapId !== mapId || parent.targetKind !== input.target.kind || parent.targetId !== input.target.id) {
        throw new DomainError('NOT_FOUND', 'The comment you are replying to is not in this thread.');
      }
      if (parent.parentId !== null) throw new DomainError('INVALID', 'Replies are one level deep: reply to the thread’s first comment.');
      if (parent.deletedAt) throw new DomainError('NOT_FOUND', 'The comment you are replying to was deleted.');
      parentAuthorId = parent.authorId;
    }
    const members = input.mentionUserIds?.length
      ? await tx.mapMember.findMany({
          where: { mapId, userId: { in: input.mentionUserIds } },
          select: { userId: true, user: { select: { displayName: true } } },
        })
      : [];
    const mentioned = mentionedMembers(
      input.text,
      input.mentionUserIds ?? [],
      members.map((member) => ({ userId: member.userId, displayName: member.user.displayName })),
      actor.id,
    );
    const comment = await tx.comment.create({
      data: {
        mapId,
        targetKind: input.target.kind,
        targetId: input.target.id,
        parentId: input.parentId ?? null,
        authorId: actor.id,
        text: input.text,
      },
      select: { id: true, targetKind: true, targetId: true, parentId: true, text: true, createdAt: true },
    });
    await notify(tx, access, actor, comment.id, input.target, mentioned, parentAuthorId);
    return {
      result: { comment: { id: comment.id, parentId: comment.parentId, createdAt: comment.createdAt } },
      events: [
        {
          type: 'comment.created',
          payload: {
            comment: { ...comment, authorId: actor.id, authorName: actor.displayName, mentionedUserIds: mentioned },
          },
        },
      ],
    };
  });
}

async function notify(
  tx: Prisma.TransactionClient,
  access: MapAccess,
  actor: Actor,
  commentId: string,
  target: TCommentTarget,
  mentioned: string[],
  parentAuthorId: string | null,
): Promise<void> {
  const recipients: { userId: string; kind: 'mention' | 'reply' }[] = mentioned.map((userId) => ({ userId, kind: 'mention' }));
  if (parentAuthorId && parentAuthorId !== actor.id && !mentioned.includes(parentAuthorId))
    recipients.push({ userId: parentAuthorId, kind: 'reply' });
  if (!recipients.length) return;
  const where = await describeTarget(tx, access.mapId, target);
  await tx.notification.createMany({
    data: recipients.map(({ userId, kind }) => {
      // Anonymous mode hides who wrote it from everyone but the owner.
      const who = access.map.isAnonymous && userId !== access.map.ownerId ? 'Someone' : actor.displayName;
      const text = kind === 'mention' ? `${who} mentioned you ${where}` : `${who} replied to your comment ${where}`;
      return { userId, mapId: access.mapId, kind, text, commentId, claimId: target.kind === 'claim' ? target.id : null };
    }),
  });
}

async function describeTarget(tx: Prisma.TransactionClient, mapId: string, target: TCommentTarget): Promise<string> {
  if (target.kind === 'claim') {
    const claim = await tx.claim.findUnique({ where: { id: target.id }, select: { text: true } });
    return `on the claim “${truncate(claim?.text ?? '', 60)}”`;
  }
  if (target.kind === 'evidence') {
    const evidence = await tx.evidence.findUnique({ where: { id: target.id }, select: { exact: true } });
    return `on the passage “${truncate(evidence?.exact ?? '', 60)}”`;
  }
  const map = await tx.map.findUnique({ where: { id: mapId }, select: { title: true } });
  return `on the map “${truncate(map?.title ?? '', 60)}”`;
}
