import type { Db } from '@/server/db';
import { DomainError } from '@/server/domain/errors';
import { consumeRateLimit, type RateLimitRule } from '@/server/domain/rate-limit/rate-limit';

/** Votes (casts and retractions) one user may make per minute. */
export const VOTES_PER_MINUTE = 60;

export const VOTE_RATE_LIMIT: RateLimitRule = { name: 'votes:user', points: VOTES_PER_MINUTE, durationSeconds: 60 };

export interface VoteRateLimitDetails {
  retryAfterSeconds: number;
  limit: number;
}

export function voteRateLimitMessage(retryAfterSeconds: number, limit: number): string {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return `You are voting too fast: at most ${limit} votes a minute. Try again in ${seconds} ${seconds === 1 ? 'second' : 'seconds'}.`;
}

/**
 * Counts one vote against the user's per-minute budget (kept in Postgres by the shared limiter, so
 * it holds across app instances); throws LIMIT with the wait when the budget is spent.
 */
export async function consumeVoteQuota(db: Db, userId: string): Promise<void> {
  const state = await consumeRateLimit(db, VOTE_RATE_LIMIT, userId);
  if (state.isAllowed) return;
  const details: VoteRateLimitDetails = { retryAfterSeconds: state.retryAfterSeconds, limit: state.limit };
  throw new DomainError('LIMIT', voteRateLimitMessage(state.retryAfterSeconds, state.limit), details);
}
