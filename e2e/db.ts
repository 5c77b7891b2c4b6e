/**
 * Direct access to the e2e database for setup the UI does not offer in a test (e.g. adding a
 * member without going through a share link). The runner (scripts/run-e2e.ts) starts the app on
 * DATABASE_URL when that is set, else on an embedded Postgres at CRUX_EMBEDDED_PG_PORT.
 */
import crypto from 'node:crypto';
import pg from 'pg';

export function e2eDatabaseUrl(): string {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const port = process.env.CRUX_EMBEDDED_PG_PORT ?? '54332';
  return `postgresql://postgres:crux-local@127.0.0.1:${port}/crux`;
}

export async function withDb<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Makes the user with this email a member of the map with `role` (or changes their role). */
export async function addMember(mapId: string, email: string, role: 'owner' | 'editor' | 'voter' | 'viewer'): Promise<void> {
  await withDb(async (client) => {
    const users = await client.query<{ id: string }>('SELECT "id" FROM "User" WHERE lower("email") = lower($1)', [email]);
    const userId = users.rows[0]?.id;
    if (!userId) throw new Error(`addMember: no user with email ${email}`);
    await client.query(
      `INSERT INTO "MapMember" ("id", "mapId", "userId", "role", "createdAt", "updatedAt")
       VALUES ($1, $2, $3, $4::"MapRole", now(), now())
       ON CONFLICT ("mapId", "userId") DO UPDATE SET "role" = EXCLUDED."role", "updatedAt" = now()`,
      [`e2e-${crypto.randomUUID()}`, mapId, userId, role],
    );
  });
}
