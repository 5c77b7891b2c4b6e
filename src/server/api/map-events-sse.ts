import { getErrorShape, getTRPCErrorFromUnknown } from '@trpc/server/unstable-core-do-not-import';
import superjson from 'superjson';
import { requireMapRole } from '@/server/access/map-access';
import { streamMapEntries, type StreamEntry } from '@/server/sync/stream-map-events';
import { MIN_SUPPORTED_PROTOCOL_VERSION } from '@/shared/events';
import { findUnsafeTextIn } from '@/shared/safe-text';
import { appRouter } from './root';
import { ZOnMapEventInput } from './routers/events';
import { serialize } from './transformer';
import { SSE_OPTIONS, type Context } from './trpc';

/**
 * `events.onMapEvent` served straight from the route, in tRPC's own SSE wire format (what
 * `httpSubscriptionLink` reads: `connected`, `data` + `id` per tracked item, `ping`,
 * `serialized-error`, `return`), so the client is unchanged. Why: tRPC serialises every item once per
 * stream (superjson, JSON, then several stream stages), which at 100 subscribers of one map cost more
 * than the database write. Here each event is serialised once per redaction class (the bytes are shared
 * by every stream in the class, see StreamEntry) and every item that is ready at once goes out in one
 * write. Only a stream that is allowed to start is served here: anything this path would refuse —
 * input that does not parse, an old protocol, no access, a database error — is handed to tRPC, which
 * answers exactly as it always has. The procedure itself stays the one definition of the rules.
 */

export const MAP_EVENTS_PATH = 'events.onMapEvent';

const encoder = new TextEncoder();
const CONNECTED = encoder.encode(`event: connected\ndata: ${JSON.stringify(SSE_OPTIONS.client)}\n\n`);
const PING = encoder.encode('event: ping\ndata: \n\n');
const RETURN = encoder.encode('event: return\ndata: \n\n');
const HEADERS = {
  'Content-Type': 'text/event-stream',
  'Cache-Control': 'private, no-store, no-transform',
  'X-Accel-Buffering': 'no',
  Connection: 'keep-alive',
};

function frameOf(entry: StreamEntry): Uint8Array {
  const cached = entry.shared?.frames.get(entry.shared.classKey);
  if (cached) return cached;
  const frame = encoder.encode(`data: ${JSON.stringify(serialize(entry.item))}\nid: ${entry.id}\n\n`);
  entry.shared?.frames.set(entry.shared.classKey, frame);
  return frame;
}

function concat(frames: Uint8Array[]): Uint8Array {
  if (frames.length === 1) return frames[0]!;
  const out = new Uint8Array(frames.reduce((sum, frame) => sum + frame.length, 0));
  let at = 0;
  for (const frame of frames) {
    out.set(frame, at);
    at += frame.length;
  }
  return out;
}

/** The input as tRPC would see it (superjson in `?input=`, an EventSource's Last-Event-ID merged in); null if it does not parse. */
function parseInput(request: Request, url: URL) {
  let raw: unknown;
  try {
    const text = url.searchParams.get('input');
    raw = text === null ? undefined : superjson.deserialize(JSON.parse(text) as Parameters<typeof superjson.deserialize>[0]);
  } catch {
    return null;
  }
  const lastEventId = request.headers.get('last-event-id') ?? url.searchParams.get('lastEventId') ?? url.searchParams.get('Last-Event-Id');
  if (lastEventId && raw && typeof raw === 'object') raw = { ...raw, lastEventId };
  if (findUnsafeTextIn(raw)) return null;
  const parsed = ZOnMapEventInput.safeParse(raw);
  return parsed.success ? { raw, input: parsed.data } : null;
}

/**
 * Where a stream's bytes go: the Node response itself in production (src/server/infra/trpc-node.ts), a web
 * ReadableStream under Next's route. `write` reports false once the client's buffer is full; the stream
 * then waits for `drained` before reading further, so a slow client never makes the server buffer its backlog.
 */
export interface EventStreamSink {
  write(bytes: Uint8Array): boolean;
  drained(): Promise<void>;
  end(): void;
}

/** A map event stream that passed every check, ready to be written to a sink. */
export interface MapEventStream {
  headers: Record<string, string>;
  /** Writes the stream until it ends, the client goes (the request's signal) or `cancel` is called. */
  run(sink: EventStreamSink): Promise<void>;
  cancel(): void;
}

/**
 * The map's event stream, or null when tRPC should answer instead (every refusal).
 * Checks the caller's role itself, exactly as the procedure does.
 */
export async function openMapEventStream(request: Request, url: URL, context: Context): Promise<MapEventStream | null> {
  const parsed = parseInput(request, url);
  if (!parsed) return null;
  const { input } = parsed;
  if (input.protocolVersion !== undefined && input.protocolVersion < MIN_SUPPORTED_PROTOCOL_VERSION) return null;
  try {
    await requireMapRole(context.db, context.actor, input.mapId, 'viewer');
  } catch {
    return null;
  }

  let sink: EventStreamSink | null = null;
  let lastWriteAt = Date.now();
  // Set while the client's buffer is full: nothing more is written until it drains.
  let drain: Promise<void> | null = null;
  const writeEntries = (to: EventStreamSink, batch: StreamEntry[]) => {
    if (!to.write(concat(batch.map(frameOf)))) drain ??= to.drained().then(() => void (drain = null));
    lastWriteAt = Date.now();
  };
  const entries = streamMapEntries({
    db: context.db,
    actor: context.actor,
    mapId: input.mapId,
    lastEventId: input.lastEventId,
    signal: request.signal,
    // Live events of a caught-up stream are written in the feed's turn, one write per subscriber.
    direct: {
      isReady: () => sink !== null && drain === null && isOpen(),
      deliver: (batch) => writeEntries(sink!, batch),
    },
  })[Symbol.asyncIterator]();
  let isClosed = false;
  let pinger: ReturnType<typeof setInterval> | null = null;
  const stop = () => {
    isClosed = true;
    if (pinger) clearInterval(pinger);
  };
  const isOpen = () => !isClosed && !request.signal.aborted;

  const run = async (to: EventStreamSink) => {
    sink = to;
    lastWriteAt = Date.now();
    to.write(CONNECTED);
    // Keepalive while quiet, as tRPC's `sse.ping` does: proxies keep the stream, the client knows it is alive.
    pinger = setInterval(() => {
      if (!isOpen() || Date.now() - lastWriteAt < SSE_OPTIONS.ping.intervalMs) return;
      lastWriteAt = Date.now();
      to.write(PING);
    }, SSE_OPTIONS.ping.intervalMs);
    pinger.unref?.();
    try {
      for (;;) {
        const next = await entries.next();
        if (!isOpen()) return;
        if (next.done) {
          to.write(RETURN);
          return;
        }
        writeEntries(to, next.value);
        if (drain) await drain;
      }
    } catch (cause) {
      if (!isOpen()) return;
      const error = getTRPCErrorFromUnknown(cause);
      const shape = getErrorShape({
        config: appRouter._def._config,
        ctx: context,
        error,
        input: parsed.raw,
        path: MAP_EVENTS_PATH,
        type: 'subscription',
      });
      to.write(encoder.encode(`event: serialized-error\ndata: ${JSON.stringify(serialize(shape))}\n\n`));
    } finally {
      stop();
      to.end();
    }
  };
  const cancel = () => {
    if (isClosed) return;
    stop();
    void entries.return?.();
  };
  return { headers: HEADERS, run, cancel };
}

/** The stream as a web Response (Next's route): a byte stream that is read as the client reads. */
export function eventStreamResponse(stream: MapEventStream): Response {
  let onPull: (() => void) | null = null;
  const wake = () => {
    onPull?.();
    onPull = null;
  };
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      void stream.run({
        write: (bytes) => {
          controller.enqueue(bytes);
          return (controller.desiredSize ?? 1) > 0;
        },
        drained: () => new Promise<void>((resolve) => (onPull = resolve)),
        end: () => {
          try {
            controller.close();
          } catch {
            // already cancelled by the reader
          }
        },
      });
    },
    pull: wake,
    cancel() {
      wake();
      stream.cancel();
    },
  });
  return new Response(body, { status: 200, headers: stream.headers });
}
