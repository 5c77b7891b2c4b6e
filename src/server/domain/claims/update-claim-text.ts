import { Prisma } from '@/generated/prisma/client';
import type { Db } from '@/server/db';
import { DomainError } from '@/server/domain/errors';
import { runMapWrite, runMapWriteStatement, type StatementWrite } from '@/server/sync/append-event';
import { proposalEvent } from '@/server/domain/moderation/proposal';
import type { WriteContext } from '@/server/domain/context';
import type { TUpdateClaimInput } from '@/shared/schemas/claim';

export interface ClaimConflictDetails {
  kind: 'claim-conflict';
  claimId: string;
  currentText: string;
  currentVersion: number;
}

/**
 * The common case of `updateClaimText` as one statement: the claim is at the expected version, the text
 * changes and it is not a proposal. No row: one of the other cases, which the general path tells apart.
 */
export function claimTextWrite(input: TUpdateClaimInput) {
  const updatedAt = new Date();
  const version = input.expectedVersion + 1;
  return {
    // `("mapId" = …) IS TRUE` keeps the planner on the primary key: compared plainly with a map id known only
    // when the statement runs, it may pick the mapId index and filter every claim of the map.
    change: (mapId: Prisma.Sql) => Prisma.sql`
      UPDATE "Claim" SET "text" = ${input.text}, "version" = ${version}::int, "updatedAt" = ${updatedAt.toISOString()}::timestamp(3)
       WHERE "id" = ${input.id}::text AND ("mapId" = ${mapId}) IS TRUE AND "version" = ${input.expectedVersion}::int
         AND "deletedAt" IS NULL
         AND "text" IS DISTINCT FROM ${input.text}::text AND NOT "awaitingApproval"
      RETURNING 1`,
    event: { type: 'claim.updated', payload: { claimId: input.id, text: input.text, version, previousText: null } },
    result: { claim: { id: input.id, text: input.text, version, updatedAt } },
  } satisfies StatementWrite<object>;
}

/**
 * Changes a claim's text if nobody changed it since `expectedVersion`; otherwise a CONFLICT that
 * carries the current text, so the editor can show both versions instead of overwriting.
 */
export async function updateClaimText(db: Db, context: WriteContext, input: TUpdateClaimInput) {
  const { mapId } = context;
  const written = await runMapWriteStatement(db, mapId, context, claimTextWrite(input));
  if (written) return written;
  // Otherwise a no-op, a conflict, a deleted claim, a proposal (its event is restricted) or a replay: the
  // general path tells them apart.
  const unchanged = await db.claim.findFirst({
    where: { id: input.id, version: input.expectedVersion, text: input.text, deletedAt: null },
    select: { id: true, text: true, version: true, updatedAt: true },
  });
  // Saving the same text is not a change: no new version, no event, nobody else gets a conflict.
  if (unchanged) return { claim: unchanged, seq: null };
  return runMapWrite(db, mapId, context, async (tx) => {
    const updated = await tx.claim.updateMany({
      where: { id: input.id, version: input.expectedVersion, deletedAt: null },
      data: { text: input.text, version: { increment: 1 } },
    });
    if (updated.count === 0) {
      const current = await tx.claim.findUnique({ where: { id: input.id }, select: { text: true, version: true, deletedAt: true } });
      if (!current || current.deletedAt) throw new DomainError('NOT_FOUND', 'This claim was deleted by someone else.');
      const details: ClaimConflictDetails = {
        kind: 'claim-conflict',
        claimId: input.id,
        currentText: current.text,
        currentVersion: current.version,
      };
      throw new DomainError('CONFLICT', 'Someone else changed this claim while you were editing it.', details);
    }
    const { awaitingApproval, authorId, ...claim } = await tx.claim.findUniqueOrThrow({
      where: { id: input.id },
      select: { id: true, text: true, version: true, updatedAt: true, awaitingApproval: true, authorId: true },
    });
    const event = {
      type: 'claim.updated',
      payload: { claimId: claim.id, text: claim.text, version: claim.version, previousText: null },
    } as const;
    // An edit of a proposal is seen by whom the proposal is: its author and the moderators.
    return { result: { claim }, events: [proposalEvent(event, awaitingApproval, authorId)] };
  });
}
