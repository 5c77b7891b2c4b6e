/**
 * The subscriber side of `npm run bench:sync`, in its own process (so the writer and the server
 * do not share its event loop): N clients of one system, each recording when every edit reached
 * it. Driven over IPC by scripts/bench/sync.ts.
 */
import { EventSource } from 'eventsource';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { appClient } from '../../tests/multi-instance/app-process';

export type BenchSystem = 'crux' | 'sse' | 'yjs';

export type ClientsMessage =
  | { type: 'start'; system: BenchSystem; n: number; url: string; cookie?: string; mapId?: string; room?: string }
  | { type: 'collect'; phase: string; count: number; timeoutMs: number }
  | { type: 'stop' };

export type ClientsReply =
  | { type: 'ready'; connectMs: number }
  | { type: 'records'; phase: string; records: [client: number, edit: number, receivedAt: number][]; missing: number };

/** Wall-clock milliseconds with sub-millisecond resolution, comparable across processes on one machine. */
export const now = () => performance.timeOrigin + performance.now();

const EDIT = /^edit-(\w+)-(\d+)$/;
// Each y-websocket provider adds a process 'exit' listener; 100 of them are expected here.
process.setMaxListeners(0);
const received: Map<string, [number, number, number][]> = new Map();
const closers: (() => void)[] = [];

function record(client: number, text: unknown) {
  const at = now();
  if (typeof text !== 'string') return;
  const match = EDIT.exec(text);
  if (!match) return;
  const list = received.get(match[1]!) ?? [];
  list.push([client, Number(match[2]), at]);
  received.set(match[1]!, list);
}

function connectCrux(index: number, url: string, cookie: string, mapId: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const client = appClient(url, cookie);
    const subscription = client.events.onMapEvent.subscribe(
      { mapId },
      {
        onStarted: () => resolve(),
        onData: ({ data }) => {
          if (data.kind === 'event' && data.type === 'claim.updated') record(index, (data.payload as { text?: unknown }).text);
        },
        onError: (error) => reject(error),
      },
    );
    closers.push(() => subscription.unsubscribe());
  });
}

function connectSse(index: number, url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const source = new EventSource(`${url}/events`);
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
    if (message.system === 'crux') return connectCrux(index, message.url, message.cookie ?? '', message.mapId ?? '');
    if (message.system === 'sse') return connectSse(index, message.url);
    return connectYjs(index, message.url, message.room ?? 'bench');
  };
  // In waves, as a class arriving: 100 simultaneous TLS-less connects are fine, but keep it gentle.
  for (let from = 0; from < message.n; from += 25) {
    await Promise.all(Array.from({ length: Math.min(25, message.n - from) }, (_, i) => connect(from + i)));
  }
  reply({ type: 'ready', connectMs: now() - begun });
}

async function collect(message: Extract<ClientsMessage, { type: 'collect' }>) {
  const deadline = Date.now() + message.timeoutMs;
  while ((received.get(message.phase)?.length ?? 0) < message.count && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const records = received.get(message.phase) ?? [];
  received.delete(message.phase);
  reply({ type: 'records', phase: message.phase, records, missing: Math.max(0, message.count - records.length) });
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
