/**
 * The durable floor for `npm run bench:sync` and `npm run bench:load`: the bare SSE relay, but every
 * edit is committed to Postgres before it is acknowledged and delivered from a LISTEN connection that
 * reads the committed row — the cost of durability with nothing else (plain `pg`, no framework).
 *
 *   POST /publish?room=<r>  one statement (one transaction): the room's next seq, the event row, pg_notify
 *   GET  /events?room=<r>   an SSE stream of the room's events, `id: <seq>`, from the LISTEN connection
 *
 * Run alone with `DATABASE_URL=… PORT=3227 npx tsx scripts/bench/durable-relay.ts` (it creates its two
 * tables in that database if missing: a bench database, never the app's).
 */
import http from 'node:http';
import pg from 'pg';

const CHANNEL = 'bench_durable';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS bench_durable_room (id text PRIMARY KEY, last_seq integer NOT NULL DEFAULT 0);
  CREATE TABLE IF NOT EXISTS bench_durable_event (
    room text NOT NULL, seq integer NOT NULL, body text NOT NULL, created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (room, seq)
  );`;

// The room row's lock serialises writers of one room, so seqs are gapless, exactly as Map.lastSeq does.
const APPEND = `
  WITH room AS (
    INSERT INTO bench_durable_room (id, last_seq) VALUES ($1, 1)
    ON CONFLICT (id) DO UPDATE SET last_seq = bench_durable_room.last_seq + 1
    RETURNING last_seq
  ), event AS (
    INSERT INTO bench_durable_event (room, seq, body) SELECT $1, last_seq, $2 FROM room RETURNING seq
  )
  SELECT pg_notify('${CHANNEL}', $1 || ':' || (SELECT seq FROM event)) AS notified, (SELECT seq FROM event) AS seq`;

interface Room {
  head: number;
  streams: Set<http.ServerResponse>;
  isPulling: boolean;
  isDirty: boolean;
}

export async function startDurableRelay(port: number, databaseUrl: string): Promise<{ server: http.Server; close: () => Promise<void> }> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  await pool.query(SCHEMA);
  const rooms = new Map<string, Room>();
  const listener = new pg.Client({ connectionString: databaseUrl });
  await listener.connect();

  const roomOf = async (id: string): Promise<Room> => {
    let room = rooms.get(id);
    if (!room) {
      // LISTEN is already active, so reading the head now misses nothing committed afterwards.
      const head = await pool.query<{ last_seq: number }>('SELECT last_seq FROM bench_durable_room WHERE id = $1', [id]);
      room = rooms.get(id) ?? { head: head.rows[0]?.last_seq ?? 0, streams: new Set(), isPulling: false, isDirty: false };
      rooms.set(id, room);
    }
    return room;
  };

  // One read per room per burst of notifications, as Crux's MapFeed does; the rows are what is delivered.
  const pull = async (id: string, room: Room): Promise<void> => {
    if (room.isPulling) {
      room.isDirty = true;
      return;
    }
    room.isPulling = true;
    try {
      do {
        room.isDirty = false;
        const { rows } = await pool.query<{ seq: number; body: string }>(
          'SELECT seq, body FROM bench_durable_event WHERE room = $1 AND seq > $2 ORDER BY seq LIMIT 500',
          [id, room.head],
        );
        if (!rows.length) continue;
        let frames = '';
        for (const row of rows) frames += `id: ${row.seq}\ndata: ${row.body.replace(/\n/g, ' ')}\n\n`;
        room.head = rows.at(-1)!.seq;
        for (const stream of room.streams) stream.write(frames);
      } while (room.isDirty);
    } finally {
      room.isPulling = false;
    }
  };

  listener.on('notification', (message) => {
    const payload = message.payload ?? '';
    const id = payload.slice(0, payload.lastIndexOf(':'));
    const room = rooms.get(id);
    if (room) void pull(id, room);
  });
  await listener.query(`LISTEN ${CHANNEL}`);

  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://relay');
    const id = url.searchParams.get('room') ?? 'default';
    if (request.method === 'GET' && url.pathname === '/events') {
      void roomOf(id).then((room) => {
        response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
        response.write(': connected\n\n');
        room.streams.add(response);
        request.on('close', () => room.streams.delete(response));
      });
      return;
    }
    if (request.method === 'POST' && url.pathname === '/publish') {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        pool.query(APPEND, [id, Buffer.concat(chunks).toString()]).then(
          () => response.writeHead(204).end(),
          (error: unknown) => response.writeHead(500).end(String(error)),
        );
      });
      return;
    }
    response.writeHead(404).end();
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  return {
    server,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await listener.end().catch(() => {});
      await pool.end().catch(() => {});
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.env.PORT ?? 3227);
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('durable-relay: set DATABASE_URL');
  void startDurableRelay(port, databaseUrl).then(() => {
    console.log(`durable-relay: listening on ${port}`);
    process.send?.({ type: 'listening' });
  });
}
