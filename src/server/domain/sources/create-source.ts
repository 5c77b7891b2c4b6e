import type { Db } from '@/server/db';
import { DomainError } from '@/server/domain/errors';
import { runMapWrite } from '@/server/sync/append-event';
import type { WriteContext } from '@/server/domain/context';
import type { TCreateSourceInput } from '@/shared/schemas/source';
import { hashSourceText } from './hash-source-text';
import { prepareSourceText } from './prepare-source-text';
import { SOURCE_SUMMARY_SELECT, type SourceSummary } from './source-select';

export interface DuplicateSourceDetails {
  kind: 'duplicate-source';
  sourceId: string;
  title: string;
}

export function duplicateSourceError(existing: { id: string; title: string }) {
  const details: DuplicateSourceDetails = { kind: 'duplicate-source', sourceId: existing.id, title: existing.title };
  return new DomainError(
    'CONFLICT',
    `This text is already in the map's library as “${existing.title}”; open that source instead of adding it again.`,
    details,
  );
}

const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === 'P2002';

/**
 * Adds a source to a map's library from pasted text or an uploaded .txt/.md/.html file. The same
 * text (by content hash of the normalised text) is not added twice to one map.
 */
export async function createSource(db: Db, context: WriteContext, input: TCreateSourceInput) {
  const text = prepareSourceText(input);
  const contentHash = hashSourceText(text);
  const findDuplicate = () => db.source.findFirst({ where: { mapId: input.mapId, contentHash }, select: { id: true, title: true } });

  const existing = await findDuplicate();
  if (existing) throw duplicateSourceError(existing);
  try {
    return await runMapWrite(db, input.mapId, context, async (tx) => {
      const row = await tx.source.create({
        data: {
          mapId: input.mapId,
          title: input.title,
          author: input.author ?? null,
          publisher: input.publisher ?? null,
          url: input.url ?? null,
          publishedAt: input.publishedAt ?? null,
          text,
          contentHash,
          createdById: context.actor?.id ?? null,
        },
        select: SOURCE_SUMMARY_SELECT,
      });
      const source: SourceSummary = { ...row, textLength: text.length, evidenceCount: 0, orphanedCount: 0 };
      return { result: { source }, events: [{ type: 'source.created', payload: { source } }] };
    });
  } catch (error) {
    // Two people adding the same document at once: the unique index decides, report it the same way.
    if (isUniqueViolation(error)) {
      const winner = await findDuplicate();
      if (winner) throw duplicateSourceError(winner);
    }
    throw error;
  }
}
