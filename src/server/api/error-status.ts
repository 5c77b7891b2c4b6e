import crypto from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { DomainError, type DomainErrorCode } from '@/server/domain/errors';
import { isDatabaseUnavailable, RETRY_AFTER_UNAVAILABLE_SECONDS, UNAVAILABLE_MESSAGE } from './unavailable';

/**
 * The one table from a domain error's code to what a transport answers: the tRPC code for procedures
 * (src/server/api/trpc.ts), and through tRPC's own code-to-status rule the HTTP status for route
 * handlers (httpStatusOf), so a route handler and a procedure always answer a refusal alike.
 */
export const DOMAIN_TO_TRPC = {
  NOT_FOUND: 'NOT_FOUND',
  FORBIDDEN: 'FORBIDDEN',
  UNAUTHORIZED: 'UNAUTHORIZED',
  CONFLICT: 'CONFLICT',
  INVALID: 'BAD_REQUEST',
  LIMIT: 'TOO_MANY_REQUESTS',
} as const satisfies Record<DomainErrorCode, TRPCError['code']>;

/** The HTTP status a domain error answers with (the one tRPC sends for the same error). */
export function httpStatusOf(code: DomainErrorCode): number {
  return getHTTPStatusCodeFromError(new TRPCError({ code: DOMAIN_TO_TRPC[code] }));
}

/** A short code a user can quote and an operator can find in the log. */
export function errorReference(): string {
  return crypto.randomBytes(4).toString('hex').toUpperCase();
}

/** A JSON error a route handler answers with; never cached. */
export function jsonErrorResponse(status: number, message: string, headers: Record<string, string> = {}): Response {
  return Response.json({ error: message }, { status, headers: { 'Cache-Control': 'no-store', ...headers } });
}

/**
 * What a route handler answers for an error thrown while serving `what`: a domain error with its status
 * (and Retry-After for limits), 503 for an unavailable database, otherwise 500 with a reference whose
 * detail goes only to the server log.
 */
export function httpErrorResponse(error: unknown, what: string): Response {
  if (error instanceof DomainError) {
    const retryAfter = (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
    return jsonErrorResponse(httpStatusOf(error.code), error.message, retryAfter ? { 'Retry-After': String(retryAfter) } : {});
  }
  if (isDatabaseUnavailable(error)) {
    return jsonErrorResponse(503, UNAVAILABLE_MESSAGE, { 'Retry-After': String(RETRY_AFTER_UNAVAILABLE_SECONDS) });
  }
  const reference = errorReference();
  console.error(`crux: error ${reference} ${what}:`, error);
  return jsonErrorResponse(500, `Something went wrong (reference ${reference}).`);
}
