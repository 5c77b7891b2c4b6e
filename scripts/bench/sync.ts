/**
 * `npm run bench:sync`: edit-to-delivered latency and throughput of Crux's real-time sync, beside
 * three baselines on the same machine, in the same run:
 *   crux    — the production app (one instance) over Postgres: claim.update over HTTP, the event
 *             appended and NOTIFY'd in the write's transaction, read back by the LISTEN hub and
 *             streamed to N SSE subscriptions of events.onMapEvent;
 *   durable — the floor of durability: a bare SSE relay that commits each edit to Postgres (next seq,
 *             event row, pg_notify in one transaction) and delivers it from a LISTEN connection that
 *             reads the row (plain `pg`, scripts/bench/durable-relay.ts);
 *   sse     — a bare SSE relay with no database and no framework (the network alone);
 *   yjs     — a Yjs room on a y-websocket-protocol server with N WebsocketProvider clients.
 * The N subscribers run in a separate process. For each system and N (1, 10, 100, 300):
 *   paced — 200 edits at 20 edits/s (a very busy classroom): latency p50/p95/p99, the writer's p50;
 *   burst — 200 edits back to back: edits/s fully delivered to all N.
 * Results: a table, and `.data/bench/sync-results.json` (with bench:load's row, if it ran).
 *
 * Env: BENCH_SYNC_CLIENTS=1,10,100,300  BENCH_SYNC_EDITS=200  BENCH_SYNC_RATE=20
 *      BENCH_SYNC_SYSTEMS=crux,durable,sse,yjs  DATABASE_URL (that server instead of an embedded Postgres on 54422)
 */
import path from 'node:path';
import { type AppProcess } from '../../tests/multi-instance/app-process';
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
  printSyncTable,
  relayWriter,
  RESULTS_FILE,
  ROOT,
  saveResults,
  sleep,
  startClients,
  startCrux,
  startRelay,
  type SyncResultRow,
  type Writer,
} from './sync-bench-lib';
import type { BenchSystem, ClientsMessage } from './sync-clients';
import { yjsWriter } from './yjs-relay';

const CLIENT_COUNTS = (process.env.BENCH_SYNC_CLIENTS ?? '1,10,100,300').split(',').map(Number);
const EDITS = Number(process.env.BENCH_SYNC_EDITS ?? 200);
const RATE = Number(process.env.BENCH_SYNC_RATE ?? 20);
const SYSTEMS = (process.env.BENCH_SYNC_SYSTEMS ?? 'crux,durable,sse,yjs').split(',') as BenchSystem[];

const say = (line: string) => console.log(`bench:sync: ${line}`);

interface CruxTarget {
  app: AppProcess;
  cookie: string;
  mapId: string;
  claimId: string;
}

async function runOne(system: BenchSystem, clients: number, crux: CruxTarget | null): Promise<SyncResultRow> {
  const subscribers = startClients();
  const room = system === 'crux' ? crux!.mapId : `bench-${clients}-${Date.now()}`;
  const url = system === 'crux' ? crux!.app.url : system === 'yjs' ? `ws://127.0.0.1:${PORTS.yjs}` : `http://127.0.0.1:${PORTS[system]}`;
  subscribers.send({ type: 'start', system, n: clients, url, cookie: crux?.cookie, rooms: [room] });
  const ready = await subscribers.next();
  if (ready.type !== 'ready') throw new Error('unexpected reply');
  await sleep(300);
  const writer: Writer =
    system === 'crux'
      ? await cruxWriter(crux!.app, crux!.cookie, crux!.mapId, crux!.claimId)
      : system === 'yjs'
        ? await yjsWriter(url, room)
        : relayWriter(url, room);
  await sleep(200);

  const phase = async (name: string, intervalMs: number) => {
    const sentAt: number[] = [];
    const ackMs: number[] = [];
    const begin = now();
    for (let i = 0; i < EDITS; i += 1) {
      const wait = begin + i * intervalMs - now();
      if (wait > 1) await sleep(wait);
      sentAt[i] = now();
      await writer.write(`edit-${name}-${i}`);
      ackMs.push(now() - sentAt[i]!);
    }
    subscribers.send({ type: 'collect', phases: [name], count: EDITS * clients, timeoutMs: 30_000 } satisfies ClientsMessage);
    const reply = await subscribers.next();
    if (reply.type !== 'records') throw new Error('unexpected reply');
    return { sentAt, ackMs: ackMs.sort((a, b) => a - b), ...reply };
  };

  const paced = await phase('paced', 1000 / RATE);
  const latencies = paced.records.map(([, , edit, at]) => at - paced.sentAt[edit]!).sort((a, b) => a - b);
  await sleep(300);
  const burst = await phase('burst', 0);
  const lastDelivery = Math.max(...burst.records.map(([, , , at]) => at));
  // Fully delivered: an edit counts once it reached every subscriber, so the rate ends at the last delivery.
  const burstSeconds = (lastDelivery - burst.sentAt[0]!) / 1000;

  writer.close();
  await subscribers.stop();
  return {
    system,
    clients,
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    p99Ms: percentile(latencies, 99),
    writeP50Ms: system === 'yjs' ? NaN : percentile(paced.ackMs, 50),
    burstEditsPerSec: burst.missing ? NaN : EDITS / burstSeconds,
    lost: paced.missing + burst.missing + paced.duplicates + burst.duplicates + paced.seqGaps + burst.seqGaps,
  };
}

async function main() {
  say(`${machineLine()}; ${EDITS} edits per phase, paced at ${RATE}/s; clients ${CLIENT_COUNTS.join(', ')}`);
  const cleanups = new Cleanups();
  try {
    const needsDatabase = SYSTEMS.includes('crux') || SYSTEMS.includes('durable');
    const database = needsDatabase ? await benchDatabase(cleanups, 'crux_bench_durable') : null;
    let crux: CruxTarget | null = null;
    if (SYSTEMS.includes('crux')) {
      const { app, databaseUrl } = await startCrux(cleanups, database!.adminUrl, say);
      const cookie = await newAccount(app, 'Bench writer');
      // A little realistic weight: a map of 300 claims.
      crux = { app, cookie, ...(await benchMap(app, cookie, databaseUrl, 300)) };
      say(`app on ${app.url}, map ${crux.mapId}`);
    }
    if (SYSTEMS.includes('durable'))
      await startRelay(cleanups, 'durable-relay.ts', { PORT: String(PORTS.durable), DATABASE_URL: database!.databaseUrl });
    if (SYSTEMS.includes('sse')) await startRelay(cleanups, 'sse-relay.ts', { PORT: String(PORTS.sse) });
    if (SYSTEMS.includes('yjs')) await startRelay(cleanups, 'yjs-relay.ts', { PORT: String(PORTS.yjs) });

    const rows: SyncResultRow[] = [];
    for (const clients of CLIENT_COUNTS) {
      for (const system of SYSTEMS) {
        const row = await runOne(system, clients, crux);
        rows.push(row);
        say(
          `${system} × ${clients}: p50 ${row.p50Ms.toFixed(1)} ms, p95 ${row.p95Ms.toFixed(1)} ms, ` +
            `burst ${row.burstEditsPerSec.toFixed(0)}/s`,
        );
      }
    }
    console.log(
      '\nedit-to-delivered latency (paced); "write" = the writer\'s own request (Yjs: none, fire-and-forget); ' +
        'burst = edits/s fully delivered',
    );
    printSyncTable(rows);
    const durableByClients = new Map(rows.filter((row) => row.system === 'durable').map((row) => [row.clients, row]));
    const crux100 = rows.filter((row) => row.system === 'crux');
    if (durableByClients.size && crux100.length) {
      console.log('\ncrux / durable');
      for (const row of crux100) {
        const floor = durableByClients.get(row.clients);
        if (floor) {
          console.log(
            `  ${String(row.clients).padStart(4)} clients: p50 ${(row.p50Ms / floor.p50Ms).toFixed(2)}×, ` +
              `p95 ${(row.p95Ms / floor.p95Ms).toFixed(2)}×`,
          );
        }
      }
    }
    saveResults(rows, 'sync');
    say(`results in ${path.relative(ROOT, RESULTS_FILE)}`);
  } finally {
    await cleanups.run();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
