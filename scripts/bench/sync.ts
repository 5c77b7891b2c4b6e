/**
 * `npm run bench:sync`: edit-to-delivered latency and throughput of Crux's real-time sync, beside
 * two baselines on the same machine:
 *   crux  — the production app (one instance) over Postgres: claim.update over HTTP, the event
 *           appended and NOTIFY'd in the write's transaction, read back by the LISTEN hub and
 *           streamed to N tRPC SSE subscriptions;
 *   sse   — a bare SSE relay with no database and no framework (the floor);
 *   yjs   — a Yjs room on a y-websocket-protocol server with N WebsocketProvider clients.
 * The N subscribers run in a separate process. For each system and N (1, 10, 100):
 *   paced — 200 edits at 20 edits/s (a very busy classroom): latency p50/p95/p99/max;
 *   burst — 200 edits back to back: edits/s fully delivered to all N, and deliveries/s.
 *
 * Env: BENCH_SYNC_CLIENTS=1,10,100  BENCH_SYNC_EDITS=200  BENCH_SYNC_RATE=20  BENCH_SYNC_SYSTEMS=crux,sse,yjs
 *      DATABASE_URL (use that server instead of an embedded Postgres on port 54422)
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/server/infra/embedded-postgres';
import { applyMigrations } from '../../src/server/infra/migrate';
import { createDatabase, dropDatabase } from '../../tests/database';
import { ensureBuild, signIn, startApp, trpcCall, type AppProcess } from '../../tests/multi-instance/app-process';
import type { BenchSystem, ClientsMessage, ClientsReply } from './sync-clients';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const CLIENT_COUNTS = (process.env.BENCH_SYNC_CLIENTS ?? '1,10,100').split(',').map(Number);
const EDITS = Number(process.env.BENCH_SYNC_EDITS ?? 200);
const RATE = Number(process.env.BENCH_SYNC_RATE ?? 20);
const SYSTEMS = (process.env.BENCH_SYNC_SYSTEMS ?? 'crux,sse,yjs').split(',') as BenchSystem[];
const PORTS = { app: 3224, sse: 3225, yjs: 3226, pg: 54422 };

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const say = (line: string) => console.log(`bench:sync: ${line}`);

interface Row {
  system: BenchSystem;
  clients: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Median time for the writer's own request to be acknowledged (Crux: the HTTP mutation). */
  writeP50: number;
  lost: number;
  burstEditsPerSecond: number;
  burstDeliveriesPerSecond: number;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** The writer of one system: performs edit i and resolves when the system acknowledged it. */
type Writer = { write: (text: string) => Promise<void>; close: () => void };

async function cruxWriter(app: AppProcess, cookie: string, mapId: string, claimId: string): Promise<Writer> {
  const map = await trpcCall<{ claims: { id: string; version: number }[] }>(app.url, cookie, 'map.get', { mapId }, 'query');
  let version = map.claims.find((claim) => claim.id === claimId)?.version ?? 1;
  return {
    write: async (text) => {
      const result = await trpcCall<{ claim: { version: number } }>(app.url, cookie, 'claim.update', {
        id: claimId,
        text,
        expectedVersion: version,
      });
      version = result.claim.version;
    },
    close: () => {},
  };
}

function sseWriter(url: string): Writer {
  return {
    write: async (text) => {
      const response = await fetch(`${url}/publish`, { method: 'POST', body: text });
      if (!response.ok) throw new Error(`publish failed: ${response.status}`);
    },
    close: () => {},
  };
}

async function yjsWriter(url: string, room: string): Promise<Writer> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(url, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  await new Promise<void>((resolve) => provider.once('sync', () => resolve()));
  const edits = doc.getArray<string>('edits');
  return {
    // Yjs has no server acknowledgement: an edit is "done" once handed to the socket.
    write: async (text) => {
      edits.push([text]);
    },
    close: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

function startChild(): { child: ChildProcess; next: () => Promise<ClientsReply> } {
  const child = fork(path.join(ROOT, 'scripts', 'bench', 'sync-clients.ts'), [], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  const queue: ClientsReply[] = [];
  const waiters: { resolve: (reply: ClientsReply) => void; reject: (error: Error) => void }[] = [];
  child.on('message', (message: ClientsReply) => {
    const waiter = waiters.shift();
    if (waiter) waiter.resolve(message);
    else queue.push(message);
  });
  child.once('exit', (code) => {
    for (const waiter of waiters.splice(0)) waiter.reject(new Error(`the clients process exited (${code})`));
  });
  const next = () =>
    new Promise<ClientsReply>((resolve, reject) => {
      const queued = queue.shift();
      if (queued) return resolve(queued);
      waiters.push({ resolve, reject });
    });
  return { child, next };
}

async function runOne(
  system: BenchSystem,
  clients: number,
  context: { app: AppProcess | null; cookie: string; mapId: string; claimId: string },
): Promise<Row> {
  const { child, next } = startChild();
  const room = `bench-${clients}-${Date.now()}`;
  const url = system === 'crux' ? context.app!.url : system === 'sse' ? `http://127.0.0.1:${PORTS.sse}` : `ws://127.0.0.1:${PORTS.yjs}`;
  const start: ClientsMessage = { type: 'start', system, n: clients, url, cookie: context.cookie, mapId: context.mapId, room };
  child.send(start);
  const ready = await next();
  if (ready.type !== 'ready') throw new Error('unexpected reply');
  await sleep(300);
  const writer =
    system === 'crux'
      ? await cruxWriter(context.app!, context.cookie, context.mapId, context.claimId)
      : system === 'sse'
        ? sseWriter(url)
        : await yjsWriter(url, room);
  await sleep(200);

  const phase = async (name: string, intervalMs: number) => {
    const sentAt: number[] = [];
    const ackMs: number[] = [];
    const begin = now();
    for (let i = 0; i < EDITS; i += 1) {
      const due = begin + i * intervalMs;
      const wait = due - now();
      if (wait > 1) await sleep(wait);
      sentAt[i] = now();
      await writer.write(`edit-${name}-${i}`);
      ackMs.push(now() - sentAt[i]!);
    }
    child.send({ type: 'collect', phase: name, count: EDITS * clients, timeoutMs: 30_000 } satisfies ClientsMessage);
    const reply = await next();
    if (reply.type !== 'records') throw new Error('unexpected reply');
    return { sentAt, ackMs: ackMs.sort((a, b) => a - b), records: reply.records, missing: reply.missing };
  };

  const paced = await phase('paced', 1000 / RATE);
  const latencies = paced.records.map(([, edit, at]) => at - paced.sentAt[edit]!).sort((a, b) => a - b);
  await sleep(300);
  const burst = await phase('burst', 0);
  const lastDelivery = Math.max(...burst.records.map(([, , at]) => at));
  const burstSeconds = (lastDelivery - burst.sentAt[0]!) / 1000;

  writer.close();
  child.send({ type: 'stop' } satisfies ClientsMessage);
  await new Promise((resolve) => child.once('exit', resolve));
  return {
    system,
    clients,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? NaN,
    writeP50: percentile(paced.ackMs, 50),
    lost: paced.missing + burst.missing,
    burstEditsPerSecond: EDITS / burstSeconds,
    burstDeliveriesPerSecond: (EDITS * clients - burst.missing) / burstSeconds,
  };
}

async function main() {
  say(
    `${os.cpus().length} CPU(s), Node ${process.version}; ${EDITS} edits per phase, paced at ${RATE}/s; clients ` +
      `${CLIENT_COUNTS.join(', ')}`,
  );
  const cleanups: (() => Promise<unknown> | void)[] = [];
  const cleanup = async () => {
    for (const step of cleanups.reverse()) await Promise.resolve(step()).catch(() => {});
  };
  process.on('SIGINT', () => void cleanup().then(() => process.exit(130)));

  try {
    let app: AppProcess | null = null;
    let cookie = '';
    let mapId = '';
    let claimId = '';
    if (SYSTEMS.includes('crux')) {
      ensureBuild((line) => say(line));
      let adminUrl: string;
      if (process.env.DATABASE_URL) {
        const url = new URL(process.env.DATABASE_URL);
        url.pathname = '/postgres';
        adminUrl = url.toString();
      } else {
        const embedded: EmbeddedDatabase = await startEmbeddedPostgres({
          dataDir: path.join(ROOT, '.data', 'rt-bench', 'postgres'),
          port: PORTS.pg,
          database: 'postgres',
          fsync: false,
        });
        cleanups.push(() => embedded.stop());
        adminUrl = embedded.url;
      }
      const databaseUrl = await createDatabase(adminUrl, 'crux_bench_sync');
      cleanups.push(() => dropDatabase(adminUrl, databaseUrl));
      await applyMigrations(databaseUrl, path.join(ROOT, 'prisma', 'migrations'));
      app = await startApp({ port: PORTS.app, databaseUrl, env: { CRUX_RATE_LIMIT_MULTIPLIER: '1000' } });
      const started = app;
      cleanups.push(() => started.stop());
      const id = Date.now().toString(36);
      cookie = await signIn(app.url, { email: `bench-${id}@example.test`, password: `bench-${id}-password`, displayName: 'Bench writer' });
      mapId = (await trpcCall<{ id: string }>(app.url, cookie, 'map.create', { title: 'Sync benchmark' })).id;
      claimId = (await trpcCall<{ claim: { id: string } }>(app.url, cookie, 'claim.create', { mapId, text: 'The claim being edited' }))
        .claim.id;
      // A little realistic weight: a map of 300 claims.
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      await client.query(
        `INSERT INTO "Claim" ("id", "mapId", "text", "version", "createdAt", "updatedAt")
         SELECT 'bench-' || s, $1, 'Filler claim ' || s, 1, now(), now() FROM generate_series(1, 300) AS s`,
        [mapId],
      );
      await client.end();
      say(`app on ${app.url}, map ${mapId}`);
    }
    if (SYSTEMS.includes('sse')) {
      const relay = fork(path.join(ROOT, 'scripts', 'bench', 'sse-relay.ts'), [], {
        execArgv: ['--import', 'tsx'],
        env: { ...process.env, PORT: String(PORTS.sse) },
        stdio: 'ignore',
      });
      cleanups.push(() => {
        relay.kill();
      });
      await new Promise((resolve) => relay.once('message', resolve));
    }
    if (SYSTEMS.includes('yjs')) {
      const relay = fork(path.join(ROOT, 'scripts', 'bench', 'yjs-relay.ts'), [], {
        execArgv: ['--import', 'tsx'],
        env: { ...process.env, PORT: String(PORTS.yjs) },
        stdio: 'ignore',
      });
      cleanups.push(() => {
        relay.kill();
      });
      await new Promise((resolve) => relay.once('message', resolve));
    }

    const rows: Row[] = [];
    const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : '—').padStart(7);
    console.log('\nedit-to-delivered latency (paced), burst throughput; "write" = the writer\'s own request (Yjs: none, fire-and-forget)');
    console.log('system  clients   p50 ms   p95 ms   p99 ms   max ms  write p50  lost   burst edits/s  deliveries/s');
    for (const clients of CLIENT_COUNTS) {
      for (const system of SYSTEMS) {
        const row = await runOne(system, clients, { app, cookie, mapId, claimId });
        rows.push(row);
        console.log(
          [
            row.system.padEnd(6),
            String(row.clients).padStart(8),
            `${ms(row.p50)}  ${ms(row.p95)}  ${ms(row.p99)}  ${ms(row.max)}   `,
            ms(row.writeP50),
            String(row.lost).padStart(5),
            row.burstEditsPerSecond.toFixed(0).padStart(15),
            row.burstDeliveriesPerSecond.toFixed(0).padStart(13),
          ].join(' '),
        );
      }
    }
    const out = path.join(ROOT, '.data', 'rt-bench', 'results.json');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(
      out,
      JSON.stringify(
        { at: new Date().toISOString(), cpus: os.cpus().length, node: process.version, edits: EDITS, rate: RATE, rows },
        null,
        2,
      ),
    );
    say(`results also in ${path.relative(ROOT, out)}`);
  } finally {
    await cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
