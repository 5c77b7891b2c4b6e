import { requireMapRole } from '@/server/access/map-access';
import { httpErrorResponse, jsonErrorResponse } from '@/server/api/error-status';
import { identityOfRequest } from '@/server/api/request-identity';
import { getDb } from '@/server/db';
import { notFoundOrNoAccess } from '@/server/domain/errors';
import { exportMapFile } from '@/server/domain/exchange/export-map';
import { exportSnapshotFile } from '@/server/domain/snapshots/export-snapshot';
import { mapIdOfSnapshot } from '@/server/domain/snapshots/snapshots';
import { consumeRateLimit, rateLimitError, type RateLimitRule } from '@/server/domain/rate-limit/rate-limit';
import { EXPORT_FORMATS, isExportFormat } from '@/shared/schemas/exchange';
import { ZId } from '@/shared/schemas/map';
import { findUnsafeText } from '@/shared/safe-text';

export const dynamic = 'force-dynamic';

/** Exports read whole maps with their source texts: generous for people, a bound for scripts. */
const EXPORT_RATE_LIMIT = { name: 'export', points: 60, durationSeconds: 60 } as const satisfies RateLimitRule;

/**
 * GET /api/maps/{id}/export?format=argdown|aif|kialo|json|md[&snapshot={snapshotId}] — the map (or the map as
 * of one of its snapshots) as a file, with the same access
 * as reading it: public maps for anyone; a map the caller cannot open answers 404 with the same
 * message as a map that does not exist (anonymous visitors included).
 */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }) {
  const { id } = await context.params;
  const params = new URL(request.url).searchParams;
  const format = params.get('format');
  const snapshotId = params.get('snapshot');
  if (!isExportFormat(format)) {
    return jsonErrorResponse(
      400,
      `Unknown export format ${format === null ? '(none given)' : JSON.stringify(format)}: use format=${EXPORT_FORMATS.join(', ')}.`,
    );
  }
  const db = getDb();
  try {
    // The caller exactly as the tRPC context sees them.
    const { actor, ip } = await identityOfRequest(db, request);
    const limit = await consumeRateLimit(db, EXPORT_RATE_LIMIT, actor?.id ?? `ip:${ip}`);
    if (!limit.isAllowed) throw rateLimitError(EXPORT_RATE_LIMIT, limit);
    if (!ZId.safeParse(id).success || findUnsafeText(id)) throw notFoundOrNoAccess();
    const access = await requireMapRole(db, actor, id, 'viewer');
    let file;
    if (snapshotId !== null) {
      // The snapshot must be one of this map's: its own map is looked up, never taken from the path.
      if (!ZId.safeParse(snapshotId).success || findUnsafeText(snapshotId) || (await mapIdOfSnapshot(db, snapshotId)) !== id) {
        throw notFoundOrNoAccess();
      }
      file = await exportSnapshotFile(db, { actor, access }, { snapshotId, format });
    } else {
      file = await exportMapFile(db, { actor, access }, { format });
    }
    const headers: Record<string, string> = {
      'Content-Type': file.contentType,
      'Content-Disposition': `attachment; filename="${file.fileName}"`,
      'Cache-Control': 'private, no-store',
    };
    if (file.omittedEvidence > 0) headers['X-Crux-Omitted-Evidence'] = String(file.omittedEvidence);
    return new Response(file.body, { status: 200, headers });
  } catch (error) {
    return httpErrorResponse(error, `exporting map ${JSON.stringify(id)}`);
  }
}
