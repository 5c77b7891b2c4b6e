import type { Db } from '@/server/db';
import { getModerationStanding } from '@/server/access/moderator-access';
import type { ReadContext } from '@/server/domain/context';
import { HIT_START, HIT_STOP, locateFirstHit, parseHeadline, type HitRange, type SnippetSegment } from './headline';

export interface ClaimSearchHit {
  claimId: string;
  text: string;
  rank: number;
  snippet: SnippetSegment[];
}

export interface SourceSearchHit {
  sourceId: string;
  title: string;
  rank: number;
  /** Where to open the source: the first matched words of the excerpt, in UTF-16 offsets; null when only the title matched. */
  hit: HitRange | null;
  snippet: SnippetSegment[];
}

export interface MapSearchResult {
  query: string;
  claims: ClaimSearchHit[];
  sources: SourceSearchHit[];
}

const CLAIM_HEADLINE = `StartSel="${HIT_START}", StopSel="${HIT_STOP}", HighlightAll=true`;
const SOURCE_HEADLINE = `StartSel="${HIT_START}", StopSel="${HIT_STOP}", MinWords=12, MaxWords=32, ShortWord=2`;

/**
 * Full-text search over a map's live claims and its sources (title and text), ranked with
 * ts_rank. The WHERE clauses use exactly the expressions of the GIN indexes from the init migration
 * (`to_tsvector('english', "text")` and `to_tsvector('english', "title" || ' ' || "text")`), so
 * Postgres can answer from the index; `websearch_to_tsquery` accepts what people type ("quoted
 * phrases", -exclusions, or) and never fails on syntax.
 */
export async function searchMap(db: Db, context: ReadContext, input: { query: string; limit?: number }): Promise<MapSearchResult> {
  const { mapId } = context.access;
  const { query, limit = 10 } = input;
  // Proposals awaiting approval are found only by their author and the moderators.
  const { isModerator } = await getModerationStanding(db, mapId, context.actor);
  const proposalsSeenBy = isModerator ? null : (context.actor?.id ?? '');
  const [claimRows, sourceRows] = await Promise.all([
    db.$queryRaw<{ id: string; text: string; rank: number; headline: string }[]>`
      SELECT c."id", c."text", ts_rank(to_tsvector('english', c."text"), q.query)::float8 AS "rank",
             ts_headline('english', c."text", q.query, ${CLAIM_HEADLINE}) AS "headline"
      FROM "Claim" c, websearch_to_tsquery('english', ${query}) AS q(query)
      WHERE c."mapId" = ${mapId} AND c."deletedAt" IS NULL AND to_tsvector('english', c."text") @@ q.query
        AND (${proposalsSeenBy}::text IS NULL OR NOT c."awaitingApproval" OR c."authorId" = ${proposalsSeenBy})
      ORDER BY "rank" DESC, c."createdAt" ASC
      LIMIT ${limit}`,
    // Rank first, then build headlines only for the sources shown (ts_headline reads the whole text).
    db.$queryRaw<{ id: string; title: string; text: string; rank: number; headline: string }[]>`
      SELECT ranked."id", ranked."title", ranked."text", ranked."rank",
             ts_headline('english', ranked."text", ranked.query, ${SOURCE_HEADLINE}) AS "headline"
      FROM (
        SELECT s."id", s."title", s."text", s."createdAt", q.query,
               ts_rank(to_tsvector('english', s."title" || ' ' || s."text"), q.query)::float8 AS "rank"
        FROM "Source" s, websearch_to_tsquery('english', ${query}) AS q(query)
        WHERE s."mapId" = ${mapId} AND to_tsvector('english', s."title" || ' ' || s."text") @@ q.query
        ORDER BY "rank" DESC, s."createdAt" ASC
        LIMIT ${limit}
      ) AS ranked
      ORDER BY ranked."rank" DESC, ranked."createdAt" ASC`,
  ]);
  return {
    query,
    claims: claimRows.map((row) => ({ claimId: row.id, text: row.text, rank: row.rank, snippet: parseHeadline(row.headline) })),
    sources: sourceRows.map((row) => {
      const snippet = parseHeadline(row.headline);
      return { sourceId: row.id, title: row.title, rank: row.rank, hit: locateFirstHit(row.text, snippet), snippet };
    }),
  };
}
