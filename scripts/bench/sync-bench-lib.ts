/**
 * What `npm run bench:sync` and `npm run bench:load` share: timing helpers, the Postgres server and the
 * Crux app they start, the writers of each system, the subscriber process (scripts/bench/sync-clients.ts)
 * and the results file `.data/bench/sync-results.json`.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { applyMigrations } from '../../src/server/infra/migrate';
import { createDatabase, dropDatabase, startTestServer } from '../../tests/database';
import { ensureBuild, signIn, startApp, trpcCall, type AppProcess } from '../../tests/multi-instance/app-process';
import type { ClientsMessage, ClientsReply } from './sync-clients';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
/** Fixed ports of the sync benchmarks (only one of them runs at a time). */
export const PORTS = { app: 3224, sse: 3225, yjs: 3226, durable: 3227, pg: 54422 };
export const RESULTS_FILE = path.join(ROOT, '.data', 'bench', 'sync-results.json');

export const now = () => performance.timeOrigin + performance.now();
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** A row of `.data/bench/sync-results.json`, field names as issue 17 asks. */
export interface SyncResultRow {
  system: string;
  clients: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  writeP50Ms: number;
  burstEditsPerSec: number;
  lost: number;
}

export interface LoadResultRow {
  /** `crux-load`, and `durable-load` for the floor under the same load. */
  system: string;
  maps: number;
  editsPerSec: number;
  p95Ms: number;
  lost: number;
}

const round = (value: number) => (Number.isFinite(value) ? Math.round(value * 10) / 10 : null);

/**
 * Writes the rows into the results file, replacing earlier rows of the same kind (bench:sync's rows or
 * bench:load's), so the file holds the latest run of each.
 */
export function saveResults(rows: (SyncResultRow | LoadResultRow)[], kind: 'sync' | 'load'): void {
  let previous: (SyncResultRow | LoadResultRow)[] = [];
  try {
    previous = JSON.parse(fs.readFileSync(RESULTS_FILE, 'utf8')) as typeof previous;
  } catch {
    // first run
  }
  const isLoadRow = (row: { system: string }) => row.system.endsWith('-load');
  const kept = previous.filter((row) => (kind === 'load' ? !isLoadRow(row) : isLoadRow(row)));
  const cleaned = rows.map((row) =>
    Object.fromEntries(Object.entries(row).map(([key, value]) => [key, typeof value === 'number' ? round(value) : value])),
  );
  fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  fs.writeFileSync(RESULTS_FILE, `${JSON.stringify([...kept, ...cleaned], null, 2)}\n`);
}

export function machineLine(): string {
  const [one, five] = os.loadavg();
  return `${os.cpus().length} CPU(s), Node ${process.version}, load average ${one!.toFixed(2)} / ${five!.toFixed(2)} (1 / 5 min)`;
}

/** Steps to undo in reverse order, also on Ctrl-C. */
export class Cleanups {
  private steps: (() => Promise<unknown> | void)[] = [];
  constructor() {
    process.on('SIGINT', () => void this.run().then(() => process.exit(130)));
  }
  add(step: () => Promise<unknown> | void): void {
    this.steps.push(step);
  }
  async run(): Promise<void> {
    for (const step of this.steps.splice(0).reverse()) await Promise.resolve(step()).catch(() => {});
  }
}

/** A Postgres server (DATABASE_URL's, or an embedded one without fsync) and a fresh database on it. */
export async function benchDatabase(cleanups: Cleanups, prefix: string): Promise<{ adminUrl: string; databaseUrl: string }> {
  const server = await startTestServer({ dataDir: path.join(ROOT, '.data', 'rt-bench', 'postgres'), port: PORTS.pg });
  cleanups.add(() => server.stop());
  const databaseUrl = await createDatabase(server.adminUrl, prefix);
  cleanups.add(() => dropDatabase(server.adminUrl, databaseUrl));
  return { adminUrl: server.adminUrl, databaseUrl };
}

/** The production app (built if needed) on its own fresh, migrated database. */
export async function startCrux(
  cleanups: Cleanups,
  adminUrl: string,
  say: (line: string) => void,
): Promise<{ app: AppProcess; databaseUrl: string }> {
  ensureBuild(say);
  const databaseUrl = await createDatabase(adminUrl, 'crux_bench_app');
  cleanups.add(() => dropDatabase(adminUrl, databaseUrl));
  await applyMigrations(databaseUrl, path.join(ROOT, 'prisma', 'migrations'));
  const app = await startApp({ port: PORTS.app, databaseUrl, env: { CRUX_RATE_LIMIT_MULTIPLIER: '1000' } });
  cleanups.add(() => app.stop());
  return { app, databaseUrl };
}

let accounts = 0;
export async function newAccount(app: AppProcess, name: string): Promise<string> {
  accounts += 1;
  const id = `${Date.now().toString(36)}-${accounts}`;
  return signIn(app.url, { email: `bench-${id}@example.test`, password: `bench-${id}-password`, displayName: name });
}

/** A map with the claim being edited and `filler` more claims, for a little realistic weight. */
export async function benchMap(
  app: AppProcess,
  cookie: string,
  databaseUrl: string,
  filler: number,
): Promise<{ mapId: string; claimId: string }> {
  const mapId = (await trpcCall<{ id: string }>(app.url, cookie, 'map.create', { title: 'Sync benchmark' })).id;
  const claimId = (await trpcCall<{ claim: { id: string } }>(app.url, cookie, 'claim.create', { mapId, text: 'The claim being edited' }))
    .claim.id;
  if (filler > 0) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(
      `INSERT INTO "Claim" ("id", "mapId", "text", "version", "createdAt", "updatedAt")
       SELECT $1 || '-' || s, $2, 'Filler claim ' || s, 1, now(), now() FROM generate_series(1, $3::int) AS s`,
      [`bench-${mapId}`, mapId, filler],
    );
    await client.end();
  }
  return { mapId, claimId };
}

/** The writer of one system: performs an edit and resolves when the system acknowledged it. */
export interface Writer {
  write: (text: string) => Promise<void>;
  close: () => void;
}

/** Crux's writer: claim.update over HTTP, with the version it last saw (no conflicts). */
export async function cruxWriter(app: AppProcess, cookie: string, mapId: string, claimId: string): Promise<Writer> {
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

/** The relays' writer: POST /publish (the durable relay answers once the row is committed). */
export function relayWriter(url: string, room: string): Writer {
  return {
    write: async (text) => {
      const response = await fetch(`${url}/publish?room=${encodeURIComponent(room)}`, { method: 'POST', body: text });
      if (!response.ok) throw new Error(`publish failed: ${response.status}`);
    },
    close: () => {},
  };
}

/** Starts one of the relay scripts in its own process; resolves once it listens. */
export async function startRelay(cleanups: Cleanups, script: string, env: Record<string, string>): Promise<void> {
  const relay = fork(path.join(ROOT, 'scripts', 'bench', script), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  cleanups.add(() => {
    relay.kill();
  });
  await new Promise((resolve, reject) => {
    relay.once('message', resolve);
    relay.once('exit', (code) => reject(new Error(`${script} exited (${code})`)));
  });
}

/** The subscribers' process, driven over IPC. */
export interface ClientsProcess {
  send: (message: ClientsMessage) => void;
  next: () => Promise<ClientsReply>;
  stop: () => Promise<void>;
}

export function startClients(): ClientsProcess {
  const child: ChildProcess = fork(path.join(ROOT, 'scripts', 'bench', 'sync-clients.ts'), [], {
    execArgv: ['--import', 'tsx'],
    stdio: 'inherit',
  });
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
  return {
    send: (message) => child.send(message),
    next: () =>
      new Promise<ClientsReply>((resolve, reject) => {
        const queued = queue.shift();
        if (queued) return resolve(queued);
        waiters.push({ resolve, reject });
      }),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ type: 'stop' } satisfies ClientsMessage);
      await exited;
    },
  };
}

const cell = (value: number | string, width: number) =>
  (typeof value === 'number' ? (Number.isFinite(value) ? value.toFixed(1) : '—') : value).padStart(width);

export function printSyncTable(rows: SyncResultRow[]): void {
  console.log('system     clients   p50 ms   p95 ms   p99 ms  write p50 ms  burst edits/s   lost');
  for (const row of rows) {
    console.log(
      `${row.system.padEnd(9)} ${cell(String(row.clients), 8)} ${cell(row.p50Ms, 8)} ${cell(row.p95Ms, 8)} ${cell(row.p99Ms, 8)} ` +
        `${cell(row.writeP50Ms, 13)} ${cell(row.burstEditsPerSec, 14)} ${cell(String(row.lost), 6)}`,
    );
  }
}

export function printLoadTable(rows: LoadResultRow[]): void {
  console.log('system        maps  edits/s   p95 ms   lost');
  for (const row of rows) {
    console.log(
      `${row.system.padEnd(12)} ${cell(String(row.maps), 5)} ${cell(row.editsPerSec, 8)} ${cell(row.p95Ms, 8)} ` +
        `${cell(String(row.lost), 6)}`,
    );
  }
}
