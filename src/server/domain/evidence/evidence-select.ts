import type { Prisma } from '@/generated/prisma/client';

/** An evidence passage as clients see it (the shape map.get returns, without vote aggregates). */
export const EVIDENCE_VIEW_SELECT = {
  id: true,
  sourceId: true,
  exact: true,
  prefix: true,
  suffix: true,
  start: true,
  end: true,
  note: true,
  isOrphaned: true,
  x: true,
  y: true,
  authorId: true,
  createdAt: true,
  author: { select: { displayName: true } },
} satisfies Prisma.EvidenceSelect;

type EvidenceRow = Prisma.EvidenceGetPayload<{ select: typeof EVIDENCE_VIEW_SELECT }>;

export type EvidencePayload = Omit<EvidenceRow, 'author'> & { authorName: string | null };

export function toEvidencePayload({ author, ...evidence }: EvidenceRow, hideIdentities = false): EvidencePayload {
  return {
    ...evidence,
    authorId: hideIdentities ? null : evidence.authorId,
    authorName: hideIdentities ? null : (author?.displayName ?? null),
  };
}
