/**
 * The floor for `map.get` (issue 17): the same rows read with plain `pg` — the map, its live claims with
 * their authors' names, links, sources without their text (with its length and live passage count),
 * live passages, vote counts per target and value, the caller's own votes — in one REPEATABLE READ
 * snapshot as map.get reads, and serialised to JSON. Nothing else: no role check, no redaction, no
 * strength. `map.get` is measured the way the HTTP route answers it (procedure + the app's superjson encoding + JSON).
 *
 * bench:map calls `measureMapGetBesideFloor` for its map.get row; run alone for just the two rows:
 *   npx tsx scripts/bench/map-get-floor.ts   (BENCH_MAP_SIZES=2000 BENCH_MAP_CALLS=30, DATABASE_URL or an embedded Postgres on 54341)
 */
import path from 'node:path';
import pg from 'pg';
import { createCaller } from '../../src/server/api/root';
import { serialize } from '../../src/server/api/transformer';
import type { Actor } from '../../src/server/access/actor';
import { createPrismaClient } from '../../src/server/db';
import { applyMigrations } from '../../src/server/infra/migrate';
import { createDatabase, dropDatabase, startTestServer } from '../../tests/database';
import { createLargeMap } from '../seed-large';

const READS = [
  `SELECT m."id", m."title", m."description", m."visibility", m."ownerId", m."isLocked", m."isAnonymous", m."isBlindVoting",
          m."resultsRevealed", m."lastSeq", m."createdAt", m."updatedAt", u."displayName" AS "ownerName"
     FROM "Map" m JOIN "User" u ON u."id" = m."ownerId" WHERE m."id" = $1`,
  `SELECT c."id", c."title", c."text", c."tags", c."x", c."y", c."version", c."authorId", c."createdAt", c."updatedAt",
          u."displayName" AS "authorName"
     FROM "Claim" c LEFT JOIN "User" u ON u."id" = c."authorId" WHERE c."mapId" = $1 AND c."deletedAt" IS NULL ORDER BY c."createdAt"`,
  `SELECT "id", "fromClaimId", "fromEvidenceId", "toClaimId", "relation", "scheme" FROM "Link" WHERE "mapId" = $1 ORDER BY "createdAt"`,
  `SELECT s."id", s."title", s."author", s."publisher", s."url", s."publishedAt", length(s."text") AS "textLength",
          (SELECT count(*) FROM "Evidence" e WHERE e."sourceId" = s."id" AND e."deletedAt" IS NULL)::int AS "evidenceCount"
     FROM "Source" s WHERE s."mapId" = $1 ORDER BY s."createdAt"`,
  `SELECT e."id", e."sourceId", e."exact", e."prefix", e."suffix", e."start", e."end", e."note", e."isOrphaned", e."x", e."y",
          e."authorId", e."createdAt", u."displayName" AS "authorName"
     FROM "Evidence" e LEFT JOIN "User" u ON u."id" = e."authorId" WHERE e."mapId" = $1 AND e."deletedAt" IS NULL ORDER BY e."createdAt"`,
  `SELECT coalesce("claimId", "evidenceId") AS "targetId", "value", count(*)::int AS "count" FROM "Vote" WHERE "mapId" = $1
    GROUP BY 1, 2`,
];
const OWN_VOTES = `SELECT "claimId", "evidenceId", "value" FROM "Vote" WHERE "mapId" = $1 AND "userId" = $2`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

interface Timing {
  p50: number;
  p95: number;
  bytes: number;
}

function summarize(times: number[], bytes: number): Timing {
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), bytes };
}

/** The floor's reads for one map in one REPEATABLE READ snapshot, as JSON. */
async function readFloor(client: pg.Client, mapId: string, userId: string): Promise<string> {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  const results: unknown[][] = [];
  for (const sql of READS) results.push((await client.query(sql, [mapId])).rows);
  const myVotes = (await client.query(OWN_VOTES, [mapId, userId])).rows;
  await client.query('COMMIT');
  const [map, claims, links, sources, evidence, votes] = results;
  return JSON.stringify({ map: map?.[0], claims, links, sources, evidence, votes, myVotes });
}

/**
 * map.get as the HTTP route answers it (the procedure through the caller, the app's superjson encoding
 * from api/transformer.ts, JSON) and its raw-pg floor, `calls` of each after 3 warm-ups. The two
 * alternate call by call, so a machine whose load changes during the run slows both alike and the
 * ratio stays meaningful.
 */
export async function measureMapGetBesideFloor(
  mapGet: () => Promise<unknown>,
  databaseUrl: string,
  mapId: string,
  userId: string,
  calls: number,
): Promise<{ mapGet: Timing; floor: Timing }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const runs = { mapGet: async () => JSON.stringify(serialize(await mapGet())), floor: () => readFloor(client, mapId, userId) };
    const times = { mapGet: [] as number[], floor: [] as number[] };
    const bytes = { mapGet: 0, floor: 0 };
    for (let i = 0; i < 3 + calls; i += 1) {
      for (const name of ['mapGet', 'floor'] as const) {
        const started = performance.now();
        const body = await runs[name]();
        if (i >= 3) times[name].push(performance.now() - started);
        bytes[name] = body.length;
      }
    }
    return { mapGet: summarize(times.mapGet, bytes.mapGet), floor: summarize(times.floor, bytes.floor) };
  } finally {
    await client.end();
  }
}

export function printMapGetFloorTable(rows: { size: number; mapGet: { p50: number; p95: number }; floor: { p50: number; p95: number } }[]) {
  console.log('map.get (procedure + superjson encoding + JSON) beside its floor (plain pg, same rows, JSON.stringify)');
  console.log('| claims | map.get p50 | map.get p95 | floor p50 | floor p95 | p50 ratio |');
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const { size, mapGet, floor } of rows) {
    const cell = (value: number) => `${value.toFixed(1)} ms`;
    console.log(
      `| ${size} | ${cell(mapGet.p50)} | ${cell(mapGet.p95)} | ${cell(floor.p50)} | ${cell(floor.p95)} | ` +
        `${(mapGet.p50 / floor.p50).toFixed(2)}× |`,
    );
  }
}

async function main() {
  const sizes = (process.env.BENCH_MAP_SIZES ?? '2000').split(',').map(Number);
  const calls = Number(process.env.BENCH_MAP_CALLS ?? 30);
  const server = await startTestServer({ dataDir: path.join('.data', 'bench-floor', 'postgres'), port: 54341 });
  const url = await createDatabase(server.adminUrl, 'crux_bench_floor');
  const db = createPrismaClient(url);
  try {
    await applyMigrations(url, path.join('prisma', 'migrations'));
    const owner: Actor = await db.user.create({
      data: { displayName: 'Bench owner' },
      select: { id: true, displayName: true, isGuest: true },
    });
    const voterIds: string[] = [];
    for (let i = 1; i <= 5; i += 1)
      voterIds.push((await db.user.create({ data: { displayName: `Bench voter ${i}` }, select: { id: true } })).id);
    const caller = createCaller({ db, actor: owner, ip: 'bench' });
    const rows = [];
    for (const size of sizes) {
      const { mapId } = await createLargeMap(db, { claims: size, ownerId: owner.id, voterIds, title: `Floor bench, ${size} claims` });
      rows.push({ size, ...(await measureMapGetBesideFloor(() => caller.map.get({ mapId }), url, mapId, owner.id, calls)) });
    }
    printMapGetFloorTable(rows);
  } finally {
    await db.$disconnect();
    await dropDatabase(server.adminUrl, url);
    await server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
