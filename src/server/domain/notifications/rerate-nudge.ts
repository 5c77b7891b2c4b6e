import type { Prisma } from '@/generated/prisma/client';
import { truncate } from '@/shared/truncate';
import type { TRelation } from '@/shared/schemas/claim';

export interface NewArgument {
  mapId: string;
  /** The claim that just gained a supporter, an opposer or evidence. */
  claimId: string;
  relation: TRelation;
  from: 'claim' | 'evidence';
  /** Who added it: they are not nudged about their own argument. */
  actorId: string | null;
}

/** The nudge's sentence for one voter (pure). */
export function rerateText(argument: Pick<NewArgument, 'relation' | 'from'>, claimText: string, value: number): string {
  const what =
    argument.from === 'evidence'
      ? argument.relation === 'oppose'
        ? 'A new piece of evidence against'
        : 'A new piece of evidence for'
      : argument.relation === 'oppose'
        ? 'A new objection to'
        : 'A new supporting reason for';
  return `${what} “${truncate(claimText, 60)}”, a claim you rated ${value}, was added — look again?`;
}

/**
 * The re-rate nudge: everyone who voted on the claim (but the one who argued) is notified, in the
 * write's transaction, that the argument under their vote changed.
 */
export async function nudgeRaters(tx: Prisma.TransactionClient, argument: NewArgument): Promise<number> {
  const [claim, votes] = await Promise.all([
    tx.claim.findUnique({ where: { id: argument.claimId }, select: { text: true } }),
    tx.vote.findMany({
      where: { claimId: argument.claimId, ...(argument.actorId ? { userId: { not: argument.actorId } } : {}) },
      select: { userId: true, value: true },
    }),
  ]);
  if (!claim || votes.length === 0) return 0;
  const result = await tx.notification.createMany({
    data: votes.map((vote) => ({
      userId: vote.userId,
      mapId: argument.mapId,
      kind: 'rerate' as const,
      text: rerateText(argument, claim.text, vote.value),
      claimId: argument.claimId,
    })),
  });
  return result.count;
}
