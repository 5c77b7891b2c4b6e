/**
 * Reads a map from the database as a MapDocument (the JSON backup format every exporter starts
 * from), in a constant number of queries whatever the map's size.
 *
 * What goes in: live claims with positions; links whose two ends are live; every source of the
 * map with its full text; live evidence with its selectors and position; vote aggregates (count,
 * mean, histogram — never who voted), and only those the reader may see. What stays out: authors,
 * voters, timestamps, the map's settings beyond its visibility.
 */
import type { Prisma } from '@/generated/prisma/client';
import type { Db } from '@/server/db';
import { notFoundOrNoAccess } from '@/server/domain/errors';
import { canSeeVoteResults, summarizeVoteRows, type VoteSummary } from '@/server/domain/votes/summarize-votes';
import {
  MAP_DOCUMENT_FORMAT,
  MAP_DOCUMENT_VERSION,
  ZDocClaimData,
  ZDocSource,
  validateMapDocument,
  type MapDocument,
  type MapDocumentClaim,
  type MapDocumentEvidence,
  type MapDocumentLink,
  type MapDocumentSource,
} from '@/shared/map-document';
import { LINK_VIEW_SELECT } from '@/server/domain/claims/claim-select';
import { EVIDENCE_QUOTE_SELECT } from '@/server/domain/evidence/evidence-select';
import { SOURCE_CITATION_SELECT } from '@/server/domain/sources/source-select';

/**
 * Whose view of the vote aggregates the document carries. `none` (the default) leaves them out;
 * `all` includes every aggregate (for the map's owner, or server-side tools); a reader gets what
 * blind voting lets them see: every aggregate once results are revealed or blind voting is off,
 * otherwise only those of targets they voted on themselves.
 */
export type VoteVisibility = 'none' | 'all' | { readerId: string | null; isOwner: boolean };

export interface LoadMapDocumentOptions {
  votes?: VoteVisibility;
  /** Defaults to now; tests pin it. */
  exportedAt?: Date;
}

export interface LoadedMapDocument {
  document: MapDocument;
  /**
   * Evidence passages left out because their quote no longer matches the source text (orphaned
   * after an edit of the source): the format requires `exact` to be the text at `start..end`.
   * Their links are left out with them.
   */
  omittedEvidence: number;
}

const MAP_SELECT = {
  id: true,
  title: true,
  description: true,
  visibility: true,
  isBlindVoting: true,
  resultsRevealed: true,
} satisfies Prisma.MapSelect;

const CLAIM_SELECT = { id: true, title: true, text: true, tags: true, data: true, x: true, y: true } satisfies Prisma.ClaimSelect;

const SOURCE_SELECT = { ...SOURCE_CITATION_SELECT, text: true } satisfies Prisma.SourceSelect;

const EVIDENCE_SELECT = { ...EVIDENCE_QUOTE_SELECT, x: true, y: true } satisfies Prisma.EvidenceSelect;

/** A date-only value when the stored instant is UTC midnight (how dates are entered), else the instant. */
export function formatPublishedAt(date: Date | null): string | null {
  if (!date || Number.isNaN(date.getTime())) return null;
  const iso = date.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}

/** The stored URL if the backup format accepts it (http(s), parseable), else null. */
function documentUrl(url: string | null): string | null {
  if (url === null) return null;
  return ZDocSource.shape.url.safeParse(url).success ? url : null;
}

function toDocVotes(summary: VoteSummary): NonNullable<MapDocumentClaim['votes']> {
  return { count: summary.count, mean: summary.mean, histogram: [...summary.histogram] };
}

/**
 * The map as a MapDocument. The caller has checked access (requireMapRole viewer); ids in the
 * document are the database ids (an importer replaces them).
 */
export async function loadMapDocument(db: Db, mapId: string, options: LoadMapDocumentOptions = {}): Promise<LoadedMapDocument> {
  const visibility = options.votes ?? 'none';
  const withVotes = visibility !== 'none';
  const readerId = typeof visibility === 'object' ? visibility.readerId : null;

  const [map, claims, links, sources, evidence, claimVoteRows, evidenceVoteRows, readerVotes] = await Promise.all([
    db.map.findUnique({ where: { id: mapId }, select: MAP_SELECT }),
    // Proposals awaiting approval are left out of every export (for everyone: an export is the published map).
    db.claim.findMany({
      where: { mapId, deletedAt: null, awaitingApproval: false },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: CLAIM_SELECT,
    }),
    db.link.findMany({
      where: { mapId, awaitingApproval: false },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: LINK_VIEW_SELECT,
    }),
    db.source.findMany({ where: { mapId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: SOURCE_SELECT }),
    db.evidence.findMany({
      where: { mapId, deletedAt: null, awaitingApproval: false },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: EVIDENCE_SELECT,
    }),
    withVotes
      ? db.vote.groupBy({ by: ['claimId', 'value'], where: { mapId, claimId: { not: null } }, _count: { _all: true } })
      : Promise.resolve([]),
    withVotes
      ? db.vote.groupBy({ by: ['evidenceId', 'value'], where: { mapId, evidenceId: { not: null } }, _count: { _all: true } })
      : Promise.resolve([]),
    readerId ? db.vote.findMany({ where: { mapId, userId: readerId }, select: { claimId: true, evidenceId: true } }) : Promise.resolve([]),
  ]);
  if (!map) throw notFoundOrNoAccess();

  const votedOn = new Set(readerVotes.map((vote) => vote.claimId ?? vote.evidenceId));
  const rule = {
    isBlindVoting: map.isBlindVoting,
    resultsRevealed: map.resultsRevealed,
    isOwner: visibility === 'all' || (typeof visibility === 'object' && visibility.isOwner),
  };
  const claimSummaries = summarizeVoteRows(
    claimVoteRows.flatMap((row) => (row.claimId ? [{ targetId: row.claimId, value: row.value, count: row._count._all }] : [])),
  );
  const evidenceSummaries = summarizeVoteRows(
    evidenceVoteRows.flatMap((row) => (row.evidenceId ? [{ targetId: row.evidenceId, value: row.value, count: row._count._all }] : [])),
  );
  /** Only targets somebody voted on carry an aggregate; an empty one says nothing. */
  const votesOf = (summaries: Map<string, VoteSummary>, targetId: string) => {
    if (!withVotes) return undefined;
    const summary = summaries.get(targetId);
    if (!summary || summary.count === 0) return undefined;
    return canSeeVoteResults(rule, votedOn.has(targetId)) ? toDocVotes(summary) : undefined;
  };

  const docClaims: MapDocumentClaim[] = claims.map((claim) => {
    const votes = votesOf(claimSummaries, claim.id);
    const data = ZDocClaimData.safeParse(claim.data);
    return {
      id: claim.id,
      ...(claim.title && { title: claim.title }),
      text: claim.text,
      ...(claim.tags.length > 0 && { tags: claim.tags }),
      ...(claim.data !== null && data.success && { data: data.data }),
      x: claim.x,
      y: claim.y,
      ...(votes && { votes }),
    };
  });

  const sourceText = new Map(sources.map((source) => [source.id, source.text]));
  const docSources: MapDocumentSource[] = sources.map((source) => ({
    id: source.id,
    title: source.title,
    author: source.author,
    publisher: source.publisher,
    url: documentUrl(source.url),
    publishedAt: formatPublishedAt(source.publishedAt),
    text: source.text,
  }));

  let omittedEvidence = 0;
  const docEvidence: MapDocumentEvidence[] = [];
  for (const item of evidence) {
    const text = sourceText.get(item.sourceId);
    if (text === undefined || item.end <= item.start || text.slice(item.start, item.end) !== item.exact) {
      omittedEvidence++;
      continue;
    }
    const votes = votesOf(evidenceSummaries, item.id);
    docEvidence.push({
      id: item.id,
      sourceId: item.sourceId,
      exact: item.exact,
      prefix: item.prefix,
      suffix: item.suffix,
      start: item.start,
      end: item.end,
      note: item.note,
      x: item.x,
      y: item.y,
      ...(votes && { votes }),
    });
  }

  const liveClaims = new Set(docClaims.map((claim) => claim.id));
  const liveEvidence = new Set(docEvidence.map((item) => item.id));
  const docLinks: MapDocumentLink[] = [];
  for (const link of links) {
    // Both ends live (a claim may not argue about itself): a claim's links and a live passage's links.
    const from =
      link.fromClaimId !== null
        ? liveClaims.has(link.fromClaimId) && link.fromClaimId !== link.toClaimId && { claimId: link.fromClaimId }
        : link.fromEvidenceId !== null && liveEvidence.has(link.fromEvidenceId) && { evidenceId: link.fromEvidenceId };
    if (!from || !liveClaims.has(link.toClaimId)) continue;
    docLinks.push({ id: link.id, from, toClaimId: link.toClaimId, relation: link.relation, ...(link.scheme && { scheme: link.scheme }) });
  }

  // Validating what we wrote costs one pass and guarantees every export can be imported again.
  const document = validateMapDocument({
    format: MAP_DOCUMENT_FORMAT,
    version: MAP_DOCUMENT_VERSION,
    exportedAt: (options.exportedAt ?? new Date()).toISOString(),
    map: { title: map.title, description: map.description, visibility: map.visibility },
    claims: docClaims,
    links: docLinks,
    sources: docSources,
    evidence: docEvidence,
  });
  return { document, omittedEvidence };
}
