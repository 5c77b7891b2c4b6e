/**
 * The private request header that carries the client's address from the HTTP server to the app.
 * Next.js's App Router does not expose the socket, so the server in front of it
 * (src/server/infra/http-server.ts, run by scripts/serve.ts) deletes any copy a client sent and sets
 * it from the socket itself. X-Forwarded-For is read only there, and only with CRUX_TRUST_PROXY.
 */
export const CLIENT_ADDRESS_HEADER = 'x-crux-client-address';

/** When no server set the header (e.g. plain `next start`): every client shares one bucket. */
export const UNKNOWN_CLIENT_ADDRESS = 'unknown';

/** The client's address for per-address limits, from a fetch Request's headers or a plain header object. */
export function clientAddressFromHeaders(headers: Headers | Record<string, unknown> | undefined): string {
  const value = headers instanceof Headers ? headers.get(CLIENT_ADDRESS_HEADER) : headers?.[CLIENT_ADDRESS_HEADER];
  const address = Array.isArray(value) ? value[0] : value;
  return typeof address === 'string' && address.length > 0 && address.length <= 64 ? address : UNKNOWN_CLIENT_ADDRESS;
}
