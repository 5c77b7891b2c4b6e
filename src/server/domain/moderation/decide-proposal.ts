import type { Prisma } from '@/generated/prisma/client';
import type { Db } from '@/server/db';
import { CLAIM_VIEW_SELECT, LINK_VIEW_SELECT, toClaimPayload } from '@/server/domain/claims/claim-select';
import { DomainError, notFoundOrNoAccess } from '@/server/domain/errors';
import { EVIDENCE_VIEW_SELECT, toEvidencePayload } from '@/server/domain/evidence/evidence-select';
import type { WriteContext } from '@/server/domain/context';
import { runMapWrite, type EventDraft } from '@/server/sync/append-event';
import type { TModerationApproveManyInput, TModerationDecideInput, TProposalKind, TProposalRef } from '@/shared/schemas/moderation';
import { nudgeRaters } from '@/server/domain/notifications/rerate-nudge';
import { decisionText } from './decision-text';

/**
 * Publishes the proposed links `where` selects and nudges the raters of each claim they argue about:
 * approval is when a proposal becomes an argument (no nudge was sent while it waited).
 */
async function publishLinks(tx: Prisma.TransactionClient, mapId: string, where: Prisma.LinkWhereInput): Promise<void> {
  const links = await tx.link.findMany({
    where: { ...where, mapId, awaitingApproval: true },
    select: { id: true, toClaimId: true, relation: true, fromEvidenceId: true, createdById: true },
  });
  if (!links.length) return;
  await tx.link.updateMany({ where: { id: { in: links.map((link) => link.id) } }, data: { awaitingApproval: false } });
  for (const link of links) {
    await nudgeRaters(tx, {
      mapId,
      claimId: link.toClaimId,
      relation: link.relation,
      from: link.fromEvidenceId ? 'evidence' : 'claim',
      actorId: link.createdById,
    });
  }
}

type Tx = Prisma.TransactionClient;

/** The map a proposal belongs to, from the proposal itself. */
export async function mapIdOfProposal(db: Db | Tx, ref: TProposalRef): Promise<string> {
  const row =
    ref.kind === 'claim'
      ? await db.claim.findUnique({ where: { id: ref.id }, select: { mapId: true } })
      : ref.kind === 'evidence'
        ? await db.evidence.findUnique({ where: { id: ref.id }, select: { mapId: true } })
        : await db.link.findUnique({ where: { id: ref.id }, select: { mapId: true } });
  if (!row) throw notFoundOrNoAccess();
  return row.mapId;
}

interface ProposalRow {
  kind: TProposalKind;
  id: string;
  authorId: string | null;
  /** What the author recognises it by: the claim's text, the passage, or the link's starting claim. */
  text: string;
  /** The claim to open from the notification. */
  claimId: string | null;
}

const ALREADY_DECIDED = 'This proposal was already approved or turned down (or removed); reload the review queue.';

/** The locked row of a proposal, refused when it is not there or no longer waits for a decision. */
function undecided<TRow extends { awaitingApproval: boolean; deletedAt?: Date | null }>(row: TRow | undefined): TRow {
  if (!row) throw notFoundOrNoAccess();
  if (!row.awaitingApproval || row.deletedAt) throw new DomainError('CONFLICT', ALREADY_DECIDED);
  return row;
}

/** Reads a proposal still awaiting a decision on this map, with its row locked against a second decision. */
async function lockProposal(tx: Tx, mapId: string, ref: TProposalRef): Promise<ProposalRow> {
  if (ref.kind === 'claim') {
    const rows = await tx.$queryRaw<{ authorId: string | null; text: string; awaitingApproval: boolean; deletedAt: Date | null }[]>`
      SELECT "authorId", "text", "awaitingApproval", "deletedAt" FROM "Claim" WHERE "id" = ${ref.id} AND "mapId" = ${mapId} FOR UPDATE`;
    const row = undecided(rows[0]);
    return { kind: 'claim', id: ref.id, authorId: row.authorId, text: row.text, claimId: ref.id };
  }
  if (ref.kind === 'evidence') {
    const rows = await tx.$queryRaw<{ authorId: string | null; exact: string; awaitingApproval: boolean; deletedAt: Date | null }[]>`
      SELECT "authorId", "exact", "awaitingApproval", "deletedAt" FROM "Evidence" WHERE "id" = ${ref.id} AND "mapId" = ${mapId} FOR UPDATE`;
    const row = undecided(rows[0]);
    const link = await tx.link.findFirst({ where: { fromEvidenceId: ref.id }, select: { toClaimId: true }, orderBy: { createdAt: 'asc' } });
    return { kind: 'evidence', id: ref.id, authorId: row.authorId, text: row.exact, claimId: link?.toClaimId ?? null };
  }
  const rows = await tx.$queryRaw<{ createdById: string | null; toClaimId: string; awaitingApproval: boolean }[]>`
    SELECT "createdById", "toClaimId", "awaitingApproval" FROM "Link" WHERE "id" = ${ref.id} AND "mapId" = ${mapId} FOR UPDATE`;
  const row = undecided(rows[0]);
  const target = await tx.claim.findUnique({ where: { id: row.toClaimId }, select: { text: true } });
  return { kind: 'link', id: ref.id, authorId: row.createdById, text: target?.text ?? '', claimId: row.toClaimId };
}

async function notifyAuthor(tx: Tx, mapId: string, actorId: string | null, proposal: ProposalRow, text: string): Promise<void> {
  if (!proposal.authorId || proposal.authorId === actorId) return;
  await tx.notification.create({
    data: { userId: proposal.authorId, mapId, kind: 'decision', text, claimId: proposal.claimId },
  });
}

/**
 * Publishes proposals in one write: each must still await a decision (else CONFLICT, nothing changes). A
 * claim or passage is published with the links it was proposed with; `edits` replaces a claim's text first
 * (edit and approve). One `moderation.approved` event carries everything, so every view gains it at once.
 */
async function approveInTx(tx: Tx, mapId: string, actorId: string | null, refs: TProposalRef[], edits: ReadonlyMap<string, string>) {
  const claimIds: string[] = [];
  const evidenceIds: string[] = [];
  const linkIds: string[] = [];
  const seen = new Set<string>();
  for (const ref of refs) {
    const key = `${ref.kind}:${ref.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const proposal = await lockProposal(tx, mapId, ref);
    if (ref.kind === 'claim') {
      const text = edits.get(ref.id);
      const isEdited = text !== undefined && text !== proposal.text;
      await tx.claim.update({
        where: { id: ref.id },
        data: { awaitingApproval: false, ...(isEdited ? { text, version: { increment: 1 } } : {}) },
      });
      await publishLinks(tx, mapId, { fromClaimId: ref.id });
      claimIds.push(ref.id);
      await notifyAuthor(
        tx,
        mapId,
        actorId,
        proposal,
        decisionText({ ...proposal, text: isEdited ? text : proposal.text }, 'approve', { isEdited }),
      );
    } else if (ref.kind === 'evidence') {
      await tx.evidence.update({ where: { id: ref.id }, data: { awaitingApproval: false } });
      await publishLinks(tx, mapId, { fromEvidenceId: ref.id });
      evidenceIds.push(ref.id);
      await notifyAuthor(tx, mapId, actorId, proposal, decisionText(proposal, 'approve'));
    } else {
      await publishLinks(tx, mapId, { id: ref.id });
      linkIds.push(ref.id);
      await notifyAuthor(tx, mapId, actorId, proposal, decisionText(proposal, 'approve'));
    }
  }
  const [claimRows, evidenceRows, links] = await Promise.all([
    tx.claim.findMany({ where: { id: { in: claimIds } }, select: CLAIM_VIEW_SELECT, orderBy: { createdAt: 'asc' } }),
    tx.evidence.findMany({ where: { id: { in: evidenceIds } }, select: EVIDENCE_VIEW_SELECT, orderBy: { createdAt: 'asc' } }),
    // Every published link touching what was published: readers drop those whose other end they do not have.
    tx.link.findMany({
      where: {
        mapId,
        awaitingApproval: false,
        OR: [
          { id: { in: linkIds } },
          { fromClaimId: { in: claimIds } },
          { toClaimId: { in: claimIds } },
          { fromEvidenceId: { in: evidenceIds } },
        ],
      },
      select: LINK_VIEW_SELECT,
      orderBy: { createdAt: 'asc' },
    }),
  ]);
  const claims = claimRows.map((row) => ({ ...toClaimPayload(row), awaitingApproval: false }));
  const evidence = evidenceRows.map((row) => ({ ...toEvidencePayload(row), awaitingApproval: false }));
  const event: EventDraft = { type: 'moderation.approved', payload: { claims, evidence, links } };
  return { result: { approved: { claimIds, evidenceIds, linkIds } }, events: [event] };
}

/** Turns a proposal down: it is removed (kept in the table with the reason), and its author is told why. */
async function rejectInTx(tx: Tx, mapId: string, actorId: string | null, ref: TProposalRef, reason: string | null) {
  const proposal = await lockProposal(tx, mapId, ref);
  const now = new Date();
  let claimIds: string[] = [];
  let evidenceIds: string[] = [];
  let linkIds: string[] = [];
  if (ref.kind === 'claim') {
    await tx.claim.update({ where: { id: ref.id }, data: { deletedAt: now, rejectionReason: reason } });
    const links = await tx.link.findMany({ where: { OR: [{ fromClaimId: ref.id }, { toClaimId: ref.id }] }, select: { id: true } });
    claimIds = [ref.id];
    linkIds = links.map((link) => link.id);
  } else if (ref.kind === 'evidence') {
    await tx.evidence.update({ where: { id: ref.id }, data: { deletedAt: now, rejectionReason: reason } });
    const links = await tx.link.findMany({ where: { fromEvidenceId: ref.id }, select: { id: true } });
    evidenceIds = [ref.id];
    linkIds = links.map((link) => link.id);
  } else {
    await tx.link.delete({ where: { id: ref.id } });
    linkIds = [ref.id];
  }
  await notifyAuthor(tx, mapId, actorId, proposal, decisionText(proposal, 'reject', { reason }));
  const event: EventDraft = {
    type: 'moderation.rejected',
    payload: { kind: ref.kind, id: ref.id, text: proposal.text, reason, claimIds, evidenceIds, linkIds },
    // Nobody else ever saw the proposal: only its author and the moderators hear of the decision.
    audienceUserId: proposal.authorId ?? actorId,
  };
  return { result: { rejected: { claimIds, evidenceIds, linkIds } }, events: [event] };
}

export interface DecisionResult {
  approved?: { claimIds: string[]; evidenceIds: string[]; linkIds: string[] };
  rejected?: { claimIds: string[]; evidenceIds: string[]; linkIds: string[] };
  seq: number;
}

/** Approve, edit and approve, or reject one proposal. The caller moderates `context.mapId`, the proposal's own map. */
export async function decideProposal(db: Db, context: WriteContext, input: TModerationDecideInput): Promise<DecisionResult> {
  const { mapId, actor } = context;
  const ref = { kind: input.kind, id: input.id };
  return runMapWrite<Omit<DecisionResult, 'seq'>>(db, mapId, context, (tx) =>
    input.decision === 'approve'
      ? approveInTx(tx, mapId, actor.id, [ref], new Map(input.text !== undefined ? [[input.id, input.text]] : []))
      : rejectInTx(tx, mapId, actor.id, ref, input.reason ? input.reason : null),
  );
}

/** Bulk approve: every listed proposal of the map, all or none. */
export async function approveProposals(
  db: Db,
  context: WriteContext,
  input: Pick<TModerationApproveManyInput, 'items'>,
): Promise<DecisionResult> {
  return runMapWrite<Omit<DecisionResult, 'seq'>>(db, context.mapId, context, (tx) =>
    approveInTx(tx, context.mapId, context.actor.id, input.items, new Map()),
  );
}
