/**
 * The subscriber side of `npm run bench:sync` and `npm run bench:load`, in its own process (so the
 * writers and the server do not share its event loop): N clients of one system per map (or room), each
 * recording when every edit reached it. Driven over IPC by scripts/bench/sync-bench-lib.ts.
 */
import { EventSource } from 'eventsource';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { appClient } from '../../tests/multi-instance/app-process';

export type BenchSystem = 'crux' | 'sse' | 'durable' | 'yjs';

export type ClientsMessage =
  /** `n` clients for each of `rooms` (Crux: map ids); client `i` follows `rooms[Math.floor(i / n)]`. */
  | { type: 'start'; system: BenchSystem; n: number; url: string; cookie?: string; cookies?: string[]; rooms: string[] }
  /** Waits until `count` distinct (client, edit) deliveries of the phases arrived, or the timeout. */
  | { type: 'collect'; phases: string[]; count: number; timeoutMs: number }
  | { type: 'stop' };

export type ClientsReply =
  | { type: 'ready'; connectMs: number }
  | {
      type: 'records';
      /** Each phase's first delivery of each edit to each client. */
      records: [client: number, phase: string, edit: number, receivedAt: number][];
      missing: number;
      duplicates: number;
      /** Crux only: deliveries whose seq was not the previous one + 1 on that client's stream. */
      seqGaps: number;
    };

/** Wall-clock milliseconds with sub-millisecond resolution, comparable across processes on one machine. */
export const now = () => performance.timeOrigin + performance.now();

const EDIT = /^edit-(\w+)-(\d+)$/;
// Each y-websocket provider adds a process 'exit' listener; 100 of them are expected here.
process.setMaxListeners(0);
const received: Map<string, Map<string, number>> = new Map();
let duplicates = 0;
let seqGaps = 0;
const lastSeq = new Map<number, number>();
const closers: (() => void)[] = [];

function record(client: number, text: unknown) {
  const at = now();
  if (typeof text !== 'string') return;
  const match = EDIT.exec(text);
  if (!match) return;
  const phase = match[1]!;
  let byKey = received.get(phase);
  if (!byKey) received.set(phase, (byKey = new Map()));
  const key = `${client}:${match[2]}`;
  if (byKey.has(key)) duplicates += 1;
  else byKey.set(key, at);
}

function noteSeq(client: number, seq: number) {
  const previous = lastSeq.get(client);
  if (previous !== undefined && seq !== previous + 1) seqGaps += 1;
  lastSeq.set(client, seq);
}

function connectCrux(index: number, url: string, cookie: string, mapId: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const client = appClient(url, cookie);
    const subscription = client.events.onMapEvent.subscribe(
      { mapId },
      {
        onStarted: () => resolve(),
        onData: ({ data }) => {
          if (data.kind !== 'event') return;
          noteSeq(index, data.seq);
          if (data.type === 'claim.updated') record(index, (data.payload as { text?: unknown }).text);
        },
        onError: (error) => reject(error),
      },
    );
    closers.push(() => subscription.unsubscribe());
  });
}

function connectRelay(index: number, url: string, room: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const source = new EventSource(`${url}/events?room=${encodeURIComponent(room)}`);
    source.onopen = () => resolve();
    source.onerror = (error) => reject(new Error(String(error.message)));
    source.onmessage = (message) => record(index, message.data);
    closers.push(() => source.close());
  });
}

function connectYjs(index: number, url: string, room: string): Promise<void> {
  return new Promise((resolve) => {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(url, room, doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
    const edits = doc.getArray<string>('edits');
    edits.observe((event) => {
      for (const item of event.changes.added) for (const text of item.content.getContent()) record(index, text);
    });
    provider.once('sync', () => resolve());
    closers.push(() => {
      provider.destroy();
      doc.destroy();
    });
  });
}

async function start(message: Extract<ClientsMessage, { type: 'start' }>) {
  const begun = now();
  const connect = (index: number) => {
    const roomIndex = Math.floor(index / message.n);
    const room = message.rooms[roomIndex]!;
    if (message.system === 'crux') return connectCrux(index, message.url, message.cookies?.[roomIndex] ?? message.cookie ?? '', room);
    if (message.system === 'yjs') return connectYjs(index, message.url, room);
    return connectRelay(index, message.url, room);
  };
  // In waves, as a class arriving: 100 simultaneous TLS-less connects are fine, but keep it gentle.
  const total = message.n * message.rooms.length;
  for (let from = 0; from < total; from += 25) {
    await Promise.all(Array.from({ length: Math.min(25, total - from) }, (_, i) => connect(from + i)));
  }
  reply({ type: 'ready', connectMs: now() - begun });
}

async function collect(message: Extract<ClientsMessage, { type: 'collect' }>) {
  const deadline = Date.now() + message.timeoutMs;
  const count = () => message.phases.reduce((sum, phase) => sum + (received.get(phase)?.size ?? 0), 0);
  while (count() < message.count && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const records: [number, string, number, number][] = [];
  for (const phase of message.phases) {
    for (const [key, at] of received.get(phase) ?? []) {
      const [client, edit] = key.split(':').map(Number);
      records.push([client!, phase, edit!, at]);
    }
    received.delete(phase);
  }
  reply({ type: 'records', records, missing: Math.max(0, message.count - records.length), duplicates, seqGaps });
  duplicates = 0;
  seqGaps = 0;
}

function reply(message: ClientsReply) {
  process.send?.(message);
}

process.on('message', (message: ClientsMessage) => {
  if (message.type === 'start') void start(message);
  else if (message.type === 'collect') void collect(message);
  else {
    for (const close of closers) close();
    setTimeout(() => process.exit(0), 100);
  }
});
