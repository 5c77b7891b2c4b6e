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
 * The map's event stream as a Response, or null when tRPC should answer instead (every refusal).
 * Checks the caller's role itself, exactly as the procedure does.
 */
export async function mapEventsSseResponse(request: Request, url: URL, context: Context): Promise<Response | null> {
  const parsed = parseInput(request, url);
  if (!parsed) return null;
  const { input } = parsed;
  if (input.protocolVersion !== undefined && input.protocolVersion < MIN_SUPPORTED_PROTOCOL_VERSION) return null;
  try {
    await requireMapRole(context.db, context.actor, input.mapId, 'viewer');
  } catch {
    return null;
  }

  const entries = streamMapEntries({
    db: context.db,
    actor: context.actor,
    mapId: input.mapId,
    lastEventId: input.lastEventId,
    signal: request.signal,
  })[Symbol.asyncIterator]();
  let isClosed = false;
  let lastWriteAt = Date.now();
  let pinger: ReturnType<typeof setInterval> | null = null;
  const stop = () => {
    isClosed = true;
    if (pinger) clearInterval(pinger);
  };

  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(CONNECTED);
      // Keepalive while quiet, as tRPC's `sse.ping` does: proxies keep the stream, the client knows it is alive.
      pinger = setInterval(() => {
        if (isClosed || Date.now() - lastWriteAt < SSE_OPTIONS.ping.intervalMs) return;
        lastWriteAt = Date.now();
        controller.enqueue(PING);
      }, SSE_OPTIONS.ping.intervalMs);
      pinger.unref?.();
    },
    async pull(controller) {
      try {
        const next = await entries.next();
        if (isClosed) return;
        if (next.done) {
          controller.enqueue(RETURN);
          stop();
          controller.close();
          return;
        }
        controller.enqueue(concat(next.value.map(frameOf)));
        lastWriteAt = Date.now();
      } catch (cause) {
        if (isClosed) return;
        stop();
        if (!request.signal.aborted) {
          const error = getTRPCErrorFromUnknown(cause);
          const shape = getErrorShape({
            config: appRouter._def._config,
            ctx: context,
            error,
            input: parsed.raw,
            path: MAP_EVENTS_PATH,
            type: 'subscription',
          });
          controller.enqueue(encoder.encode(`event: serialized-error\ndata: ${JSON.stringify(serialize(shape))}\n\n`));
        }
        controller.close();
      }
    },
    async cancel() {
      stop();
      await entries.return?.();
    },
  });
  return new Response(body, { status: 200, headers: HEADERS });
}
