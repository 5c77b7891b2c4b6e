/**
 * A map event's NOTIFY carries the event itself when it fits (append-event.ts `noticeCte`), so the process
 * that delivers it does not read back the row it was just told about. What a subscriber receives must be
 * exactly what the log holds: the event read from a notification equals the row read from the table, and
 * an event too large for a notification is announced by its seq and read from the log.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { MAP_EVENTS_CHANNEL, NOTIFIED_EVENT_MAX_BYTES, runMapWrite } from '@/server/sync/append-event';
import { getEventHub } from '@/server/sync/event-hub';
import { eventOfNotification, readEventsAfter } from '@/server/sync/read-events';
import { streamMapEntries, type StreamEntry } from '@/server/sync/stream-map-events';
import { callerFor, createMapWith, createUser, db } from './helpers';
import { sessionCookieFor } from './http-harness';
import { sleep, StreamReader } from './realtime-stream';

let listener: pg.Client;
const notifications: string[] = [];

beforeAll(async () => {
  listener = new pg.Client({ connectionString: inject('databaseUrl') });
  await listener.connect();
  listener.on('notification', (message) => notifications.push(message.payload ?? ''));
  await listener.query(`LISTEN ${MAP_EVENTS_CHANNEL}`);
});

afterAll(async () => {
  await listener.end();
  await getEventHub().close();
  delete (globalThis as { cruxEventHub?: unknown }).cruxEventHub;
});

async function notificationOf(mapId: string, seq: number): Promise<string> {
  const prefix = `${mapId}:${seq}`;
  const deadline = Date.now() + 5_000;
  for (;;) {
    const found = notifications.find((payload) => payload === prefix || payload.startsWith(`${prefix}\n`));
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`no notification for ${prefix}`);
    await sleep(10);
  }
}

describe('events carried by their notification', () => {
  it('equal the rows the log holds, for the general write path and the one-statement edit', async () => {
    const owner = await createUser({ displayName: 'Zoë “Quotes” O’Brien' });
    const map = await createMapWith(owner);
    const caller = callerFor(owner);
    const text = 'A claim with “curly quotes”,\na newline, a tab\tand 😀 — and a footnote¹';
    const { claim } = await caller.claim.create({ mapId: map.id, text });
    // The one-statement edit runs over a session, as an HTTP request does (write-path.test.ts).
    const { cookie } = await sessionCookieFor(owner);
    const { pendingSessionOfCookies } = await import('@/server/auth/request-session');
    const pendingSession = (await pendingSessionOfCookies(db(), cookie))!;
    const { createCaller } = await import('@/server/api/root');
    await createCaller({ db: db(), actor: null, sessionId: null, ip: 'test', pendingSession }).claim.update({
      id: claim.id,
      text: `${text} (edited)`,
      expectedVersion: 1,
    });
    const logged = await readEventsAfter(db(), map.id, 1, 10);
    expect(logged.map((event) => event.type)).toEqual(['claim.created', 'claim.updated']);
    for (const event of logged) {
      const payload = await notificationOf(map.id, event.seq);
      const newline = payload.indexOf('\n');
      expect(newline).toBeGreaterThan(0);
      expect(eventOfNotification(event.seq, payload.slice(newline + 1))).toEqual(event);
    }
    expect(logged[0]!.actorName).toBe('Zoë “Quotes” O’Brien');
  });

  it('reach the writer’s own subscribers before Postgres relays them, and the relayed copy changes nothing', async () => {
    const owner = await createUser();
    const map = await createMapWith(owner);
    const controller = new AbortController();
    const reader = new StreamReader<StreamEntry[]>(
      streamMapEntries({ db: db(), actor: owner, mapId: map.id, lastEventId: '1', signal: controller.signal }),
    );
    await sleep(150);
    // The hub's LISTEN socket stops being read: only the writes' own announcements can deliver now.
    const listening = (getEventHub() as unknown as { client: { connection: { stream: NodeJS.ReadableStream } } }).client.connection.stream;
    listening.pause();
    try {
      const { claim } = await callerFor(owner).claim.create({ mapId: map.id, text: 'Written while the relay is held' });
      await callerFor(owner).claim.update({ id: claim.id, text: 'Edited while the relay is held', expectedVersion: 1 });
      // Well inside the stream's 15 s safety-net read of the log.
      await reader.waitFor((batches) => batches.flat().length === 2, 3_000);
    } finally {
      listening.resume();
    }
    await sleep(300);
    expect(reader.items.flat().map((entry) => [Number(entry.id), entry.item.kind === 'event' ? entry.item.type : null])).toEqual([
      [2, 'claim.created'],
      [3, 'claim.updated'],
    ]);
    controller.abort();
  });

  it('announces an event too large for a notification by its seq, and subscribers still get it from the log', async () => {
    const owner = await createUser();
    const map = await createMapWith(owner);
    const controller = new AbortController();
    const reader = new StreamReader<StreamEntry[]>(
      streamMapEntries({ db: db(), actor: owner, mapId: map.id, lastEventId: '1', signal: controller.signal }),
    );
    await sleep(150);
    const evidenceIds = Array.from({ length: 400 }, (_, i) => `evidence-${String(i).padStart(16, '0')}`);
    const { seq } = await runMapWrite(db(), map.id, { actor: owner }, async () => ({
      result: {},
      events: [{ type: 'source.deleted', payload: { sourceId: 'source-1', evidenceIds, linkIds: [] } }],
    }));
    const payload = await notificationOf(map.id, seq);
    expect(JSON.stringify(evidenceIds).length).toBeGreaterThan(NOTIFIED_EVENT_MAX_BYTES);
    expect(payload).toBe(`${map.id}:${seq}`);
    // The next, small event comes with its notification; both reach the subscriber, in order.
    await callerFor(owner).claim.create({ mapId: map.id, text: 'After the large one' });
    await reader.waitFor((batches) => batches.flat().length === 2);
    const items = reader.items.flat().map((entry) => entry.item);
    expect(items.map((item) => (item.kind === 'event' ? [item.seq, item.type] : item.kind))).toEqual([
      [seq, 'source.deleted'],
      [seq + 1, 'claim.created'],
    ]);
    const deleted = items[0]!;
    expect(deleted.kind === 'event' && deleted.type === 'source.deleted' && deleted.payload.evidenceIds).toEqual(evidenceIds);
    controller.abort();
  });
});
