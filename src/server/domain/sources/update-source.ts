import type { Prisma } from '@/generated/prisma/client';
import type { Db } from '@/server/db';
import { reanchorQuotes, type AnchorMethod } from '@/server/domain/anchoring/anchor-quote';
import { DomainError } from '@/server/domain/errors';
import { runMapWrite } from '@/server/sync/append-event';
import type { WriteContext } from '@/server/domain/context';
import type { TUpdateSourceInput } from '@/shared/schemas/source';
import { duplicateSourceError } from './create-source';
import { hashSourceText } from './hash-source-text';
import { prepareSourceText } from './prepare-source-text';
import { SOURCE_SUMMARY_SELECT, type SourceSummary } from './source-select';

export type ReanchoredPassage = {
  id: string;
  exact: string;
  prefix: string;
  suffix: string;
  start: number;
  end: number;
  isOrphaned: boolean;
  method: AnchorMethod | 'orphaned';
};

export type ReanchorReport = {
  /** Passages (live and deleted, so a restore finds its words) re-anchored in the new text. */
  total: number;
  /** Still at the same offsets. */
  unchanged: number;
  /** Found verbatim elsewhere (text was inserted or removed before them). */
  moved: number;
  /** Found with small changes within the tolerance; their quote is updated to the new words. */
  fuzzy: number;
  /** Not found: flagged isOrphaned, selectors kept as they were. */
  orphaned: number;
  orphanedIds: string[];
};

/** Locks the source row for the rest of the transaction: text edits and new quotes serialise. */
export async function lockSource(tx: Prisma.TransactionClient, sourceId: string, mode: 'UPDATE' | 'SHARE') {
  const rows =
    mode === 'UPDATE'
      ? await tx.$queryRaw<{ id: string; mapId: string; title: string; text: string }[]>`
          SELECT "id", "mapId", "title", "text" FROM "Source" WHERE "id" = ${sourceId} FOR UPDATE`
      : await tx.$queryRaw<{ id: string; mapId: string; title: string; text: string }[]>`
          SELECT "id", "mapId", "title", "text" FROM "Source" WHERE "id" = ${sourceId} FOR SHARE`;
  const row = rows[0];
  if (!row) throw new DomainError('NOT_FOUND', 'That source was not found; it may have been deleted.');
  return row;
}

/**
 * Changes a source's metadata and/or its text. A new text re-anchors every passage by its quote and
 * context (position, exact, then fuzzy match; see anchor-quote.ts) in the same transaction: found
 * passages get fresh selectors, the rest are flagged orphaned and keep their old selectors, so they
 * never silently point at other words (and re-anchor if a later edit brings the words back).
 */
export async function updateSource(db: Db, context: WriteContext, input: TUpdateSourceInput) {
  const { mapId } = context;
  const newText = input.text === undefined ? undefined : prepareSourceText({ text: input.text });
  return runMapWrite(db, mapId, context, async (tx) => {
    const current = await lockSource(tx, input.id, 'UPDATE');
    if (current.mapId !== mapId) throw new DomainError('NOT_FOUND', 'That source was not found.');

    const data: Prisma.SourceUpdateInput = {};
    if (input.title !== undefined) data.title = input.title;
    if (input.author !== undefined) data.author = input.author;
    if (input.publisher !== undefined) data.publisher = input.publisher;
    if (input.url !== undefined) data.url = input.url;
    if (input.publishedAt !== undefined) data.publishedAt = input.publishedAt;

    const textChanged = newText !== undefined && newText !== current.text;
    let reanchor: ReanchorReport | null = null;
    let passages: ReanchoredPassage[] = [];
    if (textChanged) {
      const contentHash = hashSourceText(newText);
      const duplicate = await tx.source.findFirst({
        where: { mapId, contentHash, id: { not: input.id } },
        select: { id: true, title: true },
      });
      if (duplicate) throw duplicateSourceError(duplicate);
      data.text = newText;
      data.contentHash = contentHash;
      ({ reanchor, passages } = await reanchorSourceEvidence(tx, input.id, newText));
    }

    const row = await tx.source.update({ where: { id: input.id }, data, select: SOURCE_SUMMARY_SELECT });
    const counts = await tx.evidence.groupBy({
      by: ['isOrphaned'],
      where: { sourceId: input.id, deletedAt: null },
      _count: { _all: true },
    });
    const source: SourceSummary = {
      ...row,
      textLength: newText !== undefined ? newText.length : current.text.length,
      evidenceCount: counts.reduce((sum, group) => sum + group._count._all, 0),
      orphanedCount: counts.find((group) => group.isOrphaned)?._count._all ?? 0,
    };
    return {
      result: { source, textChanged, reanchor },
      events: [{ type: 'source.updated', payload: { source, textChanged, evidence: passages } }],
    };
  });
}

async function reanchorSourceEvidence(tx: Prisma.TransactionClient, sourceId: string, newText: string) {
  const stored = await tx.evidence.findMany({
    where: { sourceId },
    select: { id: true, exact: true, prefix: true, suffix: true, start: true, end: true },
  });
  const results = reanchorQuotes(newText, stored);
  const storedById = new Map(stored.map((item) => [item.id, item]));
  const passages: ReanchoredPassage[] = results.map(({ id, selector, method }) => {
    const previous = storedById.get(id)!;
    return selector
      ? { id, ...selector, isOrphaned: false, method }
      : {
          id,
          exact: previous.exact,
          prefix: previous.prefix,
          suffix: previous.suffix,
          start: previous.start,
          end: previous.end,
          isOrphaned: true,
          method,
        };
  });
  if (passages.length) {
    // One statement for all passages, however many.
    await tx.$executeRawUnsafe(
      `UPDATE "Evidence" AS e
         SET "exact" = u.exact, "prefix" = u.prefix, "suffix" = u.suffix, "start" = u.start, "end" = u."end",
             "isOrphaned" = u.orphaned, "updatedAt" = now()
       FROM (SELECT unnest($1::text[]) AS id, unnest($2::text[]) AS exact, unnest($3::text[]) AS prefix,
                    unnest($4::text[]) AS suffix, unnest($5::int[]) AS start, unnest($6::int[]) AS "end",
                    unnest($7::boolean[]) AS orphaned) AS u
       WHERE e."id" = u.id AND e."sourceId" = $8`,
      passages.map((p) => p.id),
      passages.map((p) => p.exact),
      passages.map((p) => p.prefix),
      passages.map((p) => p.suffix),
      passages.map((p) => p.start),
      passages.map((p) => p.end),
      passages.map((p) => p.isOrphaned),
      sourceId,
    );
  }
  const reanchor: ReanchorReport = {
    total: passages.length,
    unchanged: passages.filter((p) => p.method === 'position').length,
    moved: passages.filter((p) => p.method === 'exact').length,
    fuzzy: passages.filter((p) => p.method === 'fuzzy').length,
    orphaned: passages.filter((p) => p.isOrphaned).length,
    orphanedIds: passages.filter((p) => p.isOrphaned).map((p) => p.id),
  };
  return { reanchor, passages };
}
