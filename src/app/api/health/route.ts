import { getDb } from '@/server/db';

export const dynamic = 'force-dynamic';

export async function GET() {
  try {
    await Promise.race([
      getDb().$queryRaw`SELECT 1`,
      new Promise((_, reject) => setTimeout(() => reject(new Error('timed out after 3 s')), 3000)),
    ]);
    return Response.json({ status: 'ok', db: 'ok' });
  } catch (error) {
    return Response.json(
      { status: 'error', db: 'unreachable', reason: (error as Error).message.split('\n')[0] },
      { status: 503 },
    );
  }
}
