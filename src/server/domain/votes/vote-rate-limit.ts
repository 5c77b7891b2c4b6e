import pg from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { DomainError } from '@/server/domain/errors';

/** Votes (casts and retractions) one user may make per window. */
export const VOTES_PER_MINUTE = 60;
const WINDOW_SECONDS = 60;
/** Shared with other limiters on rate-limiter-flexible's Postgres store; keys are prefixed per use. */
const TABLE_NAME = 'rate_limits';
const KEY_PREFIX = 'vote';

export interface VoteRateLimitDetails {
  retryAfterSeconds: number;
  limit: number;
}

/** Test and demo runs raise every limit by this factor (the e2e config sets it), never lower it. */
function multiplier(): number {
  const raw = Number(process.env.CRUX_RATE_LIMIT_MULTIPLIER ?? '1');
  return Number.isFinite(raw) && raw >= 1 ? Math.floor(raw) : 1;
}

interface LimiterHandle {
  databaseUrl: string;
  pool: pg.Pool;
  ready: Promise<RateLimiterPostgres>;
}

const globalForLimiter = globalThis as unknown as { cruxVoteLimiter?: LimiterHandle };

/**
 * Counters live in Postgres (rate-limiter-flexible's RateLimiterPostgres, one upsert per vote), so
 * the limit holds across app instances. The library creates its table on first use; the limiter
 * is only handed out once that has finished.
 */
function getLimiter(): Promise<RateLimiterPostgres> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is not set: start Crux with `npm start`, which provides one.');
  const existing = globalForLimiter.cruxVoteLimiter;
  if (existing && existing.databaseUrl === databaseUrl) return existing.ready;
  if (existing) void existing.pool.end().catch(() => {});

  const pool = new pg.Pool({ connectionString: databaseUrl, max: 3, allowExitOnIdle: true });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  const handle: LimiterHandle = {
    databaseUrl,
    pool,
    ready: new Promise<RateLimiterPostgres>((resolve, reject) => {
      const limiter: RateLimiterPostgres = new RateLimiterPostgres(
        {
          storeClient: pool,
          storeType: 'pool',
          tableName: TABLE_NAME,
          keyPrefix: KEY_PREFIX,
          points: VOTES_PER_MINUTE * multiplier(),
          duration: WINDOW_SECONDS,
        },
        (error?: unknown) =>
          error
            ? reject(error instanceof Error ? error : new Error('Could not create the vote rate-limit table.', { cause: error }))
            : resolve(limiter),
      );
    }),
  };
  handle.ready.catch(() => {
    // Try again on the next vote rather than failing forever (e.g. the database was restarting).
    if (globalForLimiter.cruxVoteLimiter === handle) globalForLimiter.cruxVoteLimiter = undefined;
    void pool.end().catch(() => {});
  });
  globalForLimiter.cruxVoteLimiter = handle;
  return handle.ready;
}

export function voteRateLimitMessage(retryAfterSeconds: number, limit = VOTES_PER_MINUTE * multiplier()): string {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return `You are voting too fast: at most ${limit} votes a minute. Try again in ${seconds} ${seconds === 1 ? 'second' : 'seconds'}.`;
}

/** Counts one vote against the user's per-minute budget; throws LIMIT with the wait when it is spent. */
export async function consumeVoteQuota(userId: string): Promise<void> {
  const limiter = await getLimiter();
  try {
    await limiter.consume(userId);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) {
      const retryAfterSeconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      const details: VoteRateLimitDetails = { retryAfterSeconds, limit: limiter.points };
      throw new DomainError('LIMIT', voteRateLimitMessage(retryAfterSeconds, limiter.points), details);
    }
    throw rejection;
  }
}
