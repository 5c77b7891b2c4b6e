import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { appRouter } from '@/server/api/root';
import { createRequestContext } from '@/server/api/context';

export const dynamic = 'force-dynamic';

function handler(request: Request) {
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req: request,
    router: appRouter,
    createContext: () => createRequestContext(request),
    // Mutations over GET would let a link or an <img> change state.
    allowMethodOverride: false,
    responseMeta({ errors }) {
      // Rate-limited callers learn when to retry, as HTTP clients expect.
      const retryAfter = errors
        .map((error) => (error.cause as { details?: { retryAfterSeconds?: number } } | undefined)?.details?.retryAfterSeconds)
        .find((seconds): seconds is number => typeof seconds === 'number');
      return retryAfter ? { headers: new Headers({ 'Retry-After': String(Math.ceil(retryAfter)) }) } : {};
    },
    onError({ error, path }) {
      if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`tRPC ${path ?? '?'} failed:`, error.cause ?? error);
    },
  });
}

export { handler as GET, handler as POST };
