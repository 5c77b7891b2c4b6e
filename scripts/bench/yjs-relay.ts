/**
 * The Yjs baseline for `npm run bench:sync`: a minimal y-websocket-compatible room server
 * (y-websocket v3 ships only the client; its server moved to @y/websocket-server, which is not
 * installed here). It speaks the same protocol as y-websocket's server utilities: sync step 1/2
 * and updates (y-protocols/sync), awareness relayed (y-protocols/awareness), one Y.Doc per room
 * in memory, every update broadcast to the room. Run alone with `PORT=3226 npx tsx scripts/bench/yjs-relay.ts`.
 */
import http from 'node:http';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocket as WebSocketClient, WebSocketServer, type WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;

interface Room {
  doc: Y.Doc;
  awareness: awarenessProtocol.Awareness;
  conns: Map<WebSocket, Set<number>>;
}

function send(conn: WebSocket, message: Uint8Array) {
  if (conn.readyState === conn.OPEN) conn.send(message);
}

export function startYjsRelay(port: number): Promise<http.Server> {
  const rooms = new Map<string, Room>();
  const roomOf = (name: string): Room => {
    let room = rooms.get(name);
    if (room) return room;
    const doc = new Y.Doc();
    const awareness = new awarenessProtocol.Awareness(doc);
    awareness.setLocalState(null);
    const created: Room = { doc, awareness, conns: new Map() };
    doc.on('update', (update: Uint8Array) => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeUpdate(encoder, update);
      const message = encoding.toUint8Array(encoder);
      for (const conn of created.conns.keys()) send(conn, message);
    });
    awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      const changed = [...added, ...updated, ...removed];
      const ids = origin ? created.conns.get(origin as WebSocket) : undefined;
      if (ids) {
        for (const id of added) ids.add(id);
        for (const id of removed) ids.delete(id);
      }
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
      encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, changed));
      const message = encoding.toUint8Array(encoder);
      for (const conn of created.conns.keys()) send(conn, message);
    });
    rooms.set(name, created);
    room = created;
    return room;
  };

  const server = http.createServer((_request, response) => response.writeHead(200).end('yjs relay'));
  const wss = new WebSocketServer({ server });
  wss.on('connection', (conn, request) => {
    const room = roomOf((request.url ?? '/').slice(1).split('?')[0] ?? '');
    room.conns.set(conn, new Set());
    conn.binaryType = 'arraybuffer';
    conn.on('message', (data: ArrayBuffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      const encoder = encoding.createEncoder();
      const type = decoding.readVarUint(decoder);
      if (type === MESSAGE_SYNC) {
        encoding.writeVarUint(encoder, MESSAGE_SYNC);
        syncProtocol.readSyncMessage(decoder, encoder, room.doc, conn);
        if (encoding.length(encoder) > 1) send(conn, encoding.toUint8Array(encoder));
      } else if (type === MESSAGE_AWARENESS) {
        awarenessProtocol.applyAwarenessUpdate(room.awareness, decoding.readVarUint8Array(decoder), conn);
      }
    });
    conn.on('close', () => {
      const ids = room.conns.get(conn);
      room.conns.delete(conn);
      if (ids?.size) awarenessProtocol.removeAwarenessStates(room.awareness, [...ids], null);
    });
    // Sync step 1, and the current awareness states, as y-websocket's server does on connect.
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(encoder, room.doc);
    send(conn, encoding.toUint8Array(encoder));
    const states = room.awareness.getStates();
    if (states.size) {
      const awarenessEncoder = encoding.createEncoder();
      encoding.writeVarUint(awarenessEncoder, MESSAGE_AWARENESS);
      encoding.writeVarUint8Array(awarenessEncoder, awarenessProtocol.encodeAwarenessUpdate(room.awareness, [...states.keys()]));
      send(conn, encoding.toUint8Array(awarenessEncoder));
    }
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

/** The bench's Yjs writer: one provider in the room. Yjs has no server acknowledgement: an edit is "done" once handed to the socket. */
export async function yjsWriter(url: string, room: string): Promise<{ write: (text: string) => Promise<void>; close: () => void }> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(url, room, doc, {
    WebSocketPolyfill: WebSocketClient as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  await new Promise<void>((resolve) => provider.once('sync', () => resolve()));
  const edits = doc.getArray<string>('edits');
  return {
    write: async (text) => {
      edits.push([text]);
    },
    close: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.env.PORT ?? 3226);
  void startYjsRelay(port).then(() => {
    console.log(`yjs-relay: listening on ${port}`);
    process.send?.({ type: 'listening' });
  });
}
