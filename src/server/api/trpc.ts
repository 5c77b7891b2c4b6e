import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError, z } from 'zod';
import type { Db } from '@/server/db';
import type { Actor } from '@/server/access/actor';
import type { PendingSession } from '@/server/auth/request-session';
import { DomainError } from '@/server/domain/errors';
import { consumeRateLimit, rateLimitError, RATE_LIMITS, refundRateLimit } from '@/server/domain/rate-limit/rate-limit';
import { findUnsafeTextIn } from '@/shared/safe-text';
import { DOMAIN_TO_TRPC, errorReference } from './error-status';
import { isDatabaseUnavailable, RETRY_AFTER_UNAVAILABLE_SECONDS, UNAVAILABLE_MESSAGE } from './unavailable';
import { transformer } from './transformer';
import { acquireWriteSlot, WriteGateRefusal } from './write-gate';

export interface Context {
  db: Db;
  actor: Actor | null;
  /** The caller's server-side session (null for anonymous callers and server-side callers without one). */
  sessionId?: string | null;
  /** Identifies the client for anonymous rate limits: the socket's address (see api/client-address.ts). */
  ip: string;
  /**
   * A mutation's session, decoded but not yet checked against its row (api/context.ts): `actor` is null
   * until then. Checked before anything else reads the caller (`checkedSession`), except by the map
   * procedures that fold the check into their access query (meta `sessionInAccessQuery`, procedures.ts).
   */
  pendingSession?: PendingSession;
}

export interface Meta {
  /** The procedure checks `ctx.pendingSession` itself, in its access query. */
  sessionInAccessQuery?: boolean;
}

/** A zod failure as one sentence naming each bad field. */
function describeZodError(error: ZodError): string {
  return error.issues.map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message)).join(' ');
}

/**
 * Keepalive pings stop proxies from closing quiet streams; a client that hears nothing for 40 s
 * assumes the connection is dead and reconnects (resuming from its last event id). The map event
 * stream's own SSE route (map-events-sse.ts) uses the same.
 */
export const SSE_OPTIONS = { ping: { enabled: true, intervalMs: 15_000 }, client: { reconnectAfterInactivityMs: 40_000 } } as const;

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    // superjson's format (the client decodes with superjson), encoded fast: see transformer.ts.
    transformer,
    sse: SSE_OPTIONS,
    /**
     * The one place an unexpected error is turned into what a client sees: a reference, never the detail
     * (SQL, hosts, stack), which goes to the server log under the same reference.
     */
    errorFormatter({ shape, error, path }) {
      const zodError = error.cause instanceof ZodError ? error.cause : null;
      const domainError = error.cause instanceof DomainError ? error.cause : null;
      let message = shape.message;
      let details: unknown = domainError?.details ?? null;
      if (error.code === 'INTERNAL_SERVER_ERROR') {
        const reference = errorReference();
        console.error(`crux: error ${reference} in ${path ?? 'an unknown procedure'}:`, error.cause ?? error);
        message = `Something went wrong (reference ${reference}).`;
        details = { reference };
      } else if (error.code === 'SERVICE_UNAVAILABLE') {
        details = { retryAfterSeconds: RETRY_AFTER_UNAVAILABLE_SECONDS };
      }
      return {
        ...shape,
        message,
        data: {
          ...shape.data,
          stack: undefined,
          fieldErrors: zodError ? z.flattenError(zodError).fieldErrors : null,
          details,
        },
      };
    },
  });

/**
 * Turns the domain's errors, zod's input errors and an unavailable database into tRPC errors with
 * messages a user can act on, in one place (this runs around input parsing too, so server callers
 * see them as well).
 */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (cause instanceof DomainError) {
      throw new TRPCError({ code: DOMAIN_TO_TRPC[cause.code], message: cause.message, cause });
    }
    if (cause instanceof ZodError) {
      throw new TRPCError({ code: 'BAD_REQUEST', message: describeZodError(cause), cause });
    }
    if (cause instanceof WriteGateRefusal) {
      throw new TRPCError({ code: cause.reason === 'busy' ? 'TOO_MANY_REQUESTS' : 'SERVICE_UNAVAILABLE', message: cause.message, cause });
    }
    if (result.error.code === 'INTERNAL_SERVER_ERROR' && isDatabaseUnavailable(cause ?? result.error)) {
      const detail: unknown = (cause as { message?: unknown } | undefined)?.message ?? result.error.message;
      console.error('crux: database unavailable:', typeof detail === 'string' ? detail.split('\n').find((line) => line.trim()) : detail);
      throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: UNAVAILABLE_MESSAGE });
    }
  }
  return result;
});

/**
 * Text no procedure accepts — NUL, lone surrogates — anywhere in the input, refused with the field's
 * path before any schema or database sees it.
 */
const safeText = t.middleware(async ({ getRawInput, next }) => {
  const problem = findUnsafeTextIn(await getRawInput());
  if (problem) throw new TRPCError({ code: 'BAD_REQUEST', message: `${problem.path}: ${problem.problem}.` });
  return next();
});

/** Whether a procedure's result is its input failing the schema (then the attempt costs no quota). */
function isInputError(result: { ok: boolean; error?: TRPCError }): boolean {
  return !result.ok && result.error?.code === 'BAD_REQUEST' && result.error.cause instanceof ZodError;
}

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/** A pending session checked against its row, for every procedure that does not check it itself. */
const checkedSession = t.middleware(async ({ ctx, meta, next }) => {
  const pending = ctx.pendingSession;
  if (!pending || meta?.sessionInAccessQuery) return next();
  const actor = await pending.verify();
  return next({ ctx: { actor, sessionId: actor ? pending.sessionId : null, pendingSession: undefined } });
});

export const publicProcedure = t.procedure.use(domainErrors).use(checkedSession).use(safeText);

/**
 * Signed in; a mutation also holds one of its user's write slots — a few writes per user at a time (the
 * rest wait briefly), so one account cannot take the pool. It takes no write quota: `protectedProcedure`
 * adds it, and the map procedure builders (procedures.ts) fold it into their access query instead.
 */
export const signedInProcedure = publicProcedure.use(async ({ ctx, type, next, signal }) => {
  // A pending session here is checked by the procedure's access query; until then its claimed user id only
  // keys the write slot.
  const pending = ctx.pendingSession;
  const actor = ctx.actor ?? (pending ? { id: pending.userId, displayName: '', isGuest: false } : null);
  if (!actor) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in to do this.' });
  if (type !== 'mutation') return next({ ctx: { ...ctx, actor } });
  const release = await acquireWriteSlot(actor.id, signal);
  try {
    return await next({ ctx: { ...ctx, actor } });
  } finally {
    release();
  }
});

/** The per-user write quota of a mutation, counted in Postgres so the limit holds across instances. */
export const WRITE_QUOTA = RATE_LIMITS.writesPerUser;

export const protectedProcedure = signedInProcedure.use(async ({ ctx, type, next }) => {
  if (type !== 'mutation') return next();
  // Writes per user (429 + retry time). The point is taken before the input is parsed (one round trip,
  // no race) and given back when the input turns out invalid: only well-formed writes spend the quota.
  const state = await consumeRateLimit(ctx.db, WRITE_QUOTA, ctx.actor.id);
  if (!state.isAllowed) throw rateLimitError(WRITE_QUOTA, state);
  const result = await next();
  if (isInputError(result)) await refundRateLimit(ctx.db, WRITE_QUOTA, ctx.actor.id).catch(() => {});
  return result;
});
