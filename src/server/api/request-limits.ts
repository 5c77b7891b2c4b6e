/**
 * What a tRPC request may be before anything parses it: JSON only for POST (an HTML form can send
 * multipart/form-data or text/plain cross-site; JSON needs a CORS preflight), a body-size cap per
 * procedure, a maximum batch size, and text that is valid UTF-8. Used by the route handler.
 */
import type { TRPCError } from '@trpc/server';
import { RETRY_AFTER_UNAVAILABLE_SECONDS } from './unavailable';

export const MAX_BATCH_SIZE = 50;
export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;
const MB = 1024 * 1024;

/** Procedures whose input is legitimately larger; only signed-in callers may send more than the default. */
export const BODY_LIMIT_BYTES: Record<string, number> = {
  // A 50 MB backup inside a JSON string, escaped.
  'map.import': 64 * MB,
  // A 2 M-character source text, as UTF-8 and JSON-escaped.
  'source.create': 8 * MB,
  'source.update': 8 * MB,
};

/** Large bodies read at once in this process; more wait for a 503 and a retry. */
export const MAX_CONCURRENT_LARGE_BODIES = 2;

export function bodyLimitFor(paths: string[]): number {
  return Math.max(DEFAULT_BODY_LIMIT_BYTES, ...paths.map((path) => BODY_LIMIT_BYTES[path] ?? DEFAULT_BODY_LIMIT_BYTES));
}

/** The procedure paths a tRPC URL names (`/api/trpc/a.b,c.d?batch=1`). */
export function procedurePaths(url: URL, endpoint: string): string[] {
  const rest = url.pathname.slice(endpoint.length).replace(/^\//, '');
  let decoded = rest;
  try {
    decoded = decodeURIComponent(rest);
  } catch {
    // Left as is: tRPC answers an unknown path itself.
  }
  return url.searchParams.get('batch') === '1' ? decoded.split(',') : [decoded];
}

export function isJsonContentType(value: string | null): boolean {
  return (value ?? '').split(';', 1)[0]!.trim().toLowerCase() === 'application/json';
}

export class BodyTooLarge extends Error {}

/**
 * Reads a request body as UTF-8 text, stopping (without reading further) as soon as it passes
 * `limit` bytes. Invalid UTF-8 is an error, never silently replaced.
 */
export async function readBodyText(body: ReadableStream<Uint8Array> | null, limit: number): Promise<string> {
  if (!body) return '';
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new BodyTooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/** Whether a GET's `input` parameter decodes to valid UTF-8 (URLSearchParams would silently replace bad bytes). */
export function isQueryInputValidUtf8(url: URL): boolean {
  const raw = url.search
    .slice(1)
    .split('&')
    .find((part) => part.startsWith('input='));
  if (!raw) return true;
  try {
    decodeURIComponent(raw.slice('input='.length).replace(/\+/g, ' '));
    return true;
  } catch {
    return false;
  }
}

export function formatBytes(bytes: number): string {
  return bytes >= MB ? `${Math.round(bytes / MB)} MB` : `${Math.round(bytes / 1024)} KB`;
}

/**
 * Headers of every tRPC response: never cached (answers are per user), and a Retry-After when the
 * caller was rate-limited or the database was unavailable, as HTTP clients expect.
 */
export function trpcResponseMeta({ errors }: { errors: TRPCError[] }): { headers: Headers } {
  const headers = new Headers({ 'Cache-Control': 'private, no-store' });
  const retryAfter = errors
    .map((error) =>
      error.code === 'SERVICE_UNAVAILABLE'
        ? RETRY_AFTER_UNAVAILABLE_SECONDS
        : (error.cause as { details?: { retryAfterSeconds?: number } } | undefined)?.details?.retryAfterSeconds,
    )
    .find((seconds): seconds is number => typeof seconds === 'number');
  if (retryAfter) headers.set('Retry-After', String(Math.ceil(retryAfter)));
  return { headers };
}
