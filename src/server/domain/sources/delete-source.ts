import type { Db } from '@/server/db';
import { DomainError } from '@/server/domain/errors';
import { runMapWrite } from '@/server/sync/append-event';
import type { ReadContext, WriteContext } from '@/server/domain/context';
import type { TDeleteSourceInput } from '@/shared/schemas/source';
import { lockSource } from './update-source';

export interface SourceDeleteImpact {
  sourceId: string;
  title: string;
  /** Live evidence passages deleted with the source. */
  evidenceCount: number;
  /** Distinct live claims that lose evidence. */
  claimCount: number;
}

export interface ConfirmSourceDeleteDetails {
  kind: 'confirm-source-delete';
  evidenceCount: number;
}

const passages = (n: number) => `${n} evidence passage${n === 1 ? '' : 's'}`;

/** What deleting a source takes with it, for the confirmation the UI shows. */
export async function getSourceDeleteImpact(db: Db, context: ReadContext, sourceId: string): Promise<SourceDeleteImpact> {
  const { mapId } = context.access;
  const source = await db.source.findFirst({ where: { id: sourceId, mapId }, select: { id: true, title: true } });
  if (!source) throw new DomainError('NOT_FOUND', 'That source was not found.');
  const [evidenceCount, claims] = await Promise.all([
    db.evidence.count({ where: { sourceId, deletedAt: null } }),
    db.link.findMany({
      where: { fromEvidence: { sourceId, deletedAt: null }, toClaim: { deletedAt: null } },
      distinct: ['toClaimId'],
      select: { toClaimId: true },
    }),
  ]);
  return { sourceId, title: source.title, evidenceCount, claimCount: claims.length };
}

/**
 * Deletes a source with all its passages (and their links and votes). When live passages exist the
 * caller must confirm their number, so nobody deletes evidence they were not told about.
 */
export async function deleteSource(db: Db, context: WriteContext, input: TDeleteSourceInput) {
  const { mapId } = context;
  return runMapWrite(db, mapId, context, async (tx) => {
    const source = await lockSource(tx, input.id, 'UPDATE');
    if (source.mapId !== mapId) throw new DomainError('NOT_FOUND', 'That source was not found.');
    const evidenceCount = await tx.evidence.count({ where: { sourceId: input.id, deletedAt: null } });
    if (evidenceCount > 0 && input.confirmEvidenceCount !== evidenceCount) {
      const details: ConfirmSourceDeleteDetails = { kind: 'confirm-source-delete', evidenceCount };
      throw new DomainError(
        'CONFLICT',
        input.confirmEvidenceCount === undefined
          ? `“${source.title}” is quoted by ${passages(evidenceCount)}; deleting the source deletes them too. Confirm to delete all ` +
              `${evidenceCount}.`
          : `“${source.title}” is now quoted by ${passages(evidenceCount)}, not ${input.confirmEvidenceCount}; review and confirm again.`,
        details,
      );
    }
    const [evidence, links] = await Promise.all([
      tx.evidence.findMany({ where: { sourceId: input.id }, select: { id: true } }),
      tx.link.findMany({ where: { fromEvidence: { sourceId: input.id } }, select: { id: true } }),
    ]);
    await tx.source.delete({ where: { id: input.id } });
    const payload = {
      sourceId: input.id,
      evidenceIds: evidence.map((item) => item.id),
      linkIds: links.map((link) => link.id),
    };
    return {
      result: { ...payload, deletedEvidenceCount: evidenceCount },
      events: [{ type: 'source.deleted', payload }],
    };
  });
}
