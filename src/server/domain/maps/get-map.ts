import type { Prisma } from '@/generated/prisma/client';
import type { Db } from '@/server/db';
import type { ReadContext } from '@/server/domain/context';
import type { Actor } from '@/server/access/actor';
import type { MapAccess } from '@/server/access/map-access';
import { notFoundOrNoAccess } from '@/server/domain/errors';
import { canSeeVoteResults, summarizeVoteRows, type VoteSummary } from '@/server/domain/votes/summarize-votes';
import { strengthOfMap } from '@/shared/strength/strength-of-map';
import type { MapRoleName } from '@/shared/roles';
import { canSeeProposal, isModeratorRole, publishedOnly } from '@/shared/moderation';
import type { TRelation } from '@/shared/schemas/claim';
import type { TVisibility } from '@/shared/schemas/map';

export interface ClaimView {
  id: string;
  /** Optional short label (kept from Argdown imports). */
  title: string | null;
  text: string;
  /** Labels without "#" (Argdown tags, imported headings); shown as chips, used to filter. */
  tags?: string[];
  x: number | null;
  y: number | null;
  version: number;
  authorId: string | null;
  authorName: string | null;
  createdAt: Date;
  updatedAt: Date;
  votes: VoteSummary | null;
  myVote: number | null;
  /** DF-QuAD strength in [0,1] over the structure and the votes this caller may see. */
  strength: number;
  /** A proposal waiting for a moderator (only its author and the moderators see it); absent or false: published. */
  awaitingApproval?: boolean;
}

export interface LinkView {
  id: string;
  fromClaimId: string | null;
  fromEvidenceId: string | null;
  toClaimId: string;
  relation: TRelation;
  /** The argumentation scheme an import named (AIF), shown on the edge's tooltip. */
  scheme?: string | null;
  /** A proposal waiting for a moderator; absent or false: published. */
  awaitingApproval?: boolean;
}

export interface SourceSummaryView {
  id: string;
  title: string;
  author: string | null;
  publisher: string | null;
  url: string | null;
  publishedAt: Date | null;
  textLength: number;
  evidenceCount: number;
}

export interface EvidenceView {
  id: string;
  sourceId: string;
  exact: string;
  prefix: string;
  suffix: string;
  start: number;
  end: number;
  note: string | null;
  isOrphaned: boolean;
  x: number | null;
  y: number | null;
  authorId: string | null;
  authorName: string | null;
  createdAt: Date;
  votes: VoteSummary | null;
  myVote: number | null;
  /** DF-QuAD strength in [0,1] over the structure and the votes this caller may see. */
  strength: number;
  /** A proposal waiting for a moderator; absent or false: published. */
  awaitingApproval?: boolean;
}

export interface StrengthMeta {
  /** False when a cycle in the map did not settle within the iteration cap (strengths are approximate). */
  converged: boolean;
  hasCycles: boolean;
}

export interface MapView {
  map: {
    id: string;
    title: string;
    description: string;
    visibility: TVisibility;
    ownerId: string;
    ownerName: string | null;
    isLocked: boolean;
    isAnonymous: boolean;
    isBlindVoting: boolean;
    resultsRevealed: boolean;
    /** New claims, links and passages by anyone but a moderator wait for approval. */
    requireApproval?: boolean;
    lastSeq: number;
    createdAt: Date;
    updatedAt: Date;
  };
  role: MapRoleName;
  isMember: boolean;
  /** The caller reviews proposals (the owner, or an editor the owner made moderator). */
  isModerator?: boolean;
  claims: ClaimView[];
  links: LinkView[];
  sources: SourceSummaryView[];
  evidence: EvidenceView[];
  strengthMeta: StrengthMeta;
  /** Visible (not deleted, not hidden) comments per target id: a claim, a passage, or the map itself. */
  commentCounts?: Record<string, number>;
}

/**
 * The whole map in a constant number of queries, whatever its size, read from one snapshot
 * (a REPEATABLE READ, read-only transaction): `map.lastSeq` is exactly the last event the claims,
 * links, evidence and votes reflect, so a client's stream starts right after it. The caller's
 * access was already checked; `access` carries the role it resolved.
 */
export async function getMap(db: Db, context: ReadContext): Promise<MapView> {
  const { actor, access } = context;
  const role = access.role;
  if (!role) throw notFoundOrNoAccess();
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SET TRANSACTION READ ONLY`;
      return readMapView(tx, actor, access, role);
    },
    { isolationLevel: 'RepeatableRead' },
  );
}

/** A map's own fields and settings as map.get returns them (snapshots rebuild views with the same). */
export const MAP_HEADER_SELECT = {
  id: true,
  title: true,
  description: true,
  visibility: true,
  ownerId: true,
  isLocked: true,
  isAnonymous: true,
  isBlindVoting: true,
  resultsRevealed: true,
  requireApproval: true,
  createdAt: true,
  updatedAt: true,
  owner: { select: { displayName: true } },
} satisfies Prisma.MapSelect;

async function readMapView(db: Prisma.TransactionClient, actor: Actor | null, access: MapAccess, role: MapRoleName): Promise<MapView> {
  const mapId = access.mapId;
  // Every read in SQL: Prisma's row mapping and per-query overhead were over half of map.get's time at
  // 2,000 claims (docs/benchmarks.md, "map.get beside its raw-pg floor"). Queries on one transaction run
  // in turn; Promise.all only saves the awaits.
  const userId = actor?.id ?? null;
  const [[map], allClaims, allLinks, sourceRows, allEvidence, voteCountRows, myVotes, commentRows] = await Promise.all([
    db.$queryRaw<MapHeaderRow[]>`
      SELECT m."id", m."title", m."description", m."visibility"::text AS "visibility", m."ownerId", m."isLocked", m."isAnonymous",
             m."isBlindVoting", m."resultsRevealed", m."requireApproval", m."lastSeq", m."createdAt", m."updatedAt",
             o."displayName" AS "ownerName",
             coalesce((SELECT mm."isModerator" FROM "MapMember" mm WHERE mm."mapId" = m."id" AND mm."userId" = ${userId}), false)
               AS "isModeratorFlag"
        FROM "Map" m JOIN "User" o ON o."id" = m."ownerId"
       WHERE m."id" = ${mapId}`,
    db.$queryRaw<ClaimRow[]>`
      SELECT c."id", c."title", c."text", c."tags", c."x", c."y", c."version", c."authorId", c."createdAt", c."updatedAt",
             c."awaitingApproval", u."displayName" AS "authorName"
        FROM "Claim" c LEFT JOIN "User" u ON u."id" = c."authorId"
       WHERE c."mapId" = ${mapId} AND c."deletedAt" IS NULL
       ORDER BY c."createdAt", c."id"`,
    db.$queryRaw<LinkRow[]>`
      SELECT "id", "fromClaimId", "fromEvidenceId", "toClaimId", "relation"::text AS "relation", "scheme", "awaitingApproval", "createdById"
        FROM "Link" WHERE "mapId" = ${mapId}
       ORDER BY "createdAt", "id"`,
    // Text lengths and published passage counts, without shipping the texts.
    db.$queryRaw<SourceSummaryView[]>`
      SELECT s."id", s."title", s."author", s."publisher", s."url", s."publishedAt", length(s."text")::int AS "textLength",
             (SELECT count(*)::int FROM "Evidence" e
               WHERE e."sourceId" = s."id" AND e."deletedAt" IS NULL AND e."awaitingApproval" = false) AS "evidenceCount"
        FROM "Source" s WHERE s."mapId" = ${mapId}
       ORDER BY s."createdAt", s."id"`,
    db.$queryRaw<EvidenceRow[]>`
      SELECT e."id", e."sourceId", e."exact", e."prefix", e."suffix", e."start", e."end", e."note", e."isOrphaned", e."x", e."y",
             e."authorId", e."createdAt", e."awaitingApproval", u."displayName" AS "authorName"
        FROM "Evidence" e LEFT JOIN "User" u ON u."id" = e."authorId"
       WHERE e."mapId" = ${mapId} AND e."deletedAt" IS NULL
       ORDER BY e."createdAt", e."id"`,
    db.$queryRaw<VoteCountRow[]>`
      SELECT "claimId", "evidenceId", "value", count(*)::int AS "count" FROM "Vote" WHERE "mapId" = ${mapId} GROUP BY 1, 2, 3`,
    userId
      ? db.$queryRaw<OwnVoteRow[]>`SELECT "claimId", "evidenceId", "value" FROM "Vote" WHERE "mapId" = ${mapId} AND "userId" = ${userId}`
      : Promise.resolve([]),
    db.$queryRaw<{ targetId: string; count: number }[]>`
      SELECT "targetId", count(*)::int AS "count" FROM "Comment"
       WHERE "mapId" = ${mapId} AND "deletedAt" IS NULL AND "hiddenAt" IS NULL
       GROUP BY 1`,
  ]);
  if (!map) throw notFoundOrNoAccess();
  // The role was resolved with the access check; an editor moderates when the owner marked them.
  const moderation = { isModerator: isModeratorRole(role, map.isModeratorFlag) };
  // Proposals awaiting approval: only their author and the moderators see them (src/shared/moderation.ts).
  const viewer = { userId, isModerator: moderation.isModerator };
  const claims = allClaims.filter((claim) => !claim.awaitingApproval || canSeeProposal(viewer, claim.authorId));
  const evidence = allEvidence.filter((item) => !item.awaitingApproval || canSeeProposal(viewer, item.authorId));
  const links = allLinks
    .filter((link) => !link.awaitingApproval || canSeeProposal(viewer, link.createdById))
    .map(({ createdById: _createdById, awaitingApproval, ...link }) => ({ ...link, ...(awaitingApproval ? { awaitingApproval } : {}) }));

  const isOwner = role === 'owner';
  const hideIdentities = map.isAnonymous && !isOwner;
  const rule = { isBlindVoting: map.isBlindVoting, resultsRevealed: map.resultsRevealed, isOwner };
  const myVoteByTarget = new Map<string, number>();
  for (const vote of myVotes) myVoteByTarget.set((vote.claimId ?? vote.evidenceId)!, vote.value);

  const claimSummaries = summarizeVoteRows(
    voteCountRows.flatMap((row) => (row.claimId ? [{ targetId: row.claimId, value: row.value, count: row.count }] : [])),
  );
  const evidenceSummaries = summarizeVoteRows(
    voteCountRows.flatMap((row) => (row.evidenceId ? [{ targetId: row.evidenceId, value: row.value, count: row.count }] : [])),
  );
  const visibleSummary = (summaries: Map<string, VoteSummary>, targetId: string): VoteSummary | null => {
    if (!canSeeVoteResults(rule, myVoteByTarget.has(targetId))) return null;
    return summaries.get(targetId) ?? { count: 0, mean: null, histogram: [0, 0, 0, 0, 0] };
  };

  const liveClaimIds = new Set(claims.map((claim) => claim.id));
  const liveEvidenceIds = new Set(evidence.map((item) => item.id));

  /** A voted-on node as this reader sees it: its author (unless hidden), its aggregates (unless blind), their vote. */
  const forReader = <T extends { id: string; authorId: string | null; authorName: string | null; awaitingApproval: boolean }>(
    { awaitingApproval, ...row }: T,
    summaries: Map<string, VoteSummary>,
  ) => ({
    ...row,
    ...(awaitingApproval ? { awaitingApproval } : {}),
    authorId: hideIdentities ? null : row.authorId,
    authorName: hideIdentities ? null : row.authorName,
    votes: visibleSummary(summaries, row.id),
    myVote: myVoteByTarget.get(row.id) ?? null,
  });
  const claimViews = claims.map((claim) => forReader(claim, claimSummaries));
  const evidenceViews = evidence.map((item) => forReader(item, evidenceSummaries));
  // Links of a deleted claim or passage stay stored (so a restore brings them back) but are hidden.
  const visibleLinks = links.filter(
    (link) =>
      liveClaimIds.has(link.toClaimId) &&
      (link.fromClaimId ? liveClaimIds.has(link.fromClaimId) : liveEvidenceIds.has(link.fromEvidenceId!)),
  );
  // Over the visible summaries only: a target whose votes are hidden from this caller counts as base 0.5.
  // Proposals count in nobody's strength until approved (they show the neutral 0.5 to those who see them).
  const { strengths, converged, hasCycles } = strengthOfMap(
    publishedOnly({ claims: claimViews, evidence: evidenceViews, links: visibleLinks }),
  );
  const strengthOf = (id: string) => strengths[id] ?? 0.5;

  return {
    map: {
      id: map.id,
      title: map.title,
      description: map.description,
      visibility: map.visibility,
      // Anonymous mode hides who owns the map from everyone but the owner.
      ownerId: hideIdentities ? '' : map.ownerId,
      ownerName: hideIdentities ? null : map.ownerName,
      isLocked: map.isLocked,
      isAnonymous: map.isAnonymous,
      isBlindVoting: map.isBlindVoting,
      resultsRevealed: map.resultsRevealed,
      requireApproval: map.requireApproval,
      lastSeq: map.lastSeq,
      createdAt: map.createdAt,
      updatedAt: map.updatedAt,
    },
    role,
    isMember: access.isMember,
    isModerator: moderation.isModerator,
    claims: claimViews.map((claim) => ({ ...claim, strength: strengthOf(claim.id) })),
    links: visibleLinks,
    sources: sourceRows,
    evidence: evidenceViews.map((item) => ({ ...item, strength: strengthOf(item.id) })),
    strengthMeta: { converged, hasCycles },
    commentCounts: Object.fromEntries(commentRows.map((row) => [row.targetId, row.count])),
  };
}

/** What a view adds to its row: the caller's vote, the aggregates they may see, and the strength. */
type ReaderFields = 'votes' | 'myVote' | 'strength' | 'awaitingApproval';

/** The claim columns map.get reads (CLAIM_VIEW_SELECT's, with the author's name joined in). */
type ClaimRow = Omit<ClaimView, ReaderFields> & { tags: string[]; awaitingApproval: boolean };

/** The passage columns map.get reads (EVIDENCE_VIEW_SELECT's, with the author's name joined in). */
type EvidenceRow = Omit<EvidenceView, ReaderFields> & { awaitingApproval: boolean };

/** The map's own fields (MAP_HEADER_SELECT's), its owner's name, and whether the caller's membership moderates. */
interface MapHeaderRow {
  id: string;
  title: string;
  description: string;
  visibility: TVisibility;
  ownerId: string;
  ownerName: string;
  isLocked: boolean;
  isAnonymous: boolean;
  isBlindVoting: boolean;
  resultsRevealed: boolean;
  requireApproval: boolean;
  lastSeq: number;
  createdAt: Date;
  updatedAt: Date;
  isModeratorFlag: boolean;
}

interface OwnVoteRow {
  claimId: string | null;
  evidenceId: string | null;
  value: number;
}

type LinkRow = Omit<LinkView, 'scheme' | 'awaitingApproval'> & {
  scheme: string | null;
  awaitingApproval: boolean;
  createdById: string | null;
};

interface VoteCountRow {
  claimId: string | null;
  evidenceId: string | null;
  value: number;
  count: number;
}
