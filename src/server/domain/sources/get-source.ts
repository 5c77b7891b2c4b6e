import type { Db } from '@/server/db';
import type { ReadContext } from '@/server/domain/context';
import { DomainError } from '@/server/domain/errors';
import { EVIDENCE_VIEW_SELECT, toEvidencePayload, type EvidencePayload } from '@/server/domain/evidence/evidence-select';
import { SOURCE_SUMMARY_SELECT, type SourceSummary } from './source-select';
import type { TRelation } from '@/shared/schemas/claim';

export interface EvidenceLinkView {
  id: string;
  toClaimId: string;
  relation: TRelation;
  claimText: string;
}

export interface SourceEvidenceView extends EvidencePayload {
  /** The live claims this passage supports or opposes. */
  links: EvidenceLinkView[];
}

export interface SourceView {
  source: SourceSummary & { text: string };
  /** Live passages, in reading order; orphaned ones keep their last known selectors. */
  evidence: SourceEvidenceView[];
}

/** One source with its text and live evidence; the caller's access to `access.mapId` was checked. */
export async function getSource(db: Db, context: ReadContext, sourceId: string): Promise<SourceView> {
  const { access } = context;
  const row = await db.source.findFirst({
    where: { id: sourceId, mapId: access.mapId },
    select: {
      ...SOURCE_SUMMARY_SELECT,
      text: true,
      evidence: {
        where: { deletedAt: null },
        orderBy: [{ start: 'asc' }, { end: 'desc' }, { createdAt: 'asc' }],
        select: {
          ...EVIDENCE_VIEW_SELECT,
          links: {
            where: { toClaim: { deletedAt: null } },
            orderBy: { createdAt: 'asc' },
            select: { id: true, toClaimId: true, relation: true, toClaim: { select: { text: true } } },
          },
        },
      },
    },
  });
  if (!row) throw new DomainError('NOT_FOUND', 'That source was not found.');
  const hideIdentities = access.map.isAnonymous && access.role !== 'owner';
  const { evidence, ...source } = row;
  return {
    source: {
      ...source,
      textLength: source.text.length,
      evidenceCount: evidence.length,
      orphanedCount: evidence.filter((item) => item.isOrphaned).length,
    },
    evidence: evidence.map(({ links, ...item }) => ({
      ...toEvidencePayload(item, hideIdentities),
      links: links.map(({ toClaim, ...link }) => ({ ...link, claimText: toClaim.text })),
    })),
  };
}
