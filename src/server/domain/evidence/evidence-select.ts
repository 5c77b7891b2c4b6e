import type { Prisma } from '@/generated/prisma/client';

/** What a passage quotes and where (the W3C selectors over its source's text), with its note. */
export const EVIDENCE_QUOTE_SELECT = {
  id: true,
  sourceId: true,
  exact: true,
  prefix: true,
  suffix: true,
  start: true,
  end: true,
  note: true,
} satisfies Prisma.EvidenceSelect;

/** An evidence passage as clients see it (the shape map.get returns, without vote aggregates). */
export const EVIDENCE_VIEW_SELECT = {
  ...EVIDENCE_QUOTE_SELECT,
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
