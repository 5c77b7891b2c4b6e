import type { Db } from '@/server/db';
import type { ReadContext } from '@/server/domain/context';
import type { TProposalKind } from '@/shared/schemas/moderation';
import type { TRelation } from '@/shared/schemas/claim';

export interface ProposalParent {
  kind: 'claim';
  id: string;
  text: string;
  relation: TRelation;
}

/** One item of a moderator's review queue. */
export interface ProposalView {
  kind: TProposalKind;
  id: string;
  /** The claim's text, the quoted passage, or for a link the claim it starts from. */
  text: string;
  /** An evidence passage's note; null otherwise. */
  note: string | null;
  sourceTitle: string | null;
  authorId: string | null;
  /** Null where anonymous mode hides names from this moderator. */
  authorName: string | null;
  /** What the proposal supports or opposes. */
  parent: ProposalParent | null;
  createdAt: Date;
}

export interface ModerationQueue {
  items: ProposalView[];
}

/**
 * The proposals of a map awaiting approval, oldest first: claims and passages (each with the link it was
 * proposed with), and links proposed on their own between published nodes. The caller moderates the map.
 */
export async function listProposals(db: Db, context: ReadContext): Promise<ModerationQueue> {
  const { access } = context;
  const mapId = access.mapId;
  const hideNames = access.map.isAnonymous && access.role !== 'owner';
  const author = { select: { displayName: true } } as const;
  const awaitingOnMap = { mapId, awaitingApproval: true, deletedAt: null };
  // The link a claim or passage was proposed with: its first.
  const proposedLink = {
    select: { relation: true, toClaim: { select: { id: true, text: true } } },
    take: 1,
    orderBy: { createdAt: 'asc' },
  } as const;
  const [claims, evidence, links] = await Promise.all([
    db.claim.findMany({
      where: awaitingOnMap,
      orderBy: { createdAt: 'asc' },
      select: {
        id: true,
        text: true,
        authorId: true,
        createdAt: true,
        author,
        outgoing: proposedLink,
      },
    }),
    db.evidence.findMany({
      where: awaitingOnMap,
      orderBy: { createdAt: 'asc' },
      select: {
        id: true,
        exact: true,
        note: true,
        authorId: true,
        createdAt: true,
        author,
        source: { select: { title: true } },
        links: proposedLink,
      },
    }),
    db.link.findMany({
      where: {
        mapId,
        awaitingApproval: true,
        // A link proposed with its claim or passage is decided with it.
        OR: [{ fromClaim: { awaitingApproval: false, deletedAt: null } }, { fromEvidence: { awaitingApproval: false, deletedAt: null } }],
        toClaim: { deletedAt: null },
      },
      orderBy: { createdAt: 'asc' },
      select: {
        id: true,
        relation: true,
        createdById: true,
        createdAt: true,
        fromClaim: { select: { text: true } },
        fromEvidence: { select: { exact: true } },
        toClaim: { select: { id: true, text: true } },
      },
    }),
  ]);
  const authorIds = [...new Set(links.map((link) => link.createdById).filter((id): id is string => id !== null))];
  const linkAuthors = authorIds.length
    ? new Map((await db.user.findMany({ where: { id: { in: authorIds } }, select: { id: true, displayName: true } })).map((u) => [u.id, u]))
    : new Map<string, { displayName: string }>();

  const who = (authorId: string | null, name: string | null | undefined) => ({
    authorId: hideNames ? null : authorId,
    authorName: hideNames ? null : (name ?? null),
  });
  const parentOf = (link: { relation: TRelation; toClaim: { id: string; text: string } } | undefined) =>
    link ? { kind: 'claim' as const, id: link.toClaim.id, text: link.toClaim.text, relation: link.relation } : null;

  const items: ProposalView[] = [
    ...claims.map((claim) => ({
      kind: 'claim' as const,
      id: claim.id,
      text: claim.text,
      note: null,
      sourceTitle: null,
      ...who(claim.authorId, claim.author?.displayName),
      parent: parentOf(claim.outgoing[0]),
      createdAt: claim.createdAt,
    })),
    ...evidence.map((item) => ({
      kind: 'evidence' as const,
      id: item.id,
      text: item.exact,
      note: item.note,
      sourceTitle: item.source.title,
      ...who(item.authorId, item.author?.displayName),
      parent: parentOf(item.links[0]),
      createdAt: item.createdAt,
    })),
    ...links.map((link) => ({
      kind: 'link' as const,
      id: link.id,
      text: link.fromClaim?.text ?? link.fromEvidence?.exact ?? '',
      note: null,
      sourceTitle: null,
      ...who(link.createdById, link.createdById ? linkAuthors.get(link.createdById)?.displayName : null),
      parent: parentOf(link),
      createdAt: link.createdAt,
    })),
  ];
  items.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
  return { items };
}
