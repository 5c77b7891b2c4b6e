import type { Db } from '@/server/db';
import type { UserContext } from '@/server/domain/context';
import { DomainError } from '@/server/domain/errors';
import { runMapWrite } from '@/server/sync/append-event';
import { roleAtLeast, type MapRoleName } from '@/shared/roles';
import type { TShareLookupInput } from '@/shared/schemas/share';
import { findShareLink } from './find-share-link';
import { SHARE_LINK_PROBLEM, shareLinkStatus } from './share-link-status';

export interface JoinResult {
  mapId: string;
  role: MapRoleName;
  /** False when the caller already held this role or a higher one (nothing changed, no use consumed). */
  isChanged: boolean;
}

function refusal(status: keyof typeof SHARE_LINK_PROBLEM) {
  const code = status === 'unknown' ? 'NOT_FOUND' : 'FORBIDDEN';
  return new DomainError(code, SHARE_LINK_PROBLEM[status], { reason: status });
}

/**
 * Makes the caller a member with the link's role, in one transaction: the use is counted by a
 * conditional UPDATE (so two students racing for the last use cannot both get in), the
 * membership is created or raised (never lowered), and a member.changed event is appended.
 */
export async function joinShareLink(
  db: Db,
  context: UserContext & { ip: string },
  lookup: TShareLookupInput,
): Promise<JoinResult & { seq: number }> {
  const { actor } = context;
  const found = await findShareLink(db, context, lookup);
  if (!found) throw refusal('unknown');
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await runMapWrite<JoinResult>(db, found.mapId, { actor }, async (tx) => {
        const link = await tx.shareLink.findUniqueOrThrow({
          where: { id: found.id },
          select: { role: true, expiresAt: true, revokedAt: true, maxUses: true, useCount: true, map: { select: { visibility: true } } },
        });
        const status = shareLinkStatus(link, link.map.visibility);
        if (status !== 'active') throw refusal(status);

        const existing = await tx.mapMember.findUnique({
          where: { mapId_userId: { mapId: found.mapId, userId: actor.id } },
          select: { id: true, role: true },
        });
        if (existing && roleAtLeast(existing.role, link.role)) {
          return { result: { mapId: found.mapId, role: existing.role, isChanged: false }, events: [] };
        }

        const counted = await tx.$queryRaw<{ useCount: number }[]>`
          UPDATE "ShareLink" SET "useCount" = "useCount" + 1
          WHERE "id" = ${found.id} AND "revokedAt" IS NULL
            AND ("expiresAt" IS NULL OR "expiresAt" > now())
            AND ("maxUses" IS NULL OR "useCount" < "maxUses")
          RETURNING "useCount"`;
        if (counted.length === 0) throw refusal('used_up');

        const member = existing
          ? await tx.mapMember.update({
              where: { id: existing.id },
              data: { role: link.role, joinedViaLinkId: found.id },
              select: { id: true, role: true },
            })
          : await tx.mapMember.create({
              data: { mapId: found.mapId, userId: actor.id, role: link.role, joinedViaLinkId: found.id },
              select: { id: true, role: true },
            });
        return {
          result: { mapId: found.mapId, role: member.role, isChanged: true },
          events: [
            { type: 'member.changed', payload: { memberId: member.id, userId: actor.id, role: member.role, via: 'link' } },
            { type: 'share.changed', payload: { shareLinkId: found.id, action: 'used' } },
          ],
        };
      });
    } catch (error) {
      // The same person joining twice at once: the second insert meets the unique index; retry
      // and it finds the membership the first one made.
      if ((error as { code?: string }).code === 'P2002' && attempt < 3) continue;
      throw error;
    }
  }
}
