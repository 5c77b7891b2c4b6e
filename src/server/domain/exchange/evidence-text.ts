import type { MapDocumentEvidence, MapDocumentSource } from '@/shared/map-document';
import { truncate } from '@/shared/truncate';

import { collapseWhitespace } from './sanitize-text';

/** How an evidence passage reads when it has to stand alone as a statement or node text. */
export function evidenceText(evidence: MapDocumentEvidence, source: MapDocumentSource | undefined, max = 1000): string {
  const suffix = source ? ` — ${collapseWhitespace(source.title)}` : '';
  const room = Math.max(20, max - suffix.length - 2);
  return truncate(`"${truncate(collapseWhitespace(evidence.exact), room)}"${suffix}`, max);
}
