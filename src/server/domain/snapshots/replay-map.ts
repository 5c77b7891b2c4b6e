import type { Db } from '@/server/db';
import type { ReadContext } from '@/server/domain/context';
import type { MapAccess } from '@/server/access/map-access';
import { applyEvent } from '@/components/realtime/apply-event';
import { CLAIM_VIEW_SELECT, LINK_VIEW_SELECT } from '@/server/domain/claims/claim-select';
import { DomainError } from '@/server/domain/errors';
import { EVIDENCE_VIEW_SELECT } from '@/server/domain/evidence/evidence-select';
import { MAP_HEADER_SELECT, type MapView } from '@/server/domain/maps/get-map';
import { strengthOfMap } from '@/shared/strength/strength-of-map';
import { getModerationStanding } from '@/server/access/moderator-access';
import { isInEventAudience } from '@/server/sync/redaction-rules';
import { publishedOnly } from '@/shared/moderation';
import { readEventsAfter } from '@/server/sync/read-events';
import type { StoredMapEvent } from '@/server/sync/event-types';
import { canSeeVoteResults, emptySummary, type VoteSummary } from '@/shared/votes';

/**
 * The map as it stood after event `seq`, rebuilt by replaying its log through the client's own
 * reducer (`applyEvent`), so a snapshot means exactly what the live view meant then. The replay
 * runs with every field visible; the caller's privacy rules (anonymous mode, blind voting) are
 * applied afterwards with the map's current settings, and strengths are computed as map.get does.
 */
export async function mapViewAtSeq(db: Db, context: ReadContext, seq: number): Promise<MapView> {
  const { actor, access } = context;
  const role = access.role;
  if (!role) throw new DomainError('NOT_FOUND', 'This map does not exist or you do not have access to it.');
  const [map, events, moderation] = await Promise.all([
    db.map.findUniqueOrThrow({
      where: { id: access.mapId },
      select: MAP_HEADER_SELECT,
    }),
    seq > 0 ? readEventsAfter(db, access.mapId, 0, seq) : Promise.resolve([]),
    getModerationStanding(db, access.mapId, context.actor),
  ]);
  const viewer = { userId: context.actor?.id ?? null, isModerator: moderation.isModerator };
  const { owner, ...mapFields } = map;
  let view: MapView = {
    map: { ...mapFields, ownerName: owner.displayName, isAnonymous: false, isBlindVoting: false, lastSeq: 0 },
    role: 'owner',
    isMember: access.isMember,
    claims: [],
    links: [],
    sources: [],
    evidence: [],
    strengthMeta: { converged: true, hasCycles: false },
    commentCounts: {},
  };
  const summaries = new Map<string, VoteSummary | null>();
  const myVotes = new Map<string, number | null>();
  for (const event of events) {
    // Someone else's proposal (and the decision on it) is replayed only for its author and the moderators.
    if (!isInEventAudience(viewer, event.audienceUserId)) continue;
    if (event.type === 'map.created') {
      view = { ...view, map: { ...view.map, title: event.payload.title } };
      // An import writes its content in the creating transaction without an event per row.
      if (event.payload.imported) view = await seedImported(db, view, event);
    }
    if (event.type === 'vote.changed') {
      summaries.set(event.payload.targetId, event.payload.summary);
      if ((event.payload.voterId ?? event.actorId) === actor?.id) myVotes.set(event.payload.targetId, event.payload.value);
    }
    view = applyEvent(view, { ...event, isOwn: event.actorId !== null && event.actorId === actor?.id, clientMutationId: null });
  }
  return finish(view, { map, role, seq, summaries, myVotes });
}

interface FinishInput {
  map: { isAnonymous: boolean; isBlindVoting: boolean; resultsRevealed: boolean; ownerId: string; owner: { displayName: string } };
  role: NonNullable<MapAccess['role']>;
  seq: number;
  summaries: Map<string, VoteSummary | null>;
  myVotes: Map<string, number | null>;
}

/** The caller's view of the replayed state: names and blind results hidden as the map's settings say now. */
function finish(view: MapView, { map, role, seq, summaries, myVotes }: FinishInput): MapView {
  const isOwner = role === 'owner';
  const hide = map.isAnonymous && !isOwner;
  const rule = { isBlindVoting: map.isBlindVoting, resultsRevealed: map.resultsRevealed, isOwner };
  const present = <T extends { id: string; authorId: string | null; authorName: string | null }>(item: T) => {
    const myVote = myVotes.get(item.id) ?? null;
    const votes = canSeeVoteResults(rule, myVote !== null) ? (summaries.get(item.id) ?? emptySummary()) : null;
    return { ...item, authorId: hide ? null : item.authorId, authorName: hide ? null : item.authorName, myVote, votes };
  };
  const claims = view.claims.map(present);
  const evidence = view.evidence.map(present);
  const { strengths, converged, hasCycles } = strengthOfMap(publishedOnly({ claims, evidence, links: view.links }));
  const strengthOf = (id: string) => strengths[id] ?? 0.5;
  return {
    ...view,
    map: {
      ...view.map,
      isAnonymous: map.isAnonymous,
      isBlindVoting: map.isBlindVoting,
      resultsRevealed: map.resultsRevealed,
      ownerId: hide ? '' : map.ownerId,
      ownerName: hide ? null : map.owner.displayName,
      lastSeq: seq,
    },
    role,
    claims: claims.map((claim) => ({ ...claim, strength: strengthOf(claim.id) })),
    evidence: evidence.map((item) => ({ ...item, strength: strengthOf(item.id) })),
    strengthMeta: { converged, hasCycles },
  };
}

/**
 * The rows an import created, as the replay's starting point: everything of the map created no later
 * than its map.created event (deleted ones included: they existed then). Imported claims keep their
 * current text: an edit records the new text only, so an edit made after the import shows from the start.
 */
async function seedImported(db: Db, view: MapView, event: StoredMapEvent): Promise<MapView> {
  const mapId = view.map.id;
  const upTo = { lte: event.createdAt };
  const [claims, links, sources, evidence] = await Promise.all([
    db.claim.findMany({ where: { mapId, createdAt: upTo }, orderBy: { createdAt: 'asc' }, select: CLAIM_VIEW_SELECT }),
    db.link.findMany({ where: { mapId, createdAt: upTo }, orderBy: { createdAt: 'asc' }, select: LINK_VIEW_SELECT }),
    db.source.findMany({
      where: { mapId, createdAt: upTo },
      select: { id: true, title: true, author: true, publisher: true, url: true, publishedAt: true, text: true },
    }),
    db.evidence.findMany({ where: { mapId, createdAt: upTo }, orderBy: { createdAt: 'asc' }, select: EVIDENCE_VIEW_SELECT }),
  ]);
  const base = { votes: null, myVote: null, strength: 0.5 };
  return {
    ...view,
    claims: claims.map(({ author, ...claim }) => ({ ...claim, ...base, version: 1, authorName: author?.displayName ?? null })),
    links,
    sources: sources.map(({ text, ...source }) => ({
      ...source,
      textLength: text.length,
      evidenceCount: evidence.filter((item) => item.sourceId === source.id).length,
    })),
    evidence: evidence.map(({ author, ...item }) => ({ ...item, ...base, authorName: author?.displayName ?? null })),
  };
}
