import { Prisma } from '@/generated/prisma/client';
import type { Db } from '@/server/db';
import { DomainError } from '@/server/domain/errors';
import { hardeningConfig } from '@/server/infra/hardening-config';

/**
 * Fixed-window counters kept in Postgres, so a limit holds across every app instance that
 * serves one database. One atomic upsert per attempt: no read-then-write race, no extra pool.
 *
 * The table (`crux_rate_limit`, model RateLimitCounter) is created by a migration; it holds no domain
 * data, so any row may be deleted at any time and that counter simply restarts. Keys that name a
 * client address get it from the request context (the socket's address, see server/infra/http-server).
 */
export interface RateLimitRule {
  /** Prefix of the counter key; also names the limit in logs. */
  name: string;
  /** Attempts allowed per window (multiplied by CRUX_RATE_LIMIT_MULTIPLIER). */
  points: number;
  durationSeconds: number;
}

export const RATE_LIMITS = {
  /** Per address across emails: credential stuffing. (Per account: the back-off in domain/users/sign-in-guard.ts.) */
  signInPerIp: { name: 'sign-in:ip', points: 100, durationSeconds: 15 * 60 },
  signUpPerIp: { name: 'sign-up:ip', points: 20, durationSeconds: 60 * 60 },
  /** A class behind one school NAT creates many guests from one address: generous. */
  guestPerIp: { name: 'guest:ip', points: 120, durationSeconds: 60 * 60 },
  /**
   * Join-code misses (a code that matches no link). Only misses count, so a correct code always works;
   * per address and per user they also stop that guesser's further attempts, and across all callers
   * they bound guessing by someone with many addresses (refusing only further misses).
   */
  joinCodeMissPerIp: { name: 'join-code-miss:ip', points: 50, durationSeconds: 10 * 60 },
  joinCodeMissPerUser: { name: 'join-code-miss:user', points: 20, durationSeconds: 10 * 60 },
  joinCodeMissGlobal: { name: 'join-code-miss:all', points: 600, durationSeconds: 10 * 60 },
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
  return hardeningConfig().rateLimitMultiplier;
}

export function effectiveLimit(rule: RateLimitRule): number {
  return Math.max(1, Math.ceil(rule.points * rateLimitMultiplier()));
}

function counterKey(rule: RateLimitRule, key: string): string {
  return `${rule.name}:${key}`;
}

/**
 * The statement that adds `points` to a counter (one atomic upsert; an expired window restarts), returning
 * the window's points and seconds left. `consumeRateLimit` runs it alone; the write procedures fold it into
 * their access query (`requireRoleOn`'s `charge`), so a write's quota costs no round trip of its own.
 */
export function rateLimitUpsert(rule: RateLimitRule, key: string, points = 1, onlyIf: Prisma.Sql = Prisma.sql`true`): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "crux_rate_limit" AS c ("key", "points", "expiresAt")
      SELECT ${counterKey(rule, key)}, ${points}::int, now() + make_interval(secs => ${rule.durationSeconds}::float8) WHERE ${onlyIf}
    ON CONFLICT ("key") DO UPDATE SET
      "points" = CASE WHEN c."expiresAt" <= now() THEN EXCLUDED."points" ELSE c."points" + EXCLUDED."points" END,
      "expiresAt" = CASE WHEN c."expiresAt" <= now() THEN EXCLUDED."expiresAt" ELSE c."expiresAt" END
    RETURNING c."points", extract(epoch FROM (c."expiresAt" - now()))::float8 AS "secondsLeft"`;
}

/** The state of a counter from what `rateLimitUpsert` returned. */
export function rateLimitStateOf(
  rule: RateLimitRule,
  row: { points: number; secondsLeft: number } | undefined,
  points = 1,
): RateLimitState {
  const limit = effectiveLimit(rule);
  const consumed = row?.points ?? points;
  return {
    isAllowed: consumed <= limit,
    consumed,
    limit,
    retryAfterSeconds: Math.max(1, Math.ceil(row?.secondsLeft ?? rule.durationSeconds)),
  };
}

/** Expired counters are swept now and then, by whichever request happens to pass. */
export function sweepExpiredRateLimits(db: Db): void {
  if (Math.random() < 0.01) void db.$executeRawUnsafe(`DELETE FROM ${TABLE} WHERE "expiresAt" < now()`).catch(() => {});
}

/** Adds `points` to the counter and reports whether the caller is still within the limit. */
export async function consumeRateLimit(db: Db, rule: RateLimitRule, key: string, points = 1): Promise<RateLimitState> {
  const rows = await db.$queryRaw<{ points: number; secondsLeft: number }[]>(rateLimitUpsert(rule, key, points));
  sweepExpiredRateLimits(db);
  return rateLimitStateOf(rule, rows[0], points);
}

/**
 * The current state of several counters without adding to them (one query): lets a caller who is
 * already over a limit be refused before anything is looked up.
 */
export async function peekRateLimits(db: Db, counters: readonly (readonly [RateLimitRule, string])[]): Promise<RateLimitState[]> {
  const keys = counters.map(([rule, key]) => counterKey(rule, key));
  const rows = await db.$queryRawUnsafe<{ key: string; points: number; secondsLeft: number }[]>(
    `SELECT "key", "points", extract(epoch FROM ("expiresAt" - now()))::float8 AS "secondsLeft"
       FROM ${TABLE} WHERE "key" = ANY($1::text[]) AND "expiresAt" > now()`,
    keys,
  );
  const byKey = new Map(rows.map((row) => [row.key, row]));
  return counters.map(([rule], index) => {
    const row = byKey.get(keys[index]!);
    const limit = effectiveLimit(rule);
    const consumed = row?.points ?? 0;
    return {
      isAllowed: consumed < limit,
      consumed,
      limit,
      retryAfterSeconds: Math.max(1, Math.ceil(row?.secondsLeft ?? rule.durationSeconds)),
    };
  });
}

/** Gives a point back (an attempt that turned out legitimate, such as a code that matched). */
export async function refundRateLimit(db: Db, rule: RateLimitRule, key: string, points = 1): Promise<void> {
  await db.$executeRawUnsafe(
    `UPDATE ${TABLE} SET "points" = GREATEST(0, "points" - $2::int) WHERE "key" = $1 AND "expiresAt" > now()`,
    counterKey(rule, key),
    points,
  );
}

/** Forgets a counter (tests; an administrator unblocking someone). */
export async function resetRateLimit(db: Db, rule: RateLimitRule, key: string): Promise<void> {
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
