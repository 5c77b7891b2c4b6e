/**
 * Attack 11, as a fault injector would run it against `npm start`: the launcher with its own embedded
 * PostgreSQL (no DATABASE_URL), a client writing steadily, and a `kill -9` of the postmaster. The
 * launcher must restart the database and the app reconnect by itself within 10 s, losing no write
 * it acknowledged, with `fsync` on. Uses the production build of the multi-instance tests.
 * Ports: CRUX_RECOVERY_PORT (app, default 3224) and CRUX_RECOVERY_PG_PORT (its Postgres, 54334).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuild, signIn, startApp, trpcCall, type AppProcess } from '../multi-instance/app-process';

const APP_PORT = Number(process.env.CRUX_RECOVERY_PORT ?? 3224);
const PG_PORT = Number(process.env.CRUX_RECOVERY_PG_PORT ?? 54334);
const DATA_DIR = path.resolve('.data', `recovery-${APP_PORT}`);
const PG_URL = `postgresql://postgres:crux-local@127.0.0.1:${PG_PORT}/crux`;

let app: AppProcess | null = null;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

function postmasterPid(): number {
  return Number.parseInt(fs.readFileSync(path.join(DATA_DIR, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]!, 10);
}

beforeAll(async () => {
  ensureBuild();
  fs.rmSync(DATA_DIR, { recursive: true, force: true });
  app = await startApp({
    port: APP_PORT,
    databaseUrl: '',
    env: { CRUX_DATA_DIR: DATA_DIR, CRUX_EMBEDDED_PG_PORT: String(PG_PORT), CRUX_EMBEDDED_PG_FSYNC: '' },
  });
}, 900_000);

afterAll(async () => {
  await app?.stop();
  fs.rmSync(DATA_DIR, { recursive: true, force: true });
}, 60_000);

describe('npm start with its embedded PostgreSQL', () => {
  it('runs the database with fsync on', async () => {
    expect(await query<{ fsync: string }>('SHOW fsync')).toEqual([{ fsync: 'on' }]);
  });

  it('recovers from kill -9 of the database within 10 s, with the same app process and no acknowledged write lost', async () => {
    const id = crypto.randomBytes(4).toString('hex');
    const cookie = await signIn(app!.url, { email: `writer-${id}@example.test`, password: `pw-${id}-long-enough`, displayName: 'Writer' });
    const map = await trpcCall<{ id: string }>(app!.url, cookie, 'map.create', { title: 'Survives a crash' });

    const acknowledged: string[] = [];
    const statuses: number[] = [];
    let slowest = 0;
    let killedAt = 0;
    let recoveredAt = 0;
    let isWriting = true;
    const writer = (async () => {
      for (let index = 0; isWriting; index += 1) {
        const text = `Claim ${index}`;
        const started = Date.now();
        const response = await fetch(`${app!.url}/api/trpc/claim.create`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie },
          body: JSON.stringify({ json: { mapId: map.id, text } }),
        }).catch(() => null);
        slowest = Math.max(slowest, Date.now() - started);
        statuses.push(response?.status ?? 0);
        if (response?.status === 200) {
          acknowledged.push(text);
          if (killedAt && !recoveredAt) recoveredAt = Date.now();
        } else {
          await response?.text();
          await sleep(100);
        }
      }
    })();

    while (acknowledged.length < 5) await sleep(20);
    const pid = postmasterPid();
    killedAt = Date.now();
    process.kill(pid, 'SIGKILL');
    const deadline = killedAt + 20_000;
    while (!recoveredAt && Date.now() < deadline) await sleep(50);
    // A few more writes after the recovery.
    const afterRecovery = acknowledged.length;
    while (acknowledged.length < afterRecovery + 5 && Date.now() < deadline + 5_000) await sleep(20);
    isWriting = false;
    await writer;

    expect(recoveredAt, `no write succeeded after the kill; statuses ${statuses.join(',')}`).toBeGreaterThan(0);
    expect(recoveredAt - killedAt).toBeLessThan(10_000);
    // During the outage: quick 503s (or a refused connection mid-restart), never a 500 or a hang.
    const logged = app!.output.join('');
    expect(
      statuses.filter((status) => status !== 200 && status !== 503),
      logged.slice(-3000),
    ).toEqual([]);
    expect(slowest).toBeLessThan(10_000);
    // The same app process served throughout; the launcher restarted the database.
    expect(app!.child.exitCode).toBeNull();
    expect(postmasterPid()).not.toBe(pid);
    expect(logged).toMatch(/embedded Postgres stopped unexpectedly .*restarting/);

    // Every acknowledged write is in the database.
    const stored = await query<{ text: string }>(`SELECT "text" FROM "Claim" WHERE "mapId" = $1`, [map.id]);
    const storedTexts = new Set(stored.map((row) => row.text));
    expect(acknowledged.filter((text) => !storedTexts.has(text))).toEqual([]);

    // /api/health reports the database as up again.
    const health = (await (await fetch(`${app!.url}/api/health`)).json()) as { status: string; dbStartedAt: string };
    expect(health.status).toBe('ok');
    expect(new Date(health.dbStartedAt).getTime()).toBeGreaterThanOrEqual(killedAt - 1000);
  }, 120_000);
});
