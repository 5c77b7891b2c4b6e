import type { Db } from '@/server/db';
import type { ReadContext } from '@/server/domain/context';
import { renderExportFile, type ExportFile } from '@/server/domain/exchange/export-map';
import { formatPublishedAt } from '@/server/domain/exchange/map-document-from-db';
import type { MapView } from '@/server/domain/maps/get-map';
import {
  MAP_DOCUMENT_FORMAT,
  MAP_DOCUMENT_VERSION,
  ZDocSource,
  validateMapDocument,
  type MapDocument,
  type MapDocumentEvidence,
  type MapDocumentLink,
} from '@/shared/map-document';
import type { TExportFormat } from '@/shared/schemas/exchange';
import type { VoteSummary } from '@/shared/votes';
import { publishedOnly } from '@/shared/moderation';
import { getSnapshot } from './snapshots';

/**
 * A snapshot as a MapDocument, so every exporter writes it: the claims, links and passages of the replayed
 * view (as this reader may see them). The log does not keep source texts, so sources carry their text as
 * it is now; a passage whose quote no longer matches it (the source was edited or deleted since) is left
 * out with its links and counted, as an orphaned passage is in a live export.
 */
export async function snapshotDocument(
  db: Db,
  view: MapView,
  options: { withVotes: boolean; exportedAt?: Date },
): Promise<{ document: MapDocument; omittedEvidence: number }> {
  const sourceRows = await db.source.findMany({
    where: { mapId: view.map.id, id: { in: view.sources.map((source) => source.id) } },
    select: { id: true, title: true, author: true, publisher: true, url: true, publishedAt: true, text: true },
  });
  const textOf = new Map(sourceRows.map((source) => [source.id, source.text]));
  const votesOf = (votes: VoteSummary | null) =>
    options.withVotes && votes && votes.count > 0
      ? { votes: { count: votes.count, mean: votes.mean, histogram: [...votes.histogram] as VoteSummary['histogram'] } }
      : {};

  let omittedEvidence = 0;
  const evidence: MapDocumentEvidence[] = [];
  for (const item of view.evidence) {
    const text = textOf.get(item.sourceId);
    if (text === undefined || item.end <= item.start || text.slice(item.start, item.end) !== item.exact) {
      omittedEvidence++;
      continue;
    }
    const { id, sourceId, exact, prefix, suffix, start, end, note, x, y } = item;
    evidence.push({ id, sourceId, exact, prefix, suffix, start, end, note, x, y, ...votesOf(item.votes) });
  }
  const claimIds = new Set(view.claims.map((claim) => claim.id));
  const evidenceIds = new Set(evidence.map((item) => item.id));
  const links: MapDocumentLink[] = view.links.flatMap((link): MapDocumentLink[] => {
    if (!claimIds.has(link.toClaimId)) return [];
    const scheme = link.scheme ? { scheme: link.scheme } : {};
    if (link.fromClaimId !== null) {
      return claimIds.has(link.fromClaimId) && link.fromClaimId !== link.toClaimId
        ? [{ id: link.id, from: { claimId: link.fromClaimId }, toClaimId: link.toClaimId, relation: link.relation, ...scheme }]
        : [];
    }
    return link.fromEvidenceId !== null && evidenceIds.has(link.fromEvidenceId)
      ? [{ id: link.id, from: { evidenceId: link.fromEvidenceId }, toClaimId: link.toClaimId, relation: link.relation, ...scheme }]
      : [];
  });

  const document = validateMapDocument({
    format: MAP_DOCUMENT_FORMAT,
    version: MAP_DOCUMENT_VERSION,
    exportedAt: (options.exportedAt ?? new Date()).toISOString(),
    map: { title: view.map.title, description: view.map.description, visibility: view.map.visibility },
    claims: view.claims.map((claim) => ({
      id: claim.id,
      ...(claim.title && { title: claim.title }),
      text: claim.text,
      ...(claim.tags && claim.tags.length > 0 && { tags: claim.tags }),
      x: claim.x,
      y: claim.y,
      ...votesOf(claim.votes),
    })),
    links,
    sources: sourceRows.map((source) => ({
      id: source.id,
      title: source.title,
      author: source.author,
      publisher: source.publisher,
      url: source.url !== null && ZDocSource.shape.url.safeParse(source.url).success ? source.url : null,
      publishedAt: formatPublishedAt(source.publishedAt),
      text: source.text,
    })),
    evidence,
  });
  return { document, omittedEvidence };
}

/** The snapshot as a downloadable file; the caller may view the map (`context.access`). Only the JSON backup carries votes. */
export async function exportSnapshotFile(
  db: Db,
  context: ReadContext,
  input: { snapshotId: string; format: TExportFormat },
): Promise<ExportFile> {
  const { snapshot, view: replayed } = await getSnapshot(db, context, input.snapshotId);
  // As in a live export, proposals awaiting approval are left out (the author and moderators see them in the replay).
  const view = { ...replayed, ...publishedOnly(replayed) };
  const { document, omittedEvidence } = await snapshotDocument(db, view, { withVotes: input.format === 'json' });
  return renderExportFile(document, input.format, omittedEvidence, snapshot.name);
}
