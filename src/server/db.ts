import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/generated/prisma/client';

export type Db = PrismaClient;

interface ClientOptions {
  /** Called for every SQL statement (tests count queries with it). */
  onQuery?: () => void;
}

/**
 * Bounds that turn an overloaded or stalled database into a quick, clear 503 (see
 * server/api/unavailable.ts) instead of requests that hang or pile up: waiting for a pooled
 * connection, and any one statement, are limited in time. The server-side statement_timeout ends
 * runaway queries; the client-side query_timeout also covers a server that stopped answering.
 */
export const POOL_LIMITS = {
  max: 10,
  connectionTimeoutMillis: 5_000,
  idleTimeoutMillis: 30_000,
  statement_timeout: 15_000,
  query_timeout: 20_000,
} as const;

export function createPrismaClient(databaseUrl: string, options: ClientOptions = {}): PrismaClient {
  const adapter = new PrismaPg(
    { connectionString: databaseUrl, ...POOL_LIMITS },
    // A connection that dies with the server is dropped by the pool; the next request opens a new one.
    { onPoolError: (error) => console.error(`crux: database connection lost (${error.message.split('\n')[0]})`) },
  );
  if (!options.onQuery) return new PrismaClient({ adapter });
  const client = new PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] });
  client.$on('query', options.onQuery);
  return client;
}

const globalForPrisma = globalThis as unknown as { cruxPrisma?: PrismaClient };

/**
 * The process-wide Prisma client, created on first use so that importing this module (as
 * `next build` does) needs no database. DATABASE_URL is set by the launcher (scripts/start.ts)
 * or by the operator.
 */
export function getDb(): PrismaClient {
  if (!globalForPrisma.cruxPrisma) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set: start Crux with `npm start`, which provides one.');
    globalForPrisma.cruxPrisma = createPrismaClient(url);
  }
  return globalForPrisma.cruxPrisma;
}
