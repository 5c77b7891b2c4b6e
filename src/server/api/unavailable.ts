/**
 * Errors that mean "the database is overloaded, stalled or restarting", not "this request is wrong":
 * they answer 503 with Retry-After instead of a 500, and carry no host, port or SQL to the client.
 */
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2028']);
// SQLSTATE: statement timeout / cancel, admin shutdown, cannot connect now, too many connections, connection exceptions.
const SQL_STATES = /^(57014|57P01|57P02|57P03|53300|08\d\d\d)$/;
const MESSAGES = new RegExp(
  [
    'timeout exceeded when trying to connect',
    'Connection terminated',
    'ECONNREFUSED',
    'ECONNRESET',
    'Query read timeout',
    "Can't reach database",
    'Unable to start a transaction',
    'Transaction already closed',
    'terminating connection',
    // pg's client after its socket died mid-query (the database was killed): the pool replaces it.
    'Client has encountered a connection error and is not queryable',
    'the database system is (starting up|shutting down|not yet accepting connections|in recovery mode)',
  ].join('|'),
  'i',
);
// Prisma quotes the driver's SQLSTATE in its message ("Database error. Code: `57P03`").
const QUOTED_SQL_STATE = /Code: `([0-9A-Z]{5})`/;

export const RETRY_AFTER_UNAVAILABLE_SECONDS = 2;

export const UNAVAILABLE_MESSAGE = 'Crux is busy or its database is restarting; try again in a few seconds.';

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 6; depth += 1) {
    const candidate = current as { code?: unknown; message?: unknown; cause?: unknown; originalCode?: unknown; kind?: unknown };
    if (typeof candidate.code === 'string' && (PRISMA_CODES.has(candidate.code) || SQL_STATES.test(candidate.code))) return true;
    if (typeof candidate.originalCode === 'string' && SQL_STATES.test(candidate.originalCode)) return true;
    if (typeof candidate.message === 'string') {
      if (MESSAGES.test(candidate.message)) return true;
      const quoted = QUOTED_SQL_STATE.exec(candidate.message)?.[1];
      if (quoted && SQL_STATES.test(quoted)) return true;
    }
    const meta = (current as { meta?: { driverAdapterError?: unknown } }).meta;
    current = candidate.cause ?? meta?.driverAdapterError;
  }
  return false;
}
