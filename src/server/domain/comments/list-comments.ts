import type { Db } from '@/server/db';
import type { MapAccess } from '@/server/access/map-access';
import type { ReadContext } from '@/server/domain/context';
import { DomainError } from '@/server/domain/errors';
import type { TCommentTarget } from '@/shared/schemas/comment';
import { commentAbilities, commentBlockReason, type CommentAbilities } from './comment-rules';

export interface CommentView extends CommentAbilities {
  id: string;
  parentId: string | null;
  /** Null when the comment is hidden by the owner (except for the owner) or deleted. */
  text: string | null;
  /** A stable per-map stand-in on anonymous maps (except for the owner), so a thread still reads as a conversation. */
  authorKey: string | null;
  authorName: string | null;
  isMine: boolean;
  isResolved: boolean;
  isHidden: boolean;
  isDeleted: boolean;
  isEdited: boolean;
  createdAt: Date;
}

export interface CommentThreadView {
  target: TCommentTarget;
  /** Top-level comments oldest first, each followed by its replies oldest first. */
  comments: CommentView[];
  /** Why the caller cannot comment here, or null when they can (locking included). */
  blockReason: string | null;
  isCommentingRestricted: boolean;
}

/** The thread on one target as the caller may see it. Access was checked on the target's map. */
export async function listComments(
  db: Db,
  context: ReadContext<MapAccess & { isCommentingRestricted: boolean }>,
  target: TCommentTarget,
): Promise<CommentThreadView> {
  const { actor, access } = context;
  await assertTargetExists(db, access.mapId, target);
  const rows = await db.comment.findMany({
    where: { mapId: access.mapId, targetKind: target.kind, targetId: target.id },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: {
      id: true,
      parentId: true,
      text: true,
      authorId: true,
      isResolved: true,
      hiddenAt: true,
      deletedAt: true,
      createdAt: true,
      updatedAt: true,
      author: { select: { displayName: true } },
    },
  });
  const isOwner = access.role === 'owner';
  const hideIdentities = access.map.isAnonymous && !isOwner;
  const participantNumber = hideIdentities ? await participantNumbers(db, access.mapId) : new Map<string, number>();
  const settings = { isCommentingRestricted: access.isCommentingRestricted };
  const hasLiveReply = new Set(rows.filter((row) => row.parentId && !row.deletedAt).map((row) => row.parentId));

  const views: CommentView[] = [];
  for (const row of rows) {
    const isDeleted = row.deletedAt !== null;
    // A deleted comment stays only as the head of a thread that still has replies.
    if (isDeleted && (row.parentId !== null || !hasLiveReply.has(row.id))) continue;
    const isHidden = row.hiddenAt !== null;
    const isMine = actor !== null && row.authorId === actor.id;
    const number = row.authorId ? participantNumber.get(row.authorId) : undefined;
    const abilities = commentAbilities(
      { authorId: row.authorId, parentId: row.parentId, isHidden, isDeleted },
      actor?.id ?? null,
      access.role,
      settings,
    );
    views.push({
      id: row.id,
      parentId: row.parentId,
      text: isDeleted || (isHidden && !isOwner) ? null : row.text,
      authorKey: hideIdentities ? (number ? `participant-${number}` : null) : row.authorId,
      authorName: hideIdentities
        ? isMine
          ? 'You'
          : number
            ? `Participant ${number}`
            : 'A former member'
        : (row.author?.displayName ?? null),
      isMine,
      isResolved: row.isResolved,
      isHidden,
      isDeleted,
      isEdited: row.updatedAt.getTime() - row.createdAt.getTime() > 1000 && !isDeleted,
      createdAt: row.createdAt,
      ...abilities,
    });
  }
  const byThread = new Map<string, CommentView[]>();
  const heads: CommentView[] = [];
  for (const view of views) {
    if (view.parentId === null) heads.push(view);
    else byThread.set(view.parentId, [...(byThread.get(view.parentId) ?? []), view]);
  }
  const ordered = heads.flatMap((head) => [head, ...(byThread.get(head.id) ?? [])]);
  const isLockedForCaller = access.map.isLocked && !isOwner;
  const blockReason = isLockedForCaller
    ? 'This map is locked by its owner: it is read-only until they unlock it.'
    : commentBlockReason(access.role, settings);
  return { target, comments: ordered, blockReason, isCommentingRestricted: access.isCommentingRestricted };
}

/** Members numbered by joining order, as the participation export numbers them. */
async function participantNumbers(db: Db, mapId: string): Promise<Map<string, number>> {
  const members = await db.mapMember.findMany({
    where: { mapId },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: { userId: true },
  });
  return new Map(members.map((member, index) => [member.userId, index + 1]));
}

/** A comment target must be a live claim or passage of the map, or the map itself. */
export async function assertTargetExists(db: Pick<Db, 'claim' | 'evidence'>, mapId: string, target: TCommentTarget): Promise<void> {
  if (target.kind === 'map') {
    if (target.id !== mapId) throw new DomainError('NOT_FOUND', 'That map was not found.');
    return;
  }
  if (target.kind === 'claim') {
    // A proposal awaiting approval has no thread yet: its comments could reach members who may not see it.
    const claim = await db.claim.findFirst({
      where: { id: target.id, mapId, deletedAt: null, awaitingApproval: false },
      select: { id: true },
    });
    if (!claim) throw new DomainError('NOT_FOUND', 'That claim was not found (it may have been deleted, or waits for approval).');
    return;
  }
  const evidence = await db.evidence.findFirst({
    where: { id: target.id, mapId, deletedAt: null, awaitingApproval: false },
    select: { id: true },
  });
  if (!evidence)
    throw new DomainError('NOT_FOUND', 'That evidence passage was not found (it may have been deleted, or waits for approval).');
}
