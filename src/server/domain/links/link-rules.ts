import type { Prisma } from '@/generated/prisma/client';
import { DomainError } from '@/server/domain/errors';
import { LINK_VIEW_SELECT } from '@/server/domain/claims/claim-select';
import { nudgeRaters } from '@/server/domain/notifications/rerate-nudge';
import type { WriteContext } from '@/server/domain/context';
import type { TRelation } from '@/shared/schemas/claim';

interface LinkEnds {
  mapId: string;
  fromClaimId?: string | null;
  fromEvidenceId?: string | null;
  toClaimId: string;
}

/**
 * A link joins two live nodes of one map, never a claim to itself, at most once per pair.
 * Cycles (A supports B supports A) are allowed: arguments can be circular, and layout and
 * strength computation handle them.
 */
export async function assertLinkAllowed(tx: Prisma.TransactionClient, ends: LinkEnds): Promise<void> {
  if (ends.fromClaimId && ends.fromClaimId === ends.toClaimId) {
    throw new DomainError('INVALID', 'A claim cannot support or oppose itself.');
  }
  const [target, fromClaim, fromEvidence, duplicate] = await Promise.all([
    tx.claim.findUnique({ where: { id: ends.toClaimId }, select: { mapId: true, deletedAt: true } }),
    ends.fromClaimId ? tx.claim.findUnique({ where: { id: ends.fromClaimId }, select: { mapId: true, deletedAt: true } }) : null,
    ends.fromEvidenceId ? tx.evidence.findUnique({ where: { id: ends.fromEvidenceId }, select: { mapId: true, deletedAt: true } }) : null,
    tx.link.findFirst({
      where: ends.fromClaimId
        ? { fromClaimId: ends.fromClaimId, toClaimId: ends.toClaimId }
        : { fromEvidenceId: ends.fromEvidenceId ?? '', toClaimId: ends.toClaimId },
      select: { id: true },
    }),
  ]);
  const from = fromClaim ?? fromEvidence;
  // An end on another map is answered like a missing one: whether it exists there is not the caller's to learn.
  if (!target || target.deletedAt || target.mapId !== ends.mapId) {
    throw new DomainError('NOT_FOUND', 'The claim to link to was not found on this map.');
  }
  if (!from || from.deletedAt || from.mapId !== ends.mapId) {
    throw new DomainError('NOT_FOUND', 'The claim or passage to link from was not found on this map.');
  }
  if (duplicate) throw new DomainError('CONFLICT', 'These two are already linked; change the existing link instead.');
}

export interface NewLink {
  from: { claimId: string } | { evidenceId: string };
  toClaimId: string;
  relation: TRelation;
  /** A proposal (map.requireApproval) waits for a moderator and nudges nobody until approved. */
  isProposal: boolean;
}

/**
 * Inserts a checked link on the context's map, by its actor, and nudges the target's raters: a new argument
 * under a claim is a reason to look at one's vote again (notifications/rerate-nudge.ts). Used by every write that links.
 */
export async function insertLink(tx: Prisma.TransactionClient, context: WriteContext, link: NewLink) {
  const fromClaimId = 'claimId' in link.from ? link.from.claimId : null;
  const fromEvidenceId = 'evidenceId' in link.from ? link.from.evidenceId : null;
  const row = await tx.link.create({
    data: {
      mapId: context.mapId,
      fromClaimId,
      fromEvidenceId,
      toClaimId: link.toClaimId,
      relation: link.relation,
      createdById: context.actor.id,
      awaitingApproval: link.isProposal,
    },
    select: LINK_VIEW_SELECT,
  });
  // A proposal is no argument yet: its raters are nudged when it is approved.
  if (link.isProposal) return { ...row, awaitingApproval: true as const };
  await nudgeRaters(tx, {
    mapId: context.mapId,
    claimId: link.toClaimId,
    relation: link.relation,
    from: fromEvidenceId ? 'evidence' : 'claim',
    actorId: context.actor.id,
  });
  return row;
}

/**
 * Whether the link exists, locking it until the write commits: a delete racing a change of the same link
 * then waits for it, or has already removed it (and the change says so), instead of failing half-way.
 */
export async function lockLink(tx: Prisma.TransactionClient, linkId: string): Promise<boolean> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Link" WHERE "id" = ${linkId} FOR UPDATE`;
  return rows.length > 0;
}
