import type { Prisma } from '@/generated/prisma/client';
import type { Db } from '@/server/db';
import type { Actor } from '@/server/access/actor';
import { mapIdOfClaim, mapIdOfEvidence, requireMapRole, type MapAccess } from '@/server/access/map-access';
import { DomainError } from '@/server/domain/errors';
import type { MapRoleName } from '@/shared/roles';
import type { TCommentTarget } from '@/shared/schemas/comment';
import { commentBlockReason } from './comment-rules';

type DbOrTx = Db | Prisma.TransactionClient;

/** The map a comment target belongs to, from the target itself (a map target names the map). */
export async function mapIdOfCommentTarget(db: DbOrTx, target: TCommentTarget): Promise<string> {
  if (target.kind === 'claim') return mapIdOfClaim(db, target.id);
  if (target.kind === 'evidence') return mapIdOfEvidence(db, target.id);
  return target.id;
}

export async function mapIdOfComment(db: DbOrTx, commentId: string): Promise<string> {
  const row = await db.comment.findUnique({ where: { id: commentId }, select: { mapId: true } });
  if (!row) throw new DomainError('NOT_FOUND', 'That comment was not found.');
  return row.mapId;
}

export async function isCommentingRestricted(db: DbOrTx, mapId: string): Promise<boolean> {
  const map = await db.map.findUnique({ where: { id: mapId }, select: { isCommentingRestricted: true } });
  return map?.isCommentingRestricted ?? false;
}

/**
 * Requires `minimum` on the map (a write on a locked map is refused for all but the owner), and,
 * for writing comments, the map's commenting rule (voters and up, or editors only).
 */
export async function requireCommentAccess(
  db: Db,
  actor: Actor | null,
  mapId: string,
  minimum: MapRoleName,
  options: { isWrite: boolean; mustMayComment: boolean },
): Promise<MapAccess & { isCommentingRestricted: boolean }> {
  const access = await requireMapRole(db, actor, mapId, minimum, { isWrite: options.isWrite });
  const restricted = await isCommentingRestricted(db, mapId);
  if (options.mustMayComment) {
    const reason = commentBlockReason(access.role, { isCommentingRestricted: restricted });
    if (reason) throw new DomainError('FORBIDDEN', reason);
  }
  return { ...access, isCommentingRestricted: restricted };
}
