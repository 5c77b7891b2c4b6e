import type { Db } from '@/server/db';
import type { ReadContext } from '@/server/domain/context';
import { SOURCE_SUMMARY_SELECT, type SourceSummary } from './source-select';

/** The map's library, oldest first, with text lengths and passage counts but no texts. */
export async function listSources(db: Db, context: ReadContext): Promise<SourceSummary[]> {
  const { mapId } = context.access;
  const [rows, lengths, counts] = await Promise.all([
    db.source.findMany({ where: { mapId }, orderBy: { createdAt: 'asc' }, select: SOURCE_SUMMARY_SELECT }),
    db.$queryRaw<{ id: string; length: number }[]>`
      SELECT "id", length("text")::int AS "length" FROM "Source" WHERE "mapId" = ${mapId}`,
    db.evidence.groupBy({
      by: ['sourceId', 'isOrphaned'],
      where: { mapId, deletedAt: null },
      _count: { _all: true },
    }),
  ]);
  const lengthById = new Map(lengths.map((row) => [row.id, row.length]));
  const live = new Map<string, number>();
  const orphaned = new Map<string, number>();
  for (const row of counts) {
    live.set(row.sourceId, (live.get(row.sourceId) ?? 0) + row._count._all);
    if (row.isOrphaned) orphaned.set(row.sourceId, row._count._all);
  }
  return rows.map((row) => ({
    ...row,
    textLength: lengthById.get(row.id) ?? 0,
    evidenceCount: live.get(row.id) ?? 0,
    orphanedCount: orphaned.get(row.id) ?? 0,
  }));
}
