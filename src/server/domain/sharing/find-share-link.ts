import type { Prisma } from '@/generated/prisma/client';
import type { Db } from '@/server/db';
import type { VisitorContext } from '@/server/domain/context';
import { DomainError } from '@/server/domain/errors';
import {
  consumeRateLimit,
  peekRateLimits,
  rateLimitError,
  RATE_LIMITS,
  type RateLimitRule,
  type RateLimitState,
} from '@/server/domain/rate-limit/rate-limit';
import { isWellFormedJoinCode, JOIN_CODE_ALPHABET, normalizeJoinCode, type TShareLookupInput } from '@/shared/schemas/share';

export const foundShareLinkSelect = {
  id: true,
  mapId: true,
  role: true,
  expiresAt: true,
  revokedAt: true,
  maxUses: true,
  useCount: true,
  map: { select: { title: true, visibility: true } },
} satisfies Prisma.ShareLinkSelect;

export type FoundShareLink = Prisma.ShareLinkGetPayload<{ select: typeof foundShareLinkSelect }>;

/** Who looks a link up: share lookups are rate-limited per address, so the address is required. */
export type Requester = VisitorContext & { ip: string };

function refuseFirst(
  counters: readonly (readonly [RateLimitRule, string])[],
  states: RateLimitState[],
  isOver: (state: RateLimitState) => boolean,
) {
  const refused = states
    .map((state, index) => ({ state, rule: counters[index]![0] }))
    .filter(({ state }) => isOver(state))
    .sort((a, b) => b.state.retryAfterSeconds - a.state.retryAfterSeconds)[0];
  if (refused) throw rateLimitError(refused.rule, refused.state);
}

/**
 * The link a token or a typed code names, or null. Tokens carry 256 bits and need no limit; codes
 * carry about 30, so guessing is bounded — by counting misses only, so a correct, active code always
 * works however many wrong ones others send:
 *  - an address or user with too many recent misses is refused before the lookup (the guesser, not
 *    the class: everyone else's counters are untouched);
 *  - a code that matches is returned without counting anything;
 *  - a miss counts per address, per user and across all callers; past the global bound further misses
 *    are refused (429) while matching codes still work.
 */
export async function findShareLink(db: Db, requester: Requester, lookup: TShareLookupInput): Promise<FoundShareLink | null> {
  if ('token' in lookup) {
    return db.shareLink.findUnique({ where: { token: lookup.token }, select: foundShareLinkSelect });
  }
  const code = normalizeJoinCode(lookup.code);
  if (!isWellFormedJoinCode(code)) {
    throw new DomainError(
      'INVALID',
      `A join code has 6 characters from ${JOIN_CODE_ALPHABET.length} letters and digits (never 0, 1, I, L or O).`,
    );
  }
  const own: [RateLimitRule, string][] = [[RATE_LIMITS.joinCodeMissPerIp, requester.ip]];
  if (requester.actor) own.push([RATE_LIMITS.joinCodeMissPerUser, requester.actor.id]);
  const [states, link] = await Promise.all([
    peekRateLimits(db, own),
    db.shareLink.findUnique({ where: { code }, select: foundShareLinkSelect }),
  ]);
  refuseFirst(own, states, (state) => !state.isAllowed);
  if (link) return link;

  const misses: [RateLimitRule, string][] = [...own, [RATE_LIMITS.joinCodeMissGlobal, 'all']];
  const counted = await Promise.all(misses.map(([rule, key]) => consumeRateLimit(db, rule, key)));
  refuseFirst(misses, counted, (state) => !state.isAllowed);
  return null;
}
