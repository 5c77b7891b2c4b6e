import type { Db } from '@/server/db';
import { DomainError, notFoundOrNoAccess } from '@/server/domain/errors';
import type { WriteContext } from '@/server/domain/context';
import { runMapWrite } from '@/server/sync/append-event';

/**
 * The owner makes an editor a moderator (they may then review proposals) or takes it back. Only an editor
 * can be one: a moderator must be able to edit what they approve. The caller owns `context.mapId`.
 */
export async function setModerator(
  db: Db,
  context: WriteContext,
  input: { memberId: string; isModerator: boolean },
): Promise<{ memberId: string; isModerator: boolean; seq: number }> {
  return runMapWrite(db, context.mapId, context, async (tx) => {
    const member = await tx.mapMember.findFirst({
      where: { id: input.memberId, mapId: context.mapId },
      select: { id: true, userId: true, role: true },
    });
    if (!member) throw notFoundOrNoAccess();
    if (input.isModerator && member.role !== 'editor') {
      throw new DomainError(
        'INVALID',
        member.role === 'owner' ? 'The owner always moderates.' : 'Only an editor can be a moderator: make them an editor first.',
      );
    }
    await tx.mapMember.update({ where: { id: member.id }, data: { isModerator: input.isModerator } });
    return {
      result: { memberId: member.id, isModerator: input.isModerator },
      events: [
        {
          type: 'member.changed',
          payload: { memberId: member.id, userId: member.userId, role: member.role, via: 'owner', isModerator: input.isModerator },
        },
      ],
    };
  });
}
