import { getDb } from '@/server/db';

export const dynamic = 'force-dynamic';

/**
 * What this process has seen of the database: while it is unreachable, since when; once it answers
 * again, when the last outage ended (so a restart of the database shows here as a recovery). Never
 * the error itself, which can name hosts and ports: that goes to the server log.
 */
const outage = globalThis as unknown as { cruxDbDownSince?: number | null; cruxDbLastOutage?: { from: string; recoveredAt: string } };

export async function GET() {
  try {
    const rows = await Promise.race([
      getDb().$queryRaw<{ startedAt: Date }[]>`SELECT pg_postmaster_start_time() AS "startedAt"`,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timed out after 3 s')), 3000)),
    ]);
    if (outage.cruxDbDownSince) {
      outage.cruxDbLastOutage = { from: new Date(outage.cruxDbDownSince).toISOString(), recoveredAt: new Date().toISOString() };
      console.log(`crux: database reachable again (down since ${outage.cruxDbLastOutage.from})`);
    }
    outage.cruxDbDownSince = null;
    return Response.json(
      { status: 'ok', db: 'ok', dbStartedAt: rows[0]?.startedAt ?? null, lastOutage: outage.cruxDbLastOutage ?? null },
      { headers: { 'Cache-Control': 'no-store' } },
    );
  } catch (error) {
    outage.cruxDbDownSince ??= Date.now();
    const detail = (error as Error).message.split('\n').find((line) => line.trim()) ?? 'no detail';
    console.error(`crux: health check: database unreachable (${detail})`);
    return Response.json(
      { status: 'error', db: 'unreachable', downSince: new Date(outage.cruxDbDownSince).toISOString() },
      { status: 503, headers: { 'Cache-Control': 'no-store', 'Retry-After': '2' } },
    );
  }
}
