import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/generated/prisma/client';

export type Db = PrismaClient;

interface ClientOptions {
  /** Called for every SQL statement (tests count queries with it). */
  onQuery?: () => void;
}

export function createPrismaClient(databaseUrl: string, options: ClientOptions = {}): PrismaClient {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: 10 });
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
