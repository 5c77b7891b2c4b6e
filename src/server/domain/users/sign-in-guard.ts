import type { Db } from '@/server/db';

/**
 * Per-account protection for password sign-in, which a forged or rotated client address cannot
 * reset: every attempt on an email counts as a failure up front (so a parallel burst cannot slip
 * through before the first failure is recorded) and a success clears the count. The first
 * FREE_FAILURES are free; after that each failure blocks the email for twice as long as the one
 * before, capped at MAX_BLOCK_SECONDS — slow for a guesser, never a long lock-out for the owner.
 * Counts are kept for emails without an account too, so the answers do not reveal which exist;
 * a day without failures starts over.
 */
export const FREE_FAILURES = 5;
export const MAX_BLOCK_SECONDS = 15 * 60;
const FORGET_AFTER = "interval '24 hours'";

export interface SignInAttempt {
  isAllowed: boolean;
  /** Seconds until the next attempt is allowed (0 when allowed). */
  retryAfterSeconds: number;
}

/** Blocks after the n-th consecutive failure: 0 for the first few, then 1 s, 2 s, 4 s, … up to 15 min. */
export function blockSecondsAfter(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(MAX_BLOCK_SECONDS, 2 ** (failures - FREE_FAILURES));
}

export async function beginSignInAttempt(db: Db, email: string): Promise<SignInAttempt> {
  const rows = await db.$queryRawUnsafe<{ isCounted: boolean; secondsLeft: number }[]>(
    `WITH attempt AS (
       INSERT INTO "crux_sign_in_failure" AS f ("email", "failures", "lastFailureAt", "blockedUntil")
         VALUES ($1, 1, now(), now())
       ON CONFLICT ("email") DO UPDATE SET
         "failures" = CASE WHEN f."blockedUntil" > now() THEN f."failures"
                           WHEN f."lastFailureAt" < now() - ${FORGET_AFTER} THEN 1 ELSE f."failures" + 1 END,
         "lastFailureAt" = CASE WHEN f."blockedUntil" > now() THEN f."lastFailureAt" ELSE now() END,
         "blockedUntil" = CASE WHEN f."blockedUntil" > now() THEN f."blockedUntil"
                               WHEN f."lastFailureAt" < now() - ${FORGET_AFTER} THEN now()
                               ELSE now() + make_interval(secs => CASE WHEN f."failures" + 1 < $2::int THEN 0
                                 ELSE least($3::int, power(2, f."failures" + 1 - $2::int)) END) END
       RETURNING f."lastFailureAt" = now() AS "isCounted", extract(epoch FROM (f."blockedUntil" - now()))::float8 AS "secondsLeft"
     )
     SELECT * FROM attempt`,
    email,
    FREE_FAILURES,
    MAX_BLOCK_SECONDS,
  );
  const row = rows[0];
  if (Math.random() < 0.01) {
    void db.$executeRawUnsafe(`DELETE FROM "crux_sign_in_failure" WHERE "lastFailureAt" < now() - ${FORGET_AFTER}`).catch(() => {});
  }
  if (!row || row.isCounted) return { isAllowed: true, retryAfterSeconds: 0 };
  return { isAllowed: false, retryAfterSeconds: Math.max(1, Math.ceil(row.secondsLeft)) };
}

/** A correct password: the email's failures are forgotten. */
export async function clearSignInFailures(db: Db, email: string): Promise<void> {
  await db.$executeRawUnsafe(`DELETE FROM "crux_sign_in_failure" WHERE "email" = $1`, email);
}
