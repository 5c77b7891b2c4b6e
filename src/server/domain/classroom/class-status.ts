import type { Db } from '@/server/db';
import type { ReadContext } from '@/server/domain/context';
import type { MapRoleName } from '@/shared/roles';

export interface ClassMember {
  userId: string;
  /** The display name, or "Participant N" (by joining order) in anonymous mode. */
  name: string;
  role: MapRoleName;
  isGuest: boolean;
  votesCast: number;
}

export interface ClassClaim {
  claimId: string;
  votes: number;
  /** Standard deviation of the values (0–2): how much the class disagrees; null under two votes. */
  spread: number | null;
  /** Votes cast before the claim's latest argument (a supporter, opposer or passage added or changed under it). */
  votesBeforeLatestArgument: number;
}

export interface ClassStatus {
  isAnonymous: boolean;
  claimCount: number;
  /** Everyone but the owner, in joining order. */
  members: ClassMember[];
  claims: ClassClaim[];
  /** Up to five claims with the widest spread of votes, widest first. */
  mostDisagreement: ClassClaim[];
  totalVotes: number;
}

/** Standard deviation of a histogram of values 0..4; null when fewer than two votes. */
export function voteSpread(histogram: readonly number[]): number | null {
  const count = histogram.reduce((sum, n) => sum + n, 0);
  if (count < 2) return null;
  const mean = histogram.reduce((sum, n, value) => sum + n * value, 0) / count;
  const variance = histogram.reduce((sum, n, value) => sum + n * (value - mean) ** 2, 0) / count;
  return Math.sqrt(variance);
}

/** Claims ordered by spread (widest first, then more votes), at most `limit`, only those with a spread. */
export function rankDisagreement(claims: readonly ClassClaim[], limit = 5): ClassClaim[] {
  return claims
    .filter((claim) => claim.spread !== null && claim.spread > 0)
    .sort((a, b) => b.spread! - a.spread! || b.votes - a.votes)
    .slice(0, limit);
}

/**
 * The owner's live view of a class: who is a member and how many claims each has voted on,
 * votes and disagreement per claim. Names become pseudonyms in anonymous mode, since the owner
 * may be projecting this panel.
 */
export async function getClassStatus(db: Db, context: ReadContext): Promise<ClassStatus> {
  const { mapId } = context.access;
  const [map, members, claims, votes, latestArguments] = await Promise.all([
    db.map.findUniqueOrThrow({ where: { id: mapId }, select: { ownerId: true, isAnonymous: true } }),
    db.mapMember.findMany({
      where: { mapId },
      orderBy: { createdAt: 'asc' },
      select: { role: true, user: { select: { id: true, displayName: true, isGuest: true } } },
    }),
    db.claim.findMany({ where: { mapId, deletedAt: null }, select: { id: true }, orderBy: { createdAt: 'asc' } }),
    db.vote.findMany({
      where: { mapId, claimId: { not: null }, claim: { deletedAt: null } },
      select: { userId: true, claimId: true, value: true, updatedAt: true },
    }),
    // A proposal awaiting approval is no argument yet; approving it stamps updatedAt.
    db.link.groupBy({ by: ['toClaimId'], where: { mapId, awaitingApproval: false }, _max: { updatedAt: true } }),
  ]);
  const latestArgumentAt = new Map(latestArguments.map((row) => [row.toClaimId, row._max.updatedAt]));
  const staleVotes = new Map<string, number>();
  for (const vote of votes) {
    const latest = latestArgumentAt.get(vote.claimId!);
    if (latest && vote.updatedAt < latest) staleVotes.set(vote.claimId!, (staleVotes.get(vote.claimId!) ?? 0) + 1);
  }
  const histograms = new Map<string, number[]>();
  const votesByUser = new Map<string, number>();
  for (const vote of votes) {
    const histogram = histograms.get(vote.claimId!) ?? [0, 0, 0, 0, 0];
    if (vote.value >= 0 && vote.value <= 4) histogram[vote.value]! += 1;
    histograms.set(vote.claimId!, histogram);
    votesByUser.set(vote.userId, (votesByUser.get(vote.userId) ?? 0) + 1);
  }
  const classClaims = claims.map((claim): ClassClaim => {
    const histogram = histograms.get(claim.id) ?? [0, 0, 0, 0, 0];
    return {
      claimId: claim.id,
      votes: histogram.reduce((sum, n) => sum + n, 0),
      spread: voteSpread(histogram),
      votesBeforeLatestArgument: staleVotes.get(claim.id) ?? 0,
    };
  });
  const others = members.filter((member) => member.user.id !== map.ownerId);
  return {
    isAnonymous: map.isAnonymous,
    claimCount: claims.length,
    members: others.map((member, index) => ({
      userId: member.user.id,
      name: map.isAnonymous ? `Participant ${index + 1}` : member.user.displayName,
      role: member.role,
      isGuest: member.user.isGuest,
      votesCast: votesByUser.get(member.user.id) ?? 0,
    })),
    claims: classClaims,
    mostDisagreement: rankDisagreement(classClaims),
    totalVotes: votes.length,
  };
}
