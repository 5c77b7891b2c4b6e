import { PrismaPg } from '@prisma/adapter-pg';
import { createHash } from 'node:crypto';
import pg from 'pg';
import { PrismaClient, type Prisma } from '@/generated/prisma/client';

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

const statementNames = new Map<string, string>();

/**
 * A prepared statement per distinct text: each connection parses and plans it once, not on every call. The
 * name is the text's hash, so every copy of this module (Next's bundle, the Node server's) names a text
 * alike on the connections they share.
 */
function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) statementNames.set(text, (name = `crux_${createHash('sha256').update(text).digest('hex').slice(0, 32)}`));
  return name;
}

/**
 * The pool under each client, for `rawQuery`; a transaction client has none and goes through Prisma. Kept on
 * globalThis as the client is (getDb): Next's bundle and the Node server's modules share one client.
 */
const globalForPools = globalThis as unknown as { cruxRawPools?: WeakMap<object, { pool: pg.Pool; onQuery?: () => void }> };
const poolOfClient = (globalForPools.cruxRawPools ??= new WeakMap());

export function createPrismaClient(databaseUrl: string, options: ClientOptions = {}): PrismaClient {
  const pool = new pg.Pool({ connectionString: databaseUrl, ...POOL_LIMITS });
  const adapter = new PrismaPg(pool, {
    // The client's $disconnect ends the pool it was given.
    disposeExternalPool: true,
    // A connection that dies with the server is dropped by the pool; the next request opens a new one.
    onPoolError: (error) => console.error(`crux: database connection lost (${error.message.split('\n')[0]})`),
  });
  const client: PrismaClient = options.onQuery ? countingClient(adapter, options.onQuery) : new PrismaClient({ adapter });
  poolOfClient.set(client, { pool, onQuery: options.onQuery });
  return client;
}

function countingClient(adapter: PrismaPg, onQuery: () => void) {
  const client = new PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] });
  client.$on('query', onQuery);
  return client;
}

/**
 * A raw statement straight on the client's pg pool: the few statements on every write's path (the access
 * query, the one-statement write) skip Prisma's per-query work, which is about as long again as the
 * statement on a loopback connection. Rows come back as pg gives them: cast in the SQL what must arrive
 * as a number (int4, float8) or text; int8 and numeric arrive as strings. Inside a transaction (no
 * pool of its own) it runs through Prisma as any other raw query.
 */
export async function rawQuery<TRow>(db: PrismaClient | Prisma.TransactionClient, sql: Prisma.Sql): Promise<TRow[]> {
  const raw = poolOfClient.get(db);
  if (!raw) return db.$queryRaw<TRow[]>(sql);
  raw.onQuery?.();
  const result = await raw.pool.query<TRow & pg.QueryResultRow>({ name: statementName(sql.text), text: sql.text, values: sql.values });
  return result.rows;
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
