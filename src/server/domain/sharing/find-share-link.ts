import type { Prisma } from '@/generated/prisma/client';
import type { Db } from '@/server/db';
import type { Actor } from '@/server/access/actor';
import { DomainError } from '@/server/domain/errors';
import { consumeRateLimit, rateLimitError, refundRateLimit, RATE_LIMITS, type RateLimitRule } from '@/server/domain/rate-limit/rate-limit';
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

export interface Requester {
  actor: Actor | null;
  ip: string;
}

/**
 * The link a token or a typed code names, or null. Tokens carry 256 bits and need no limit;
 * codes carry about 30, so every code attempt costs a point per IP, per user and globally up
 * front (a burst of parallel guesses cannot slip through), and a code that matches gives the
 * points back: only misses accumulate.
 */
export async function findShareLink(db: Db, lookup: TShareLookupInput, requester: Requester): Promise<FoundShareLink | null> {
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
  const counters: [RateLimitRule, string][] = [
    [RATE_LIMITS.joinCodePerIp, requester.ip],
    [RATE_LIMITS.joinCodeGlobal, 'all'],
  ];
  if (requester.actor) counters.push([RATE_LIMITS.joinCodePerUser, requester.actor.id]);
  const states = await Promise.all(counters.map(([rule, key]) => consumeRateLimit(db, rule, key)));
  const refused = states
    .map((state, index) => ({ state, rule: counters[index]![0] }))
    .filter(({ state }) => !state.isAllowed)
    .sort((a, b) => b.state.retryAfterSeconds - a.state.retryAfterSeconds)[0];
  if (refused) throw rateLimitError(refused.rule, refused.state);

  const link = await db.shareLink.findUnique({ where: { code }, select: foundShareLinkSelect });
  if (link) await Promise.all(counters.map(([rule, key]) => refundRateLimit(db, rule, key)));
  return link;
}
