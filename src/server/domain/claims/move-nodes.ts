import type { Prisma } from '@/generated/prisma/client';
import type { Db } from '@/server/db';
import { DomainError } from '@/server/domain/errors';
import { runMapWrite, type EventDraft } from '@/server/sync/append-event';
import { proposalEvent } from '@/server/domain/moderation/proposal';
import type { WriteContext } from '@/server/domain/context';
import type { TNodeMove } from '@/shared/schemas/claim';

/** The map every node in a batch belongs to; a batch across maps is refused. */
export async function mapIdOfNodes(db: Db, moves: TNodeMove[]): Promise<string> {
  const claimIds = moves.filter((move) => move.kind === 'claim').map((move) => move.id);
  const evidenceIds = moves.filter((move) => move.kind === 'evidence').map((move) => move.id);
  const [claims, evidence] = await Promise.all([
    claimIds.length ? db.claim.findMany({ where: { id: { in: claimIds } }, select: { mapId: true } }) : [],
    evidenceIds.length ? db.evidence.findMany({ where: { id: { in: evidenceIds } }, select: { mapId: true } }) : [],
  ]);
  // Nodes on another map are answered like missing ones, so a batch cannot probe for ids elsewhere.
  const mapIds = new Set([...claims, ...evidence].map((row) => row.mapId));
  if (claims.length !== new Set(claimIds).size || evidence.length !== new Set(evidenceIds).size || mapIds.size !== 1) {
    throw new DomainError('NOT_FOUND', 'Some of the nodes to move were not found on this map.');
  }
  return [...mapIds][0]!;
}

/** Saves node positions (once per drag, or a whole layout); concurrent moves: last writer wins. */
export async function moveNodes(db: Db, context: WriteContext, moves: TNodeMove[]) {
  const { mapId } = context;
  return runMapWrite(db, mapId, context, async (tx) => {
    // One statement per table, whatever the batch size (an auto-layout moves every node).
    await moveRows(
      tx,
      '"Claim"',
      mapId,
      moves.filter((move) => move.kind === 'claim'),
    );
    await moveRows(
      tx,
      '"Evidence"',
      mapId,
      moves.filter((move) => move.kind === 'evidence'),
    );
    return { result: { moved: moves.length }, events: await moveEvents(tx, mapId, moves) };
  });
}

/**
 * The moves as events: published nodes in one, and a proposal's move only to its own audience (its
 * author and the moderators), so nobody else learns that it exists.
 */
async function moveEvents(tx: Prisma.TransactionClient, mapId: string, moves: TNodeMove[]): Promise<EventDraft[]> {
  const ids = moves.map((move) => move.id);
  const proposals = await tx.$queryRaw<{ id: string; authorId: string | null }[]>`
    SELECT "id", "authorId" FROM "Claim" WHERE "mapId" = ${mapId} AND "awaitingApproval" AND "id" = ANY(${ids}::text[])
    UNION ALL
    SELECT "id", "authorId" FROM "Evidence" WHERE "mapId" = ${mapId} AND "awaitingApproval" AND "id" = ANY(${ids}::text[])`;
  if (proposals.length === 0) return [{ type: 'claim.moved', payload: { moves } }];
  const authorOf = new Map(proposals.map((row) => [row.id, row.authorId]));
  const published = moves.filter((move) => !authorOf.has(move.id));
  const byAuthor = new Map<string | null, TNodeMove[]>();
  for (const move of moves) {
    if (!authorOf.has(move.id)) continue;
    const author = authorOf.get(move.id) ?? null;
    byAuthor.set(author, [...(byAuthor.get(author) ?? []), move]);
  }
  const events: EventDraft[] = published.length ? [{ type: 'claim.moved', payload: { moves: published } }] : [];
  for (const [author, authorMoves] of byAuthor) {
    events.push(proposalEvent({ type: 'claim.moved', payload: { moves: authorMoves } }, true, author));
  }
  return events;
}

/** Sets x and y of the rows in `moves` that are live on the map, in one UPDATE. */
async function moveRows(tx: Prisma.TransactionClient, table: '"Claim"' | '"Evidence"', mapId: string, moves: TNodeMove[]) {
  if (moves.length === 0) return;
  await tx.$executeRawUnsafe(
    `UPDATE ${table} AS t SET "x" = m.x, "y" = m.y, "updatedAt" = now()
     FROM (SELECT unnest($1::text[]) AS id, unnest($2::float8[]) AS x, unnest($3::float8[]) AS y) AS m
     WHERE t."id" = m.id AND t."mapId" = $4 AND t."deletedAt" IS NULL`,
    moves.map((move) => move.id),
    moves.map((move) => move.x),
    moves.map((move) => move.y),
    mapId,
  );
}
