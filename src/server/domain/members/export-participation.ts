import type { Db } from '@/server/db';
import type { ReadContext } from '@/server/domain/context';
import type { MapRoleName } from '@/shared/roles';
import { rosterOf } from './list-members';

export interface ParticipationRow {
  /** The member's display name, or a stable pseudonym ("Participant 3") when names are omitted. */
  participant: string;
  role: MapRoleName;
  isGuest: boolean;
  joinedAt: Date;
  claimsWritten: number;
  evidenceAdded: number;
  votesCast: number;
}

export interface ParticipationExport {
  rows: ParticipationRow[];
  csv: string;
  filename: string;
  isAnonymous: boolean;
  namesOmitted: boolean;
}

/**
 * Per member: claims written and evidence added (still on the map) and votes cast. The export
 * is the owner's, and anonymous mode hides identities from everyone but the owner, so names are
 * included unless the owner asks for pseudonyms (for instance to show the table to the class).
 * Pseudonyms number members by joining order, so they are stable between exports.
 */
export async function exportParticipation(
  db: Db,
  context: ReadContext,
  options: { omitNames?: boolean } = {},
): Promise<ParticipationExport> {
  const { mapId } = context.access;
  const [map, members, claims, evidence, votes] = await Promise.all([
    db.map.findUniqueOrThrow({ where: { id: mapId }, select: { title: true, isAnonymous: true } }),
    rosterOf(db, mapId),
    db.claim.groupBy({ by: ['authorId'], where: { mapId, deletedAt: null, authorId: { not: null } }, _count: { _all: true } }),
    db.evidence.groupBy({ by: ['authorId'], where: { mapId, deletedAt: null, authorId: { not: null } }, _count: { _all: true } }),
    db.vote.groupBy({ by: ['userId'], where: { mapId }, _count: { _all: true } }),
  ]);
  const countBy = (rows: { key: string | null; count: number }[]) => new Map(rows.map((row) => [row.key, row.count]));
  const claimCount = countBy(claims.map((row) => ({ key: row.authorId, count: row._count._all })));
  const evidenceCount = countBy(evidence.map((row) => ({ key: row.authorId, count: row._count._all })));
  const voteCount = countBy(votes.map((row) => ({ key: row.userId, count: row._count._all })));
  const namesOmitted = options.omitNames ?? false;

  const rows = members.map((member, index): ParticipationRow => ({
    participant: namesOmitted ? `Participant ${index + 1}` : member.user.displayName,
    role: member.role,
    isGuest: member.user.isGuest,
    joinedAt: member.createdAt,
    claimsWritten: claimCount.get(member.user.id) ?? 0,
    evidenceAdded: evidenceCount.get(member.user.id) ?? 0,
    votesCast: voteCount.get(member.user.id) ?? 0,
  }));
  const header = ['participant', 'role', 'account', 'joined_at', 'claims_written', 'evidence_added', 'votes_cast'];
  const lines = [
    header,
    ...rows.map((row) => [
      row.participant,
      row.role,
      row.isGuest ? 'guest' : 'registered',
      row.joinedAt.toISOString(),
      String(row.claimsWritten),
      String(row.evidenceAdded),
      String(row.votesCast),
    ]),
  ];
  const csv = lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';
  const date = new Date().toISOString().slice(0, 10);
  return { rows, csv, filename: `participation-${slugify(map.title)}-${date}.csv`, isAnonymous: map.isAnonymous, namesOmitted };
}

/**
 * RFC 4180 quoting, and a leading apostrophe on anything a spreadsheet would run as a formula
 * (display names are chosen by their users).
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50);
  return slug || 'map';
}
