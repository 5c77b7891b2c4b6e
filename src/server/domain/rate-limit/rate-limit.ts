import type { Db } from '@/server/db';
import { DomainError } from '@/server/domain/errors';

/**
 * Fixed-window counters kept in Postgres, so a limit holds across every app instance that
 * serves one database. One atomic upsert per attempt: no read-then-write race, no extra pool.
 *
 * The table is created on first use rather than by a migration: it holds no domain data, can
 * be dropped at any time (every counter simply restarts), and stays out of the Prisma schema.
 */
export interface RateLimitRule {
  /** Prefix of the counter key; also names the limit in logs. */
  name: string;
  /** Attempts allowed per window (multiplied by CRUX_RATE_LIMIT_MULTIPLIER). */
  points: number;
  durationSeconds: number;
}

export const RATE_LIMITS = {
  /** Per email + IP: a password guesser is slowed without locking the owner out from elsewhere. */
  signInPerEmailIp: { name: 'sign-in:email-ip', points: 10, durationSeconds: 15 * 60 },
  /** Per IP across emails: credential stuffing. */
  signInPerIp: { name: 'sign-in:ip', points: 100, durationSeconds: 15 * 60 },
  signUpPerIp: { name: 'sign-up:ip', points: 20, durationSeconds: 60 * 60 },
  /** A class behind one school NAT creates many guests from one address: generous. */
  guestPerIp: { name: 'guest:ip', points: 120, durationSeconds: 60 * 60 },
  /**
   * Join-code attempts. Each attempt costs a point up front and a code that matches refunds it,
   * so a class typing correct codes never hits the limit while a guesser does.
   */
  joinCodePerIp: { name: 'join-code:ip', points: 20, durationSeconds: 10 * 60 },
  joinCodePerUser: { name: 'join-code:user', points: 10, durationSeconds: 10 * 60 },
  /** Across all callers: bounds guessing even by someone rotating addresses and guest accounts. */
  joinCodeGlobal: { name: 'join-code:all', points: 600, durationSeconds: 10 * 60 },
  /** Every mutation by one user. */
  writesPerUser: { name: 'writes:user', points: 300, durationSeconds: 60 },
} as const satisfies Record<string, RateLimitRule>;

export interface RateLimitState {
  isAllowed: boolean;
  /** Points consumed in the current window, including this attempt. */
  consumed: number;
  limit: number;
  /** Seconds until the window resets (at least 1). */
  retryAfterSeconds: number;
}

export interface RateLimitDetails {
  retryAfterSeconds: number;
  limit: string;
}

const TABLE = '"crux_rate_limit"';

/** Limits in tests and demos can be relaxed (e2e sets 50); never tightened below 1 point. */
export function rateLimitMultiplier(): number {
  const raw = Number(process.env.CRUX_RATE_LIMIT_MULTIPLIER ?? '1');
  return Number.isFinite(raw) && raw > 0 ? raw : 1;
}

export function effectiveLimit(rule: RateLimitRule): number {
  return Math.max(1, Math.ceil(rule.points * rateLimitMultiplier()));
}

const ensured = new WeakMap<Db, Promise<void>>();

function ensureTable(db: Db): Promise<void> {
  let promise = ensured.get(db);
  if (!promise) {
    promise = (async () => {
      try {
        await db.$executeRawUnsafe(
          `CREATE TABLE IF NOT EXISTS ${TABLE} ("key" text PRIMARY KEY, "points" integer NOT NULL, "expiresAt" timestamptz NOT NULL)`,
        );
      } catch (error) {
        // Two instances creating the table at once: Postgres may report the loser's duplicate
        // type even with IF NOT EXISTS. The table exists either way; anything else is real.
        const exists = await db.$queryRawUnsafe<{ ok: boolean }[]>(`SELECT to_regclass('crux_rate_limit') IS NOT NULL AS ok`);
        if (!exists[0]?.ok) throw error;
      }
    })();
    promise.catch(() => ensured.delete(db));
    ensured.set(db, promise);
  }
  return promise;
}

function counterKey(rule: RateLimitRule, key: string): string {
  return `${rule.name}:${key}`;
}

/** Adds `points` to the counter and reports whether the caller is still within the limit. */
export async function consumeRateLimit(db: Db, rule: RateLimitRule, key: string, points = 1): Promise<RateLimitState> {
  await ensureTable(db);
  const rows = await db.$queryRawUnsafe<{ points: number; secondsLeft: number }[]>(
    `INSERT INTO ${TABLE} AS c ("key", "points", "expiresAt")
       VALUES ($1, $2::int, now() + make_interval(secs => $3::float8))
     ON CONFLICT ("key") DO UPDATE SET
       "points" = CASE WHEN c."expiresAt" <= now() THEN EXCLUDED."points" ELSE c."points" + EXCLUDED."points" END,
       "expiresAt" = CASE WHEN c."expiresAt" <= now() THEN EXCLUDED."expiresAt" ELSE c."expiresAt" END
     RETURNING c."points", extract(epoch FROM (c."expiresAt" - now()))::float8 AS "secondsLeft"`,
    counterKey(rule, key),
    points,
    rule.durationSeconds,
  );
  const row = rows[0];
  const limit = effectiveLimit(rule);
  const consumed = row?.points ?? points;
  // Expired counters are swept now and then, by whichever request happens to pass.
  if (Math.random() < 0.01) void db.$executeRawUnsafe(`DELETE FROM ${TABLE} WHERE "expiresAt" < now()`).catch(() => {});
  return {
    isAllowed: consumed <= limit,
    consumed,
    limit,
    retryAfterSeconds: Math.max(1, Math.ceil(row?.secondsLeft ?? rule.durationSeconds)),
  };
}

/** Gives a point back (an attempt that turned out legitimate, such as a code that matched). */
export async function refundRateLimit(db: Db, rule: RateLimitRule, key: string, points = 1): Promise<void> {
  await ensureTable(db);
  await db.$executeRawUnsafe(
    `UPDATE ${TABLE} SET "points" = GREATEST(0, "points" - $2::int) WHERE "key" = $1 AND "expiresAt" > now()`,
    counterKey(rule, key),
    points,
  );
}

/** Forgets a counter (tests; an administrator unblocking someone). */
export async function resetRateLimit(db: Db, rule: RateLimitRule, key: string): Promise<void> {
  await ensureTable(db);
  await db.$executeRawUnsafe(`DELETE FROM ${TABLE} WHERE "key" = $1`, counterKey(rule, key));
}

export function tooManyAttemptsMessage(retryAfterSeconds: number): string {
  return `Too many attempts; try again in ${formatWait(retryAfterSeconds)}.`;
}

function formatWait(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  return `${Math.ceil(seconds / 60)} min`;
}

export function rateLimitError(rule: RateLimitRule, state: RateLimitState): DomainError<RateLimitDetails> {
  return new DomainError('LIMIT', tooManyAttemptsMessage(state.retryAfterSeconds), {
    retryAfterSeconds: state.retryAfterSeconds,
    limit: rule.name,
  });
}

/** Consumes a point and throws a LIMIT DomainError (tRPC: TOO_MANY_REQUESTS, HTTP 429) when over. */
export async function enforceRateLimit(db: Db, rule: RateLimitRule, key: string): Promise<void> {
  const state = await consumeRateLimit(db, rule, key);
  if (!state.isAllowed) throw rateLimitError(rule, state);
}

/**
 * The client's address for per-IP limits. Next.js fills X-Forwarded-For with the socket address
 * only when the request has none, so a direct client can choose its own value: per-IP limits are
 * then a courtesy, and the per-user and global limits are what bound abuse. Behind a proxy the
 * operator declares (CRUX_TRUST_PROXY=1), the last hop — the one that proxy appended — is used.
 */
export function clientIpFromHeaders(headers: Record<string, unknown> | Headers | undefined): string {
  let forwarded: unknown;
  if (headers instanceof Headers) forwarded = headers.get('x-forwarded-for');
  else if (headers) forwarded = headers['x-forwarded-for'];
  const value = Array.isArray(forwarded) ? forwarded.join(',') : forwarded;
  const hops = typeof value === 'string' ? value.split(',').map((hop) => hop.trim()).filter(Boolean) : [];
  const hop = process.env.CRUX_TRUST_PROXY === '1' ? hops.at(-1) : hops[0];
  return hop ?? 'local';
}
