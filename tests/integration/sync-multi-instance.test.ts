/**
 * Real processes: two app instances over one Postgres, and an instance killed with SIGKILL while a
 * client is subscribed and writing. Builds the app once into .next-realtime (reused while newer
 * than the real-time code). Ports 3221–3223.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import { applyMigrations } from '@/server/infra/migrate';
import { createDatabase, dropDatabase } from '../database';
import { appClient, ensureBuild, signIn, startApp, trpcCall, type AppProcess } from '../multi-instance/app-process';

const PORT_A = Number(process.env.CRUX_RT_PORT_A ?? 3221);
const PORT_B = Number(process.env.CRUX_RT_PORT_B ?? 3222);
const PORT_C = Number(process.env.CRUX_RT_PORT_C ?? 3223);

let databaseUrl = '';
const apps: AppProcess[] = [];

function account(prefix: string) {
  const id = crypto.randomBytes(4).toString('hex');
  return { email: `${prefix}-${id}@example.test`, password: `pw-${id}-long-enough`, displayName: `${prefix} ${id}` };
}

async function addMember(mapId: string, email: string, role: 'editor' | 'viewer') {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO "MapMember" ("id", "mapId", "userId", "role", "createdAt", "updatedAt")
       SELECT $1, $2, "id", $3::"MapRole", now(), now() FROM "User" WHERE "email" = $4`,
      [`mm-${crypto.randomBytes(6).toString('hex')}`, mapId, role, email],
    );
  } finally {
    await client.end();
  }
}

async function dbEvents(mapId: string): Promise<{ seq: number; type: string }[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ seq: number; type: string }>(
      `SELECT "seq", "type" FROM "MapEvent" WHERE "mapId" = $1 ORDER BY "seq"`,
      [mapId],
    );
    return rows;
  } finally {
    await client.end();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await sleep(20);
  }
}

beforeAll(async () => {
  ensureBuild();
  databaseUrl = await createDatabase(inject('adminUrl'), 'crux_rt');
  await applyMigrations(databaseUrl, path.join('prisma', 'migrations'));
}, 900_000);

afterAll(async () => {
  await Promise.all(apps.map((app) => app.stop()));
  if (databaseUrl) await dropDatabase(inject('adminUrl'), databaseUrl).catch(() => {});
}, 60_000);

describe('two app instances over one Postgres', () => {
  it('a subscriber on instance A receives writes made through instance B, and presence crosses too', async () => {
    // One after the other: two launchers seeding the demo map into a fresh database at the same
    // moment race on its users (the seed is not safe to run concurrently).
    const a = await startApp({ port: PORT_A, databaseUrl });
    apps.push(a);
    const b = await startApp({ port: PORT_B, databaseUrl });
    apps.push(b);
    const owner = account('owner');
    const editor = account('editor');
    const ownerCookie = await signIn(a.url, owner);
    const editorCookie = await signIn(b.url, editor);
    const map = await trpcCall<{ id: string }>(a.url, ownerCookie, 'map.create', { title: 'Across instances' });
    await addMember(map.id, editor.email, 'editor');

    // The owner follows the map on A; the editor writes through B.
    const received: { seq: number; type: string; text?: string; at: number }[] = [];
    const ownerOnA = appClient(a.url, ownerCookie);
    const subscription = ownerOnA.events.onMapEvent.subscribe(
      { mapId: map.id, lastEventId: '1' },
      {
        onData: ({ data }) => {
          if (data.kind === 'event') {
            const claim = (data.payload as { claim?: { text?: string } }).claim;
            received.push({ seq: data.seq, type: data.type, text: claim?.text, at: Date.now() });
          }
        },
      },
    );
    const peers: { userId: string; name: string }[][] = [];
    const presence = ownerOnA.presence.onPresence.subscribe({ mapId: map.id, clientId: 'owner-a' }, { onData: (list) => peers.push(list) });
    await sleep(300);

    const editorOnB = appClient(b.url, editorCookie);
    const sentAt = Date.now();
    await editorOnB.claim.create.mutate({ mapId: map.id, text: 'Written through B' });
    await until(() => received.length === 1, 5_000, 'the event written through B to reach A');
    expect(received[0]).toMatchObject({ seq: 2, type: 'claim.created', text: 'Written through B' });
    expect(received[0]!.at - sentAt).toBeLessThan(2_000);

    // And the other way round, several in a row, all in order.
    for (let i = 0; i < 5; i += 1) await trpcCall(b.url, editorCookie, 'claim.create', { mapId: map.id, text: `B${i}` });
    await until(() => received.length === 6, 5_000, 'five more events');
    expect(received.map((event) => event.seq)).toEqual([2, 3, 4, 5, 6, 7]);

    await editorOnB.presence.update.mutate({ mapId: map.id, clientId: 'editor-b', selectedNodeId: 'x', editingNodeId: null });
    await until(() => peers.at(-1)?.length === 1, 5_000, 'presence from B to reach A');
    expect(peers.at(-1)![0]).toMatchObject({ name: editor.displayName });

    subscription.unsubscribe();
    presence.unsubscribe();
  }, 120_000);
});

describe('kill -9 of the instance a client is using', () => {
  it('the client reconnects by itself and ends with exactly the database’s events: none lost, none twice', async () => {
    let app = await startApp({ port: PORT_C, databaseUrl });
    apps.push(app);
    const writer = account('writer');
    const cookie = await signIn(app.url, writer);
    const map = await trpcCall<{ id: string }>(app.url, cookie, 'map.create', { title: 'Crash test' });
    const client = appClient(app.url, cookie);

    // The client: every event it receives, raw (to catch duplicates), resuming by itself.
    const seqs: number[] = [];
    let disconnects = 0;
    let restarts = 0;
    let lastSeq = 0;
    let subscription: { unsubscribe: () => void } | null = null;
    const subscribeFrom = (from: number) => {
      subscription = client.events.onMapEvent.subscribe(
        { mapId: map.id, lastEventId: String(from) },
        {
          onData: ({ data }) => {
            if (data.kind !== 'event') return;
            seqs.push(data.seq);
            lastSeq = Math.max(lastSeq, data.seq);
          },
          onConnectionStateChange: (state) => {
            if (state.state === 'connecting' && state.error) disconnects += 1;
          },
          // What useMapSync does when the EventSource gives up: open a new stream after the last seq.
          onError: () => {
            restarts += 1;
            setTimeout(() => subscribeFrom(lastSeq), 300);
          },
        },
      );
    };
    subscribeFrom(0);

    // The client writes steadily; a failed write (server down) is retried, as the paused mutation
    // queue would send it when back.
    let isWriting = true;
    let written = 0;
    const writing = (async () => {
      while (isWriting) {
        try {
          await client.claim.create.mutate({ mapId: map.id, text: `Claim ${written}` });
          written += 1;
        } catch {
          await sleep(200);
        }
        await sleep(20);
      }
    })();

    await until(() => seqs.length >= 10, 10_000, 'the first events');
    app.kill9();
    await sleep(1_000);
    app = await startApp({ port: PORT_C, databaseUrl });
    apps.push(app);
    await until(() => written >= 30, 30_000, 'writes to resume after the restart');
    isWriting = false;
    await writing;

    const truth = await dbEvents(map.id);
    const head = truth.at(-1)!.seq;
    await until(() => lastSeq === head, 15_000, `the client to catch up to seq ${head} (has ${lastSeq})`);
    await sleep(300);
    expect(disconnects + restarts).toBeGreaterThan(0);
    expect(seqs).toEqual(truth.map((event) => event.seq));
    expect(new Set(seqs).size).toBe(seqs.length);
    (subscription as { unsubscribe: () => void } | null)?.unsubscribe();
  }, 150_000);
});
