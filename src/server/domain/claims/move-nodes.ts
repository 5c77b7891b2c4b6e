import type { Db } from '@/server/db';
import { DomainError } from '@/server/domain/errors';
import { runMapWrite } from '@/server/sync/append-event';
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
    const claimMoves = moves.filter((move) => move.kind === 'claim');
    const evidenceMoves = moves.filter((move) => move.kind === 'evidence');
    // One statement per table, whatever the batch size (an auto-layout moves every node).
    if (claimMoves.length) {
      await tx.$executeRawUnsafe(
        `UPDATE "Claim" AS c SET "x" = m.x, "y" = m.y, "updatedAt" = now()
         FROM (SELECT unnest($1::text[]) AS id, unnest($2::float8[]) AS x, unnest($3::float8[]) AS y) AS m
         WHERE c."id" = m.id AND c."mapId" = $4 AND c."deletedAt" IS NULL`,
        claimMoves.map((move) => move.id),
        claimMoves.map((move) => move.x),
        claimMoves.map((move) => move.y),
        mapId,
      );
    }
    if (evidenceMoves.length) {
      await tx.$executeRawUnsafe(
        `UPDATE "Evidence" AS e SET "x" = m.x, "y" = m.y, "updatedAt" = now()
         FROM (SELECT unnest($1::text[]) AS id, unnest($2::float8[]) AS x, unnest($3::float8[]) AS y) AS m
         WHERE e."id" = m.id AND e."mapId" = $4 AND e."deletedAt" IS NULL`,
        evidenceMoves.map((move) => move.id),
        evidenceMoves.map((move) => move.x),
        evidenceMoves.map((move) => move.y),
        mapId,
      );
    }
    return { result: { moved: moves.length }, events: [{ type: 'claim.moved', payload: { moves } }] };
  });
}
