import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeWebReadableStream } from 'node:stream/web';
import type { EventStreamSink, MapEventStream } from '../api/map-events-sse';
import type { PlainRequest, TrpcHandlerOptions } from '../api/trpc-http-handler';
import type { TrpcAnswer } from '../api/single-mutation';

/**
 * /api/trpc served by the Node server itself (src/server/infra/http-server.ts), not through Next's
 * route pipeline: the same handler as the Next route (src/server/api/trpc-http-handler.ts), with the
 * request turned into a web Request and the Response streamed back, carrying the headers next.config.js
 * gives every API response. All API and realtime traffic goes through this one copy of the server
 * modules, so in-process state (the LISTEN hub, write caps, presence, rate limits) is never split with
 * Next's bundle, which only renders pages.
 */

export const TRPC_PATH_PREFIX = '/api/trpc/';

export type WebHandler = (request: Request, options?: TrpcHandlerOptions) => Promise<Response>;

/** Answers one mutation from the plain request, or null to leave the request to the web handler. */
export type MutationAnswerer = (request: PlainRequest) => Promise<TrpcAnswer | null>;

interface HeaderRule {
  source: string;
  headers: { key: string; value: string }[];
}

/** The headers next.config.js sets on /api/* responses, read from it so the two never drift. */
export function apiHeadersFrom(rules: HeaderRule[]): [string, string][] {
  return rules
    .filter((rule) => rule.source === '/:path*' || rule.source === '/api/:path*')
    .flatMap((rule) => rule.headers.map((h): [string, string] => [h.key, h.value]));
}

export function isTrpcRequest(req: IncomingMessage): boolean {
  return (req.method === 'GET' || req.method === 'POST') && (req.url ?? '').startsWith(TRPC_PATH_PREFIX);
}

function webRequestOf(req: IncomingMessage, origin: string, signal: AbortSignal): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name.startsWith(':')) continue;
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else headers.set(name, value);
  }
  const hasBody = req.method === 'POST';
  return new Request(new URL(req.url ?? '/', origin), {
    method: req.method,
    headers,
    signal,
    ...(hasBody ? { body: Readable.toWeb(req) as unknown as ReadableStream<Uint8Array>, duplex: 'half' } : {}),
  });
}

/** A map event stream's sink on the Node response: bytes go to the socket as they are written. */
function socketSink(res: ServerResponse): EventStreamSink {
  return {
    write: (bytes) => !res.destroyed && res.write(bytes),
    drained: () =>
      new Promise<void>((resolve) => {
        const done = () => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done);
        res.on('close', done);
      }),
    end: () => {
      if (!res.destroyed) res.end();
    },
  };
}

/** The body of a request that declared its length: exactly the bytes the HTTP parser frames as the body. */
function bodyOf(req: IncomingMessage): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.on('error', reject);
    req.on('close', () => {
      if (!req.complete) reject(new Error('The client went away before sending the whole request.'));
    });
  });
}

function plainRequestOf(req: IncomingMessage, url: URL, signal: AbortSignal): PlainRequest {
  return {
    url,
    header: (name) => {
      const value = req.headers[name];
      return Array.isArray(value) ? value.join(', ') : value;
    },
    headers: req.headers,
    readBody: () => bodyOf(req),
    signal,
  };
}

/**
 * Serves one tRPC request: status, the handler's headers plus the API headers, then the body as it
 * streams. A single mutation goes to `answerMutation` first, if given: the hot write path, with no web
 * Request or Response.
 */
export async function serveTrpc(
  req: IncomingMessage,
  res: ServerResponse,
  handler: WebHandler,
  apiHeaders: [string, string][],
  origin: string,
  answerMutation?: MutationAnswerer,
): Promise<void> {
  const aborted = new AbortController();
  // The client went away before the answer was complete: end the handler's work (an event stream) with it.
  res.on('close', () => {
    if (!res.writableFinished) aborted.abort();
  });
  if (answerMutation && req.method === 'POST') {
    const answer = await answerMutation(plainRequestOf(req, new URL(req.url ?? '/', origin), aborted.signal));
    if (answer) {
      const body = Buffer.from(answer.body);
      for (const [name, value] of apiHeaders) res.setHeader(name, value);
      for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
      res.setHeader('content-length', body.length);
      res.statusCode = answer.status;
      res.end(body);
      return;
    }
  }
  let eventStream: MapEventStream | null = null;
  const response = await handler(webRequestOf(req, origin, aborted.signal), {
    serveEventStream: (stream) => {
      eventStream = stream;
      return new Response(null, { status: 200, headers: stream.headers });
    },
  });
  for (const [name, value] of apiHeaders) res.setHeader(name, value);
  const setCookies = response.headers.getSetCookie();
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') res.setHeader(name, value);
  });
  if (setCookies.length) res.setHeader('set-cookie', setCookies);
  res.statusCode = response.status;
  // A map event stream is written to the socket by the stream itself: each burst of events in one write,
  // the bytes shared by every subscriber in the same redaction class (map-events-sse.ts).
  const stream = eventStream as MapEventStream | null;
  if (stream) {
    res.flushHeaders();
    res.on('close', () => stream.cancel());
    await stream.run(socketSink(res));
    return;
  }
  if (!response.body) {
    res.end();
    return;
  }
  // A plain answer in one write (headers and body in one packet); only an event stream is piped.
  if (!response.headers.get('content-type')?.startsWith('text/event-stream')) {
    const bytes = Buffer.from(await response.arrayBuffer());
    res.setHeader('content-length', bytes.length);
    res.end(bytes);
    return;
  }
  // Events reach the socket as they are written, not when a buffer fills.
  res.flushHeaders();
  const body = Readable.fromWeb(response.body as unknown as NodeWebReadableStream<Uint8Array>);
  body.on('error', () => res.destroy());
  res.on('close', () => body.destroy());
  body.pipe(res);
}
