/**
 * `npx tsx scripts/bench/snapshot.ts`: how long opening a snapshot takes when it must replay a long
 * log. Builds a map whose log holds BENCH_EVENTS events (default 5,000: claims created under a
 * thesis, then text edits and moves of them), names a snapshot at the head, and times
 * `snapshot.get` (a full replay through applyEvent plus strengths) against `map.get`: median and
 * p95 over BENCH_CALLS calls after 2 warm-ups.
 *
 * Runs on a fresh embedded PostgreSQL (.data/bench-snapshot-postgres, port BENCH_PG_PORT or 54341).
 */
import fs from 'node:fs';
import path from 'node:path';
import { createCaller } from '../../src/server/api/root';
import { createPrismaClient } from '../../src/server/db';
import { createClaim } from '../../src/server/domain/claims/create-claim';
import { moveNodes } from '../../src/server/domain/claims/move-nodes';
import { updateClaimText } from '../../src/server/domain/claims/update-claim-text';
import { startEmbeddedPostgres } from '../../src/server/infra/embedded-postgres';
import { applyMigrations } from '../../src/server/infra/migrate';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 5000);
const CALLS = Number(process.env.BENCH_CALLS ?? 10);
const DATA_DIR = path.join('.data', 'bench-snapshot-postgres');
const say = (line: string) => console.log(`bench:snapshot: ${line}`);

fs.rmSync(DATA_DIR, { recursive: true, force: true });
const embedded = await startEmbeddedPostgres({
  dataDir: DATA_DIR,
  port: Number(process.env.BENCH_PG_PORT ?? 54341),
  database: 'crux_bench',
  log: say,
});
try {
  await applyMigrations(embedded.url, path.join('prisma', 'migrations'));
  const db = createPrismaClient(embedded.url);
  const user = await db.user.create({
    data: { displayName: 'Bench owner', email: 'bench@example.test' },
    select: { id: true, displayName: true, isGuest: true },
  });
  const caller = createCaller({ db, actor: user, ip: 'bench' });
  const { id: mapId } = await caller.map.create({ title: 'Snapshot bench' });
  const context = { actor: user, mapId };
  const thesis = (await createClaim(db, context, { mapId, text: 'Thesis' })).claim;
  // A third of the log creates claims, a third edits them, a third moves them.
  const claimCount = Math.floor((EVENTS - 2) / 3);
  const ids: string[] = [];
  for (let i = 0; i < claimCount; i++) {
    const { claim } = await createClaim(db, context, {
      mapId,
      text: `Reason ${i}`,
      parentId: thesis.id,
      relation: i % 2 ? 'support' : 'oppose',
    });
    ids.push(claim.id);
  }
  for (const [i, id] of ids.entries()) await updateClaimText(db, context, { id, text: `Reason ${i}, edited`, expectedVersion: 1 });
  let lastSeq = 0;
  for (const [i, id] of ids.entries()) lastSeq = (await moveNodes(db, context, [{ id, kind: 'claim', x: i * 10, y: 100 }])).seq;
  const remaining = EVENTS - lastSeq - 1;
  for (let i = 0; i < remaining; i++) lastSeq = (await moveNodes(db, context, [{ id: thesis.id, kind: 'claim', x: i, y: 0 }])).seq;
  const { snapshot } = await caller.snapshot.create({ mapId, name: 'Head' });
  say(`map with ${snapshot.seq} events and ${ids.length + 1} claims`);

  const time = async (run: () => Promise<unknown>) => {
    for (let i = 0; i < 2; i++) await run();
    const times: number[] = [];
    for (let i = 0; i < CALLS; i++) {
      const start = performance.now();
      await run();
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    return { median: times[Math.floor(times.length / 2)]!, p95: times[Math.min(times.length - 1, Math.ceil(times.length * 0.95) - 1)]! };
  };
  const replay = await time(() => caller.snapshot.get({ id: snapshot.id }));
  const live = await time(() => caller.map.get({ mapId }));
  say(`snapshot.get (replay of ${snapshot.seq} events): median ${replay.median.toFixed(0)} ms, p95 ${replay.p95.toFixed(0)} ms`);
  say(`map.get (same map, for comparison): median ${live.median.toFixed(0)} ms, p95 ${live.p95.toFixed(0)} ms`);
  await db.$disconnect();
} finally {
  await embedded.stop();
}
