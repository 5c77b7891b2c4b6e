import type { Prisma } from '@/generated/prisma/client';

/** What a source is, as a citation names it. */
export const SOURCE_CITATION_SELECT = {
  id: true,
  title: true,
  author: true,
  publisher: true,
  url: true,
  publishedAt: true,
} satisfies Prisma.SourceSelect;

/** A source's metadata as clients see it: never its text (that comes from source.get only). */
export const SOURCE_SUMMARY_SELECT = {
  ...SOURCE_CITATION_SELECT,
  mapId: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.SourceSelect;

export type SourceSummaryRow = Prisma.SourceGetPayload<{ select: typeof SOURCE_SUMMARY_SELECT }>;

// A type alias (not an interface) so it is assignable to Prisma's JSON input for event payloads.
export type SourceSummary = SourceSummaryRow & {
  /** Length of the text in UTF-16 code units (the unit of evidence offsets). */
  textLength: number;
  /** Live (not deleted) evidence passages quoting this source. */
  evidenceCount: number;
  /** Of those, the passages that could not be re-anchored after a text edit. */
  orphanedCount: number;
};
