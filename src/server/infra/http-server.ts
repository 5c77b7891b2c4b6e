import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { CLIENT_ADDRESS_HEADER, UNKNOWN_CLIENT_ADDRESS } from '../api/client-address';

/**
 * The HTTP server in front of Next.js (Next's custom-server API). Its one job beyond handing requests on:
 * tell the app who the client is, from the socket, in a header no client can set.
 */

const ADDRESS_PATTERN = /^[0-9a-fA-F:.]{2,45}$/;

function normalizeAddress(address: string | undefined): string | null {
  if (!address) return null;
  const trimmed = address.trim().replace(/^\[|\]$/g, '');
  if (!ADDRESS_PATTERN.test(trimmed)) return null;
  // An IPv4 client of a dual-stack socket appears as ::ffff:1.2.3.4.
  return trimmed.toLowerCase().startsWith('::ffff:') && trimmed.includes('.') ? trimmed.slice(7) : trimmed.toLowerCase();
}

/**
 * The client's address: the socket's peer, unless `trustProxyHops` reverse proxies stand in front, in
 * which case the address the outermost trusted proxy saw (each proxy appends its peer to
 * X-Forwarded-For, so it is `trustProxyHops` entries from the right). Entries to the left of that were
 * written by the client and are never believed. A malformed entry falls back to the nearest trusted one.
 */
export function clientAddressOf(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trustProxyHops: number,
): string {
  const socket = normalizeAddress(socketAddress) ?? UNKNOWN_CLIENT_ADDRESS;
  if (trustProxyHops <= 0) return socket;
  const joined = Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? '');
  const hops = joined
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean)
    .reverse();
  // Nearest first: the socket peer (the innermost proxy), then what each proxy appended.
  const chain = [socket, ...hops];
  for (let index = Math.min(trustProxyHops, chain.length - 1); index > 0; index -= 1) {
    const address = normalizeAddress(chain[index]);
    if (address) return address;
  }
  return socket;
}

/** Replaces whatever the client sent in the private header with the address from the socket. */
export function stampClientAddress(req: IncomingMessage, trustProxyHops: number): void {
  delete req.headers[CLIENT_ADDRESS_HEADER];
  req.headers[CLIENT_ADDRESS_HEADER] = clientAddressOf(req.socket.remoteAddress, req.headers['x-forwarded-for'], trustProxyHops);
}

/** Two years, subdomains included: what hstspreload.org asks for. */
export const STRICT_TRANSPORT_SECURITY = 'max-age=63072000; includeSubDomains';

export interface CruxServerOptions {
  trustProxyHops: number;
  /** The public URL is https: every response tells browsers to use https only (HSTS). */
  isHttps?: boolean;
  handle: (req: IncomingMessage, res: ServerResponse) => unknown;
  upgrade?: (req: IncomingMessage, socket: Duplex, head: Buffer) => unknown;
}

/** The HTTP server in front of Next.js: stamps each request with the client's address, then hands it on. */
export function createCruxServer(options: CruxServerOptions): http.Server {
  const server = http.createServer((req, res) => {
    stampClientAddress(req, options.trustProxyHops);
    if (options.isHttps) res.setHeader('Strict-Transport-Security', STRICT_TRANSPORT_SECURITY);
    Promise.resolve(options.handle(req, res)).catch((error: unknown) => {
      console.error('crux: request failed before reaching the app:', error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('Something went wrong.');
    });
  });
  if (options.upgrade) {
    const upgrade = options.upgrade;
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      stampClientAddress(req, options.trustProxyHops);
      void upgrade(req, socket, head);
    });
  }
  // Slow-loris bounds: a client must send its headers within 20 s and a whole request within 5 min.
  server.headersTimeout = 20_000;
  // An idle keep-alive connection is closed by the client or the proxy in front, not by us: a server that
  // closes first (Node's default is 5 s) races a client reusing the socket, whose request then fails with
  // ECONNRESET. Longer than the usual 60 s idle timeout of load balancers.
  server.keepAliveTimeout = 65_000;
  server.requestTimeout = 300_000;
  return server;
}
