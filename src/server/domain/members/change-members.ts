import type { Db } from '@/server/db';
import type { WriteContext } from '@/server/domain/context';
import { DomainError } from '@/server/domain/errors';
import { runMapWrite } from '@/server/sync/append-event';
import type { MapRoleName } from '@/shared/roles';
import type { TInviteMemberInput } from '@/shared/schemas/member';

type ShareRole = Exclude<MapRoleName, 'owner'>;

const article = (role: MapRoleName) => (role === 'editor' ? 'an' : 'a');

/**
 * Adds an existing account by email. A person who is already a member keeps their role: the
 * owner changes roles in the members list, so an invitation never silently demotes anyone.
 */
export async function inviteMember(db: Db, context: WriteContext, input: TInviteMemberInput) {
  const { actor } = context;
  const user = await db.user.findUnique({ where: { email: input.email }, select: { id: true, displayName: true } });
  if (!user) {
    throw new DomainError('NOT_FOUND', `No Crux account uses ${input.email}. Ask them to sign up first, or send them a share link.`, {
      reason: 'no_such_user',
    });
  }
  return runMapWrite(db, input.mapId, { actor }, async (tx) => {
    const existing = await tx.mapMember.findUnique({
      where: { mapId_userId: { mapId: input.mapId, userId: user.id } },
      select: { role: true },
    });
    if (existing) {
      throw new DomainError(
        'CONFLICT',
        `${user.displayName} is already ${article(existing.role)} ${existing.role} on this map. Change their role in the members list.`,
      );
    }
    const member = await tx.mapMember.create({
      data: { mapId: input.mapId, userId: user.id, role: input.role },
      select: { id: true, role: true },
    });
    return {
      result: { memberId: member.id, role: member.role, displayName: user.displayName },
      events: [{ type: 'member.changed', payload: { memberId: member.id, userId: user.id, role: member.role, via: 'invite' } }],
    };
  });
}

async function loadMember(tx: Parameters<Parameters<typeof runMapWrite>[3]>[0], memberId: string) {
  const member = await tx.mapMember.findUnique({
    where: { id: memberId },
    select: { id: true, role: true, userId: true, user: { select: { displayName: true, isGuest: true } } },
  });
  if (!member) throw new DomainError('NOT_FOUND', 'That member was not found.');
  return member;
}

/** Takes effect at once, including on open subscriptions (the real-time layer reacts to the event). */
export async function setMemberRole(db: Db, context: WriteContext, input: { memberId: string; role: ShareRole }) {
  const { actor, mapId } = context;
  const { memberId, role } = input;
  return runMapWrite(db, mapId, { actor }, async (tx) => {
    const member = await loadMember(tx, memberId);
    if (member.role === 'owner') {
      throw new DomainError('CONFLICT', 'The owner’s role changes only by transferring ownership to someone else.');
    }
    if (member.role === role) return { result: { memberId, role }, events: [] };
    await tx.mapMember.update({ where: { id: memberId }, data: { role } });
    return {
      result: { memberId, role },
      events: [{ type: 'member.changed', payload: { memberId, userId: member.userId, role, via: 'owner' } }],
    };
  });
}

/** The member loses access at once; what they wrote stays on the map. */
export async function removeMember(db: Db, context: WriteContext, memberId: string) {
  const { actor, mapId } = context;
  return runMapWrite(db, mapId, { actor }, async (tx) => {
    const member = await loadMember(tx, memberId);
    if (member.role === 'owner') {
      throw new DomainError('CONFLICT', 'The owner cannot be removed. Transfer ownership first, or delete the map.');
    }
    await tx.mapMember.delete({ where: { id: memberId } });
    return {
      result: { memberId },
      events: [{ type: 'member.removed', payload: { memberId, userId: member.userId } }],
    };
  });
}

/** The member becomes the owner; the previous owner stays on as an editor. */
export async function transferOwnership(db: Db, context: WriteContext, memberId: string) {
  const { actor, mapId } = context;
  return runMapWrite(db, mapId, { actor }, async (tx) => {
    const member = await loadMember(tx, memberId);
    if (member.role === 'owner') throw new DomainError('CONFLICT', `${member.user.displayName} already owns this map.`);
    if (member.user.isGuest) {
      throw new DomainError(
        'CONFLICT',
        `${member.user.displayName} is a guest: a guest account cannot own a map until it has an email and password.`,
      );
    }
    const map = await tx.map.findUniqueOrThrow({ where: { id: mapId }, select: { ownerId: true } });
    const previous = await tx.mapMember.upsert({
      where: { mapId_userId: { mapId, userId: map.ownerId } },
      create: { mapId, userId: map.ownerId, role: 'editor' },
      update: { role: 'editor' },
      select: { id: true },
    });
    await tx.mapMember.update({ where: { id: memberId }, data: { role: 'owner' } });
    await tx.map.update({ where: { id: mapId }, data: { ownerId: member.userId } });
    return {
      result: { ownerMemberId: memberId, previousOwnerMemberId: previous.id },
      events: [
        { type: 'member.changed', payload: { memberId, userId: member.userId, role: 'owner', via: 'transfer' } },
        { type: 'member.changed', payload: { memberId: previous.id, userId: map.ownerId, role: 'editor', via: 'transfer' } },
      ],
    };
  });
}
