/**
 * The app's route handlers behind Crux's real HTTP server front (src/server/infra/http-server.ts), on a
 * loopback port: requests go over real sockets, get their client address stamped from the socket, and
 * reach the same tRPC and export handlers Next.js serves — without a production build.
 */
import type { AddressInfo } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import type { NextConfig } from 'next';
import { encode } from 'next-auth/jwt';
import type { Actor } from '@/server/access/actor';
import { getDb } from '@/server/db';
import { createSession } from '@/server/domain/users/sessions';
import { createCruxServer } from '@/server/infra/http-server';
import { apiHeadersFrom, isTrpcRequest, serveTrpc } from '@/server/infra/trpc-node';

type FetchHandler = (request: Request) => Promise<Response>;

function toFetchRequest(req: IncomingMessage, origin: string): Request {
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) value.forEach((item) => headers.append(key, item));
    else if (value !== undefined) headers.set(key, value);
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(new URL(req.url ?? '/', origin), {
    method: req.method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
    duplex: 'half',
  } as RequestInit);
}

async function writeResponse(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, key) => {
    headers[key] = value;
  });
  res.writeHead(response.status, headers);
  if (response.body) {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) res.write(chunk);
  }
  res.end();
}

export interface Harness {
  url: string;
  close: () => Promise<void>;
}

export interface HarnessOptions {
  trustProxyHops?: number;
  routes?: Record<string, FetchHandler>;
  /** /api/trpc as Next's route serves it (development), instead of as the Node server does (production). */
  isTrpcThroughRoute?: boolean;
}

/**
 * Serves /api/trpc/* (as the production server does, single mutations on its direct path, unless
 * `isTrpcThroughRoute`) and /api/maps/:id/export, plus any extra routes (path → fetch handler).
 */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const trpc = await import('@/app/api/trpc/[trpc]/route');
  const { answerSingleMutation, handleTrpcRequest } = await import('@/server/api/trpc-http-handler');
  const { default: nextConfig } = (await import(pathToFileURL(path.resolve('next.config.js')).href)) as { default: NextConfig };
  const apiHeaders = apiHeadersFrom(await nextConfig.headers!());
  const exportRoute = await import('@/app/api/maps/[id]/export/route');
  let origin = '';
  const server = createCruxServer({
    trustProxyHops: options.trustProxyHops ?? 0,
    handle: async (req, res) => {
      if (!options.isTrpcThroughRoute && isTrpcRequest(req)) {
        await serveTrpc(req, res, handleTrpcRequest, apiHeaders, origin, answerSingleMutation);
        return;
      }
      const request = toFetchRequest(req, origin);
      const { pathname } = new URL(request.url);
      const exportMatch = /^\/api\/maps\/([^/]+)\/export$/.exec(pathname);
      let response: Response;
      if (pathname.startsWith('/api/trpc/')) response = await (request.method === 'GET' ? trpc.GET(request) : trpc.POST(request));
      else if (exportMatch)
        response = await exportRoute.GET(request, { params: Promise.resolve({ id: decodeURIComponent(exportMatch[1]!) }) });
      else if (options.routes?.[pathname]) response = await options.routes[pathname](request);
      else response = new Response('not found', { status: 404 });
      await writeResponse(res, response);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A signed-in session for `actor`, as next-auth's sign-in makes one: a session row and the JWT cookie naming it. */
export async function sessionCookieFor(actor: Actor): Promise<{ cookie: string; sessionId: string }> {
  const sessionId = await createSession(getDb(), actor.id);
  const token = await encode({
    token: { sub: actor.id, name: actor.displayName, isGuest: actor.isGuest, sid: sessionId },
    secret: process.env.AUTH_SECRET!,
  });
  return { cookie: `next-auth.session-token=${token}`, sessionId };
}

/** A tRPC call over HTTP as the browser client makes it (superjson envelope, batch form). */
export async function trpcHttp(
  baseUrl: string,
  path: string,
  input: unknown,
  options: { cookie?: string; kind?: 'query' | 'mutation'; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: unknown; headers: Headers; message: string | undefined; data: unknown }> {
  const superjson = (await import('superjson')).default;
  const serialized = JSON.stringify({ 0: superjson.serialize(input) });
  const headers = { ...(options.cookie ? { cookie: options.cookie } : {}), ...options.headers };
  const response =
    (options.kind ?? 'mutation') === 'mutation'
      ? await fetch(`${baseUrl}/api/trpc/${path}?batch=1`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: serialized,
        })
      : await fetch(`${baseUrl}/api/trpc/${path}?batch=1&input=${encodeURIComponent(serialized)}`, { headers });
  const body = (await response.json()) as unknown;
  const first = (Array.isArray(body) ? body[0] : body) as {
    result?: { data?: { json?: unknown } };
    error?: { json?: { message?: string; data?: unknown } };
  };
  return {
    status: response.status,
    body,
    headers: response.headers,
    message: first?.error?.json?.message,
    data: first?.result ? first.result.data?.json : first?.error?.json?.data,
  };
}
