import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { TRPC_ERROR_CODES_BY_KEY, type TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import { appRouter } from './root';
import { createDeferredSessionContext, createRequestContext } from './context';
import { callSingleMutation, singleMutationAt, type TrpcAnswer } from './single-mutation';
import { eventStreamResponse, MAP_EVENTS_PATH, openMapEventStream, type MapEventStream } from './map-events-sse';
import {
  BodyTooLarge,
  bodyLimitFor,
  DEFAULT_BODY_LIMIT_BYTES,
  formatBytes,
  isJsonContentType,
  isQueryInputValidUtf8,
  MAX_BATCH_SIZE,
  MAX_CONCURRENT_LARGE_BODIES,
  procedurePaths,
  readBodyText,
  trpcResponseMeta,
} from './request-limits';
import { RETRY_AFTER_UNAVAILABLE_SECONDS, UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from './unavailable';

export const TRPC_ENDPOINT = '/api/trpc';
const HTTP_STATUS: Partial<Record<TRPC_ERROR_CODE_KEY, number>> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  SERVICE_UNAVAILABLE: 503,
};
const PRIVATE = { 'Cache-Control': 'private, no-store' };

/** An error in tRPC's envelope (superjson), so the client shows the message like any other. */
function refusal(code: TRPC_ERROR_CODE_KEY, message: string, headers: Record<string, string> = {}): TrpcAnswer {
  const httpStatus = HTTP_STATUS[code] ?? 400;
  const error = { message, code: TRPC_ERROR_CODES_BY_KEY[code], data: { code, httpStatus, path: null, details: null } };
  return {
    status: httpStatus,
    headers: { 'content-type': 'application/json', ...PRIVATE, ...headers },
    body: JSON.stringify({ error: { json: error } }),
  };
}

const refuse = (code: TRPC_ERROR_CODE_KEY, message: string, headers: Record<string, string> = {}) =>
  answerResponse(refusal(code, message, headers));

const unavailable = () => refusal('SERVICE_UNAVAILABLE', UNAVAILABLE_MESSAGE, { 'Retry-After': String(RETRY_AFTER_UNAVAILABLE_SECONDS) });
const tooLargeFor = (limit: number) =>
  refusal('PAYLOAD_TOO_LARGE', `The request is larger than ${formatBytes(limit)}, the most this accepts.`);
const notJson = () => refusal('UNSUPPORTED_MEDIA_TYPE', 'Send the request as application/json.');
const notUtf8Body = () => refusal('BAD_REQUEST', 'The request body is not valid UTF-8 text.');

let largeBodiesInFlight = 0;

/**
 * The tRPC endpoint (queries, mutations and the map event stream) as a web Request → Response function,
 * with every check it makes before tRPC sees the request. Served by the Node server in front of Next in
 * production (src/server/infra/trpc-node.ts) and by Next's route in development.
 */
export interface TrpcHandlerOptions {
  /**
   * Serves a map event stream that passed its checks in the caller's own way (the Node server writes it
   * straight to the socket); the Response returned stands for it. Absent: a web streaming Response.
   */
  serveEventStream?: (stream: MapEventStream) => Response;
}

export async function handleTrpcRequest(request: Request, options: TrpcHandlerOptions = {}): Promise<Response> {
  const url = new URL(request.url);
  const paths = procedurePaths(url, TRPC_ENDPOINT);
  if (paths.length > MAX_BATCH_SIZE) {
    return refuse('BAD_REQUEST', `A request may batch at most ${MAX_BATCH_SIZE} calls; this one has ${paths.length}.`);
  }
  if (request.method === 'GET' && !isQueryInputValidUtf8(url)) return refuse('BAD_REQUEST', 'The input is not valid UTF-8 text.');

  let context: Awaited<ReturnType<typeof createRequestContext>>;
  try {
    // A mutation's session is checked by the procedure, in its access query (context.ts); a large upload's
    // limit depends on who is calling, so its session is checked first.
    const deferSession = request.method === 'POST' && bodyLimitFor(paths) === DEFAULT_BODY_LIMIT_BYTES;
    context = await createRequestContext(request, { deferSession });
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    return answerResponse(unavailable());
  }

  // The map event stream, served with its bytes shared across subscribers; tRPC answers whatever it refuses.
  if (request.method === 'GET' && url.searchParams.get('batch') !== '1' && paths[0] === MAP_EVENTS_PATH) {
    const stream = await openMapEventStream(request, url, context);
    if (stream) return options.serveEventStream ? options.serveEventStream(stream) : eventStreamResponse(stream);
  }

  let req = request;
  if (request.method === 'POST') {
    // Mutations as JSON only: an HTML form on another site can send form data or text, never JSON.
    if (!isJsonContentType(request.headers.get('content-type'))) return answerResponse(notJson());
    // Larger inputs (imports, source texts) only from signed-in callers: anonymous bodies stay small.
    const limit = context.actor ? bodyLimitFor(paths) : DEFAULT_BODY_LIMIT_BYTES;
    const tooLarge = () => answerResponse(tooLargeFor(limit));
    const declared = Number(request.headers.get('content-length') ?? Number.NaN);
    if (Number.isFinite(declared) && declared > limit) return tooLarge();
    const isLarge = limit > DEFAULT_BODY_LIMIT_BYTES;
    if (isLarge && largeBodiesInFlight >= MAX_CONCURRENT_LARGE_BODIES) {
      return refuse('SERVICE_UNAVAILABLE', 'Crux is receiving other large uploads; try again in a few seconds.', { 'Retry-After': '5' });
    }
    if (isLarge) largeBodiesInFlight += 1;
    let text: string;
    try {
      text = await readBodyText(request.body, limit);
    } catch (error) {
      if (error instanceof BodyTooLarge) return tooLarge();
      return answerResponse(notUtf8Body());
    } finally {
      if (isLarge) largeBodiesInFlight -= 1;
    }
    req = new Request(request.url, { method: 'POST', headers: request.headers, body: text, signal: request.signal });
  }

  return fetchRequestHandler({
    endpoint: TRPC_ENDPOINT,
    req,
    router: appRouter,
    createContext: () => context,
    // Mutations over GET would let a link or an <img> change state.
    allowMethodOverride: false,
    maxBatchSize: MAX_BATCH_SIZE,
    responseMeta: trpcResponseMeta,
  });
}

export function answerResponse(answer: TrpcAnswer): Response {
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}

/** A request as the Node server has it, before its body is read. */
export interface PlainRequest {
  url: URL;
  header: (name: string) => string | undefined;
  /** All headers, for the client's address. */
  headers: Record<string, unknown>;
  /** The body's bytes (as many as the request declared). */
  readBody: () => Promise<Uint8Array>;
  signal: AbortSignal;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * One mutation, with a declared length within the default limit, answered with the same checks and the
 * same answers as `handleTrpcRequest`, without a web Request or tRPC's resolver (single-mutation.ts):
 * the Node server's hot path for edits. Null for anything else, before the body is touched.
 */
export async function answerSingleMutation(request: PlainRequest): Promise<TrpcAnswer | null> {
  const declared = Number(request.header('content-length') ?? Number.NaN);
  if (!Number.isFinite(declared) || declared > DEFAULT_BODY_LIMIT_BYTES) return null;
  const paths = procedurePaths(request.url, TRPC_ENDPOINT);
  if (bodyLimitFor(paths) !== DEFAULT_BODY_LIMIT_BYTES) return null;
  const mutation = await singleMutationAt(paths, request.url.searchParams.get('batch') === '1');
  if (!mutation) return null;

  let context: Awaited<ReturnType<typeof createDeferredSessionContext>>;
  try {
    context = await createDeferredSessionContext(request.header('cookie'), request.headers);
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    return unavailable();
  }
  if (!isJsonContentType(request.header('content-type') ?? null)) return notJson();
  let text: string;
  try {
    const bytes = await request.readBody();
    if (bytes.byteLength > DEFAULT_BODY_LIMIT_BYTES) return tooLargeFor(DEFAULT_BODY_LIMIT_BYTES);
    text = strictUtf8.decode(bytes);
  } catch {
    return notUtf8Body();
  }
  return callSingleMutation(mutation, text, context, request.signal, (errors) => trpcResponseMeta({ errors }).headers);
}
