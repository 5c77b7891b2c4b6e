/**
 * `npm run bench:load`: many rooms at once. 50 maps with 10 subscribers each (500 SSE streams) and a
 * writer on every map (its own account, as in a class where every group edits its own map), all
 * writing back to back at the same time, on one app instance:
 *   editsPerSec — acknowledged edits per second in total;
 *   p95Ms       — edit-to-delivered under that load, over every delivery;
 *   lost        — deliveries missing or duplicated, holes in a subscriber's seqs, and holes in the
 *                 stored log of any map (its seqs must be exactly 1..lastSeq).
 * The durable relay (scripts/bench/durable-relay.ts) runs the same load as the floor ("durable-load").
 * Results: a table, and the `*-load` rows of `.data/bench/sync-results.json`.
 *
 * Env: BENCH_LOAD_MAPS=50  BENCH_LOAD_CLIENTS=10  BENCH_LOAD_EDITS=40 (per map)  BENCH_LOAD_SYSTEMS=crux,durable
 */
import path from 'node:path';
import pg from 'pg';
import { trpcCall } from '../../tests/multi-instance/app-process';
import {
  benchDatabase,
  benchMap,
  Cleanups,
  cruxWriter,
  machineLine,
  newAccount,
  now,
  percentile,
  PORTS,
  printLoadTable,
  relayWriter,
  RESULTS_FILE,
  ROOT,
  saveResults,
  sleep,
  startClients,
  startCrux,
  startRelay,
  type LoadResultRow,
  type Writer,
} from './sync-bench-lib';

const MAPS = Number(process.env.BENCH_LOAD_MAPS ?? 50);
const CLIENTS = Number(process.env.BENCH_LOAD_CLIENTS ?? 10);
const EDITS = Number(process.env.BENCH_LOAD_EDITS ?? 40);
const SYSTEMS = (process.env.BENCH_LOAD_SYSTEMS ?? 'crux,durable').split(',') as ('crux' | 'durable')[];

const say = (line: string) => console.log(`bench:load: ${line}`);

async function runLoad(
  system: 'crux' | 'durable',
  url: string,
  rooms: string[],
  writers: Writer[],
  cookies: string[],
): Promise<LoadResultRow> {
  const subscribers = startClients();
  subscribers.send({ type: 'start', system, n: CLIENTS, url, cookies, rooms });
  const ready = await subscribers.next();
  if (ready.type !== 'ready') throw new Error('unexpected reply');
  say(`${system}: ${rooms.length * CLIENTS} subscribers connected in ${(ready.connectMs / 1000).toFixed(1)} s`);
  await sleep(500);

  const sentAt = rooms.map(() => [] as number[]);
  let acknowledged = 0;
  let lastAck = 0;
  const begin = now();
  await Promise.all(
    writers.map(async (writer, room) => {
      for (let i = 0; i < EDITS; i += 1) {
        sentAt[room]![i] = now();
        await writer.write(`edit-m${room}-${i}`);
        acknowledged += 1;
        lastAck = now();
      }
    }),
  );
  const phases = rooms.map((_, room) => `m${room}`);
  subscribers.send({ type: 'collect', phases, count: rooms.length * CLIENTS * EDITS, timeoutMs: 60_000 });
  const reply = await subscribers.next();
  if (reply.type !== 'records') throw new Error('unexpected reply');
  await subscribers.stop();
  const latencies = reply.records.map(([, phase, edit, at]) => at - sentAt[Number(phase.slice(1))]![edit]!).sort((a, b) => a - b);
  return {
    system: `${system}-load`,
    maps: rooms.length,
    editsPerSec: acknowledged / ((lastAck - begin) / 1000),
    p95Ms: percentile(latencies, 95),
    lost: reply.missing + reply.duplicates + reply.seqGaps,
  };
}

/** Maps whose stored seqs are not exactly 1..lastSeq, once each. */
async function storedGaps(databaseUrl: string, mapIds: string[]): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ gaps: string }>(
      // (mapId, seq) is unique, so lastSeq rows all within 1..lastSeq are exactly 1..lastSeq.
      `SELECT count(*) AS gaps FROM "Map" m
        WHERE m.id = ANY($1)
          AND (SELECT count(*) FILTER (WHERE e.seq BETWEEN 1 AND m."lastSeq") = m."lastSeq" AND count(*) = m."lastSeq"
                 FROM "MapEvent" e WHERE e."mapId" = m.id) IS NOT TRUE`,
      [mapIds],
    );
    return Number(rows[0]?.gaps ?? 0);
  } finally {
    await client.end();
  }
}

async function main() {
  say(`${machineLine()}; ${MAPS} maps × ${CLIENTS} subscribers, ${EDITS} edits per map, all maps at once`);
  const cleanups = new Cleanups();
  try {
    const database = await benchDatabase(cleanups, 'crux_bench_durable');
    const rows: LoadResultRow[] = [];
    if (SYSTEMS.includes('crux')) {
      const { app, databaseUrl } = await startCrux(cleanups, database.adminUrl, say);
      const cookies: string[] = [];
      const maps: { mapId: string; claimId: string }[] = [];
      for (let index = 0; index < MAPS; index += 1) {
        const cookie = await newAccount(app, `Bench writer ${index}`);
        cookies.push(cookie);
        maps.push(await benchMap(app, cookie, databaseUrl, 20));
      }
      // Subscribers of a map use its owner's session, so every stream is an authorised, member stream.
      const writers = await Promise.all(maps.map((map, index) => cruxWriter(app, cookies[index]!, map.mapId, map.claimId)));
      const row = await runLoad(
        'crux',
        app.url,
        maps.map((map) => map.mapId),
        writers,
        cookies,
      );
      const gaps = await storedGaps(
        databaseUrl,
        maps.map((map) => map.mapId),
      );
      rows.push({ ...row, lost: row.lost + gaps });
      // The maps are still readable after the run (a sanity check that the app survived the load).
      await trpcCall(app.url, cookies[0]!, 'map.get', { mapId: maps[0]!.mapId }, 'query');
      await app.stop();
    }
    if (SYSTEMS.includes('durable')) {
      await startRelay(cleanups, 'durable-relay.ts', { PORT: String(PORTS.durable), DATABASE_URL: database.databaseUrl });
      const url = `http://127.0.0.1:${PORTS.durable}`;
      const rooms = Array.from({ length: MAPS }, (_, index) => `load-${Date.now()}-${index}`);
      rows.push(
        await runLoad(
          'durable',
          url,
          rooms,
          rooms.map((room) => relayWriter(url, room)),
          [],
        ),
      );
    }
    console.log(
      '\nall maps written at once: acknowledged edits/s in total, p95 edit-to-delivered, lost (missing, duplicated or out of seq)',
    );
    printLoadTable(rows);
    saveResults(rows, 'load');
    say(`results in ${path.relative(ROOT, RESULTS_FILE)}`);
  } finally {
    await cleanups.run();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
