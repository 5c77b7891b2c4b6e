import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { NextConfig } from 'next';
import { afterEach, describe, expect, it } from 'vitest';
import { createCruxServer } from '@/server/infra/http-server';
import type { EventStreamSink, MapEventStream } from '@/server/api/map-events-sse';
import { apiHeadersFrom, isTrpcRequest, serveTrpc, type WebHandler } from '@/server/infra/trpc-node';

/** /api/trpc served by the Node server in front of Next (production): what the web handler sees and what the client gets. */
const servers: ReturnType<typeof createCruxServer>[] = [];

async function serve(handler: WebHandler) {
  const { default: nextConfig } = (await import(pathToFileURL(path.resolve('next.config.js')).href)) as { default: NextConfig };
  const apiHeaders = apiHeadersFrom(await nextConfig.headers!());
  const server = createCruxServer({
    trustProxyHops: 0,
    handle: (req, res) => (isTrpcRequest(req) ? serveTrpc(req, res, handler, apiHeaders, 'http://localhost') : res.end('next')),
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

describe('the tRPC endpoint on the Node server', () => {
  it("carries next.config.js's API headers, the handler's status and headers, and the request's body and cookies", async () => {
    let seen: { method: string; url: string; body: string; cookie: string | null; address: string | null } | null = null;
    const base = await serve(async (request) => {
      seen = {
        method: request.method,
        url: request.url,
        body: await request.text(),
        cookie: request.headers.get('cookie'),
        address: request.headers.get('x-crux-client-address'),
      };
      const headers = new Headers({ 'content-type': 'application/json', 'cache-control': 'private, no-store' });
      headers.append('set-cookie', 'a=1');
      headers.append('set-cookie', 'b=2');
      return new Response('{"ok":true}', { status: 418, headers });
    });
    const response = await fetch(`${base}/api/trpc/claim.update?batch=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: 'x=y', 'x-crux-client-address': '6.6.6.6' },
      body: '{"0":{"json":{}}}',
    });
    expect(response.status).toBe(418);
    expect(await response.text()).toBe('{"ok":true}');
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(response.headers.get('permissions-policy')).toBe('camera=(), microphone=(), geolocation=()');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(seen).toEqual({
      method: 'POST',
      url: 'http://localhost/api/trpc/claim.update?batch=1',
      body: '{"0":{"json":{}}}',
      cookie: 'x=y',
      // The socket's address, never the client's claim.
      address: '127.0.0.1',
    });
    // Everything else is Next's.
    expect(await (await fetch(`${base}/maps/abc`)).text()).toBe('next');
  });

  it('streams an event stream as it is written and ends the handler’s work when the client leaves', async () => {
    let release: () => void = () => {};
    let aborted: Promise<void> = Promise.resolve();
    const base = await serve((request) => {
      aborted = new Promise((resolve) => request.signal.addEventListener('abort', () => resolve()));
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('data: first\n\n'));
          release = () => controller.enqueue(new TextEncoder().encode('data: second\n\n'));
        },
      });
      return Promise.resolve(new Response(body, { headers: { 'content-type': 'text/event-stream' } }));
    });
    const client = new AbortController();
    const response = await fetch(`${base}/api/trpc/events.onMapEvent?input=%7B%7D`, { signal: client.signal });
    const reader = response.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('data: first\n\n');
    release();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('data: second\n\n');
    client.abort();
    await expect(aborted).resolves.toBeUndefined();
  });

  it('lets a map event stream write to the socket itself, waits for a slow client, and cancels it when the client leaves', async () => {
    const encode = (text: string) => new TextEncoder().encode(text);
    let sink: EventStreamSink | null = null;
    let sinkReady: () => void = () => {};
    const hasSink = new Promise<void>((resolve) => (sinkReady = resolve));
    let cancelled: () => void = () => {};
    const isCancelled = new Promise<void>((resolve) => (cancelled = resolve));
    const stream: MapEventStream = {
      headers: { 'Content-Type': 'text/event-stream', 'Cache-Control': 'private, no-store, no-transform' },
      run: async (given) => {
        sink = given;
        given.write(encode('event: connected\ndata: {}\n\n'));
        sinkReady();
        await isCancelled;
      },
      cancel: () => cancelled(),
    };
    const base = await serve((_request, options) => Promise.resolve(options!.serveEventStream!(stream)));
    const client = new AbortController();
    const response = await fetch(`${base}/api/trpc/events.onMapEvent?input=%7B%7D`, { signal: client.signal });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    const reader = response.body!.getReader();
    await hasSink;
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('event: connected\ndata: {}\n\n');
    // More than the socket takes at once while the client reads nothing: the sink says so, and drains once it reads.
    const big = encode(`data: ${'x'.repeat(4 * 1024 * 1024)}\n\n`);
    expect(sink!.write(big)).toBe(false);
    let isDrained = false;
    const drained = sink!.drained().then(() => (isDrained = true));
    expect(isDrained).toBe(false);
    let received = 0;
    while (received < big.length) received += (await reader.read()).value!.length;
    await drained;
    expect(received).toBe(big.length);
    client.abort();
    await expect(isCancelled).resolves.toBeUndefined();
  });
});
