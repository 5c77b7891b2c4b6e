import type { Prisma } from '@/generated/prisma/client';
import type { Db } from '@/server/db';
import { DomainError, notFoundOrNoAccess } from '@/server/domain/errors';
import { runMapWrite, type EventDraft } from '@/server/sync/append-event';
import type { WriteContextWith } from '@/server/domain/context';
import type { MapRoleName } from '@/shared/roles';
import type { VoteChangedPayload, VoteTarget } from '@/shared/schemas/vote';
import { canSeeVoteResults, emptySummary, summarizeVoteRows, type VoteSummary } from './summarize-votes';

/** The same words for everyone, so a proposal's existence does not leak to those who may not see it. */
const PROPOSAL_NOT_VOTABLE = 'That was not found, or it waits for a moderator’s approval: votes open once it is approved.';

/** The map a vote goes to and the caller's role there, as the access check resolved them. */
export interface VoteAccess {
  mapId: string;
  role: MapRoleName;
}

export interface VoteResult {
  targetKind: VoteTarget['kind'];
  targetId: string;
  /** The caller's vote after the write; null when retracted. */
  myVote: number | null;
  /** The target's aggregates after the write, or null when blind voting hides them from the caller. */
  votes: VoteSummary | null;
}

interface MapVotingRow {
  isBlindVoting: boolean;
  resultsRevealed: boolean;
}

/**
 * Locks the map row first, as every write's event append does anyway: concurrent votes on one map
 * then compute their summaries in the order their events get sequence numbers, so the summary in
 * event n always includes every vote of events before n. NO KEY UPDATE does not conflict with the
 * KEY SHARE locks that foreign keys take, so it cannot deadlock against inserts of other writes.
 */
async function lockMapForVoting(tx: Prisma.TransactionClient, mapId: string): Promise<MapVotingRow> {
  const rows = await tx.$queryRaw<MapVotingRow[]>`
    SELECT "isBlindVoting", "resultsRevealed" FROM "Map" WHERE "id" = ${mapId} FOR NO KEY UPDATE`;
  const row = rows[0];
  if (!row) throw notFoundOrNoAccess();
  return row;
}

/** Refuses a target that is deleted or not on this map (its map was looked up from it, but a delete may have raced). */
async function assertLiveTarget(tx: Prisma.TransactionClient, mapId: string, target: VoteTarget): Promise<void> {
  if (target.kind === 'claim') {
    const claim = await tx.claim.findUnique({ where: { id: target.id }, select: { mapId: true, deletedAt: true, awaitingApproval: true } });
    if (!claim || claim.mapId !== mapId) throw new DomainError('NOT_FOUND', 'That claim was not found.');
    if (claim.deletedAt) throw new DomainError('NOT_FOUND', 'That claim was deleted, so it cannot be voted on.');
    if (claim.awaitingApproval) throw new DomainError('NOT_FOUND', PROPOSAL_NOT_VOTABLE);
    return;
  }
  const evidence = await tx.evidence.findUnique({
    where: { id: target.id },
    select: { mapId: true, deletedAt: true, awaitingApproval: true },
  });
  if (!evidence || evidence.mapId !== mapId) throw new DomainError('NOT_FOUND', 'That evidence passage was not found.');
  if (evidence.deletedAt) throw new DomainError('NOT_FOUND', 'That evidence passage was deleted, so it cannot be voted on.');
  if (evidence.awaitingApproval) throw new DomainError('NOT_FOUND', PROPOSAL_NOT_VOTABLE);
}

/** Current aggregates of one target, read inside the write's transaction. */
export async function summarizeTarget(tx: Prisma.TransactionClient | Db, target: VoteTarget): Promise<VoteSummary> {
  const rows =
    target.kind === 'claim'
      ? await tx.vote.groupBy({ by: ['value'], where: { claimId: target.id }, _count: { _all: true } })
      : await tx.vote.groupBy({ by: ['value'], where: { evidenceId: target.id }, _count: { _all: true } });
  const summaries = summarizeVoteRows(rows.map((row) => ({ targetId: target.id, value: row.value, count: row._count._all })));
  return summaries.get(target.id) ?? emptySummary();
}

function voteChanged(target: VoteTarget, voterId: string, value: number | null, summary: VoteSummary): EventDraft {
  const payload: VoteChangedPayload = { targetKind: target.kind, targetId: target.id, voterId, value, summary };
  return { type: 'vote.changed', payload };
}

/**
 * Casts or changes the actor's vote on a claim or passage: one atomic INSERT … ON CONFLICT DO
 * UPDATE on the (userId, target) unique index, so any number of concurrent casts leave one row.
 */
export async function castVote(
  db: Db,
  context: WriteContextWith<VoteAccess>,
  input: { target: VoteTarget; value: number },
): Promise<VoteResult & { seq: number }> {
  const { actor, mapId } = context;
  const { target, value } = input;
  if (!Number.isInteger(value) || value < 0 || value > 4) {
    throw new DomainError('INVALID', 'A vote is a whole number from 0 (none) to 4 (decisive).');
  }
  return runMapWrite(db, mapId, context, async (tx) => {
    await lockMapForVoting(tx, mapId);
    await assertLiveTarget(tx, mapId, target);
    if (target.kind === 'claim') {
      await tx.$executeRaw`
        INSERT INTO "Vote" ("id", "mapId", "userId", "claimId", "evidenceId", "value", "updatedAt")
        VALUES (gen_random_uuid()::text, ${mapId}, ${actor.id}, ${target.id}, NULL, ${value}, now())
        ON CONFLICT ("userId", "claimId") DO UPDATE SET "value" = EXCLUDED."value", "updatedAt" = now()`;
    } else {
      await tx.$executeRaw`
        INSERT INTO "Vote" ("id", "mapId", "userId", "claimId", "evidenceId", "value", "updatedAt")
        VALUES (gen_random_uuid()::text, ${mapId}, ${actor.id}, NULL, ${target.id}, ${value}, now())
        ON CONFLICT ("userId", "evidenceId") DO UPDATE SET "value" = EXCLUDED."value", "updatedAt" = now()`;
    }
    const summary = await summarizeTarget(tx, target);
    // The caller has voted on this target, so blind voting no longer hides its results from them.
    const result: VoteResult = { targetKind: target.kind, targetId: target.id, myVote: value, votes: summary };
    return { result, events: [voteChanged(target, actor.id, value, summary)] };
  });
}

/** Retracts the actor's vote; retracting a vote that does not exist changes nothing and appends no event. */
export async function retractVote(
  db: Db,
  context: WriteContextWith<VoteAccess>,
  input: { target: VoteTarget },
): Promise<VoteResult & { seq: number }> {
  const { actor, mapId, access } = context;
  const { target } = input;
  return runMapWrite(db, mapId, context, async (tx) => {
    const map = await lockMapForVoting(tx, mapId);
    await assertLiveTarget(tx, mapId, target);
    const deleted =
      target.kind === 'claim'
        ? await tx.vote.deleteMany({ where: { userId: actor.id, claimId: target.id } })
        : await tx.vote.deleteMany({ where: { userId: actor.id, evidenceId: target.id } });
    const summary = await summarizeTarget(tx, target);
    const rule = { isBlindVoting: map.isBlindVoting, resultsRevealed: map.resultsRevealed, isOwner: access.role === 'owner' };
    const result: VoteResult = {
      targetKind: target.kind,
      targetId: target.id,
      myVote: null,
      votes: canSeeVoteResults(rule, false) ? summary : null,
    };
    return { result, events: deleted.count > 0 ? [voteChanged(target, actor.id, null, summary)] : [] };
  });
}
