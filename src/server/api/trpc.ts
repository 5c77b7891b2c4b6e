import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { ZodError, z } from 'zod';
import type { Db } from '@/server/db';
import type { Actor } from '@/server/access/actor';
import { DomainError, type DomainErrorCode } from '@/server/domain/errors';
import { enforceRateLimit, RATE_LIMITS } from '@/server/domain/rate-limit/rate-limit';

export interface Context {
  db: Db;
  actor: Actor | null;
  /** Identifies the client for anonymous rate limits. */
  ip: string;
}

const DOMAIN_TO_TRPC: Record<DomainErrorCode, TRPCError['code']> = {
  NOT_FOUND: 'NOT_FOUND',
  FORBIDDEN: 'FORBIDDEN',
  UNAUTHORIZED: 'UNAUTHORIZED',
  CONFLICT: 'CONFLICT',
  INVALID: 'BAD_REQUEST',
  LIMIT: 'TOO_MANY_REQUESTS',
};

/** A zod failure as one sentence naming each bad field. */
function describeZodError(error: ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join(' ');
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  // Keepalive pings stop proxies from closing quiet streams; a client that hears nothing for 40 s
  // assumes the connection is dead and reconnects (resuming from its last event id).
  sse: { ping: { enabled: true, intervalMs: 15_000 }, client: { reconnectAfterInactivityMs: 40_000 } },
  errorFormatter({ shape, error }) {
    const zodError = error.cause instanceof ZodError ? error.cause : null;
    const domainError = error.cause instanceof DomainError ? error.cause : null;
    return {
      ...shape,
      data: {
        ...shape.data,
        stack: undefined,
        fieldErrors: zodError ? z.flattenError(zodError).fieldErrors : null,
        details: domainError?.details ?? null,
      },
    };
  },
});

/**
 * Turns the domain's errors, and zod's input errors, into tRPC errors with messages a user can
 * act on, in one place (this runs around input parsing too, so server callers see them as well).
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
  }
  return result;
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

export const publicProcedure = t.procedure.use(domainErrors);

export const protectedProcedure = publicProcedure.use(async ({ ctx, type, next }) => {
  if (!ctx.actor) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in to do this.' });
  // Writes per user, counted in Postgres so the limit holds across instances (429 + retry time).
  if (type === 'mutation') await enforceRateLimit(ctx.db, RATE_LIMITS.writesPerUser, ctx.actor.id);
  return next({ ctx: { ...ctx, actor: ctx.actor } });
});
