/**
 * A map as a downloadable file in one of the export formats. The caller has checked that the
 * reader may view the map; vote aggregates follow what that reader may see (blind voting).
 */
import type { Db } from '@/server/db';
import type { MapDocument } from '@/shared/map-document';
import type { ReadContext } from '@/server/domain/context';
import { EXPORT_FORMAT_INFO, slugify, type TExportFormat } from '@/shared/schemas/exchange';

import { exportAif } from './aif';
import { exportArgdown } from './argdown-export';
import { exportJson } from './json';
import { exportKialo } from './kialo-export';
import { loadMapDocument, type VoteVisibility } from './map-document-from-db';
import { exportMarkdown } from './markdown';

export interface ExportFile {
  body: string;
  contentType: string;
  fileName: string;
  /** Orphaned evidence passages the format could not carry (see loadMapDocument). */
  omittedEvidence: number;
}

export async function exportMapFile(
  db: Db,
  context: ReadContext,
  input: { format: TExportFormat; exportedAt?: Date },
): Promise<ExportFile> {
  const { format, exportedAt } = input;
  const reader = { readerId: context.actor?.id ?? null, isOwner: context.access.role === 'owner' };
  // Only the backup carries vote results; the other formats have no place for them.
  const votes: VoteVisibility = format === 'json' ? reader : 'none';
  const { document, omittedEvidence } = await loadMapDocument(db, context.access.mapId, { votes, exportedAt });
  return renderExportFile(document, format, omittedEvidence);
}

/** A MapDocument (of the map now, or of a snapshot) written in one of the export formats. */
export function renderExportFile(document: MapDocument, format: TExportFormat, omittedEvidence: number, nameSuffix = ''): ExportFile {
  const info = EXPORT_FORMAT_INFO[format];
  const body =
    format === 'argdown'
      ? exportArgdown(document)
      : format === 'aif'
        ? `${JSON.stringify(exportAif(document), null, 2)}\n`
        : format === 'kialo'
          ? exportKialo(document)
          : format === 'json'
            ? exportJson(document)
            : exportMarkdown(document);
  const fileName = `${slugify(document.map.title)}${nameSuffix ? `-${slugify(nameSuffix)}` : ''}.${info.extension}`;
  return { body, contentType: info.contentType, fileName, omittedEvidence };
}
