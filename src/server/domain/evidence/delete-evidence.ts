import type { Db } from '@/server/db';
import { LINK_VIEW_SELECT } from '@/server/domain/claims/claim-select';
import { DomainError } from '@/server/domain/errors';
import { runMapWrite } from '@/server/sync/append-event';
import type { WriteContext } from '@/server/domain/context';
import { EVIDENCE_VIEW_SELECT, toEvidencePayload } from './evidence-select';

/** Soft-deletes a passage; its links stay stored but hidden, so a restore brings them back. */
export async function deleteEvidence(db: Db, context: WriteContext, evidenceId: string) {
  const { mapId } = context;
  return runMapWrite(db, mapId, context, async (tx) => {
    const updated = await tx.evidence.updateMany({ where: { id: evidenceId, mapId, deletedAt: null }, data: { deletedAt: new Date() } });
    if (updated.count === 0) throw new DomainError('NOT_FOUND', 'This evidence passage was already deleted.');
    const links = await tx.link.findMany({ where: { fromEvidenceId: evidenceId }, select: { id: true } });
    const { sourceId } = await tx.evidence.findUniqueOrThrow({ where: { id: evidenceId }, select: { sourceId: true } });
    const payload = { evidenceId, sourceId, linkIds: links.map((link) => link.id) };
    return { result: payload, events: [{ type: 'evidence.deleted', payload }] };
  });
}

export async function restoreEvidence(db: Db, context: WriteContext, evidenceId: string) {
  const { mapId } = context;
  return runMapWrite(db, mapId, context, async (tx) => {
    const updated = await tx.evidence.updateMany({ where: { id: evidenceId, mapId, deletedAt: { not: null } }, data: { deletedAt: null } });
    if (updated.count === 0) throw new DomainError('CONFLICT', 'This evidence passage is not deleted, so there is nothing to restore.');
    const evidence = toEvidencePayload(await tx.evidence.findUniqueOrThrow({ where: { id: evidenceId }, select: EVIDENCE_VIEW_SELECT }));
    // The links that become visible again: those to a live claim.
    const links = await tx.link.findMany({
      where: { fromEvidenceId: evidenceId, toClaim: { deletedAt: null } },
      orderBy: { createdAt: 'asc' },
      select: LINK_VIEW_SELECT,
    });
    return { result: { evidence, links }, events: [{ type: 'evidence.restored', payload: { evidence, links } }] };
  });
}
