/**
 * The one function that changes a map view: `applyEvent(view, event)`. Confirmed events from the
 * stream and the client's own predictions (optimistic updates) both go through it, so a prediction
 * and the event that confirms it cannot disagree on what a change means.
 *
 * Pure; idempotent for confirmed events (an event at or below the view's `lastSeq` changes nothing);
 * returns the same object when nothing changes, so nothing re-renders.
 */
import type { ClaimView, EvidenceView, LinkView, MapView, SourceSummaryView } from '@/server/domain/maps/get-map';
import type { MapEventBody, MapEventOf } from '@/shared/events';
import { applyVoteChange, canSeeVoteResults, emptySummary } from '@/shared/votes';
import { sameValue } from '@/shared/same-value';

/**
 * An event to apply: a confirmed one (with its seq) or a prediction (seq null) that the client
 * made for a write still in flight, carrying the write's client mutation id.
 */
export type AppliedEvent = MapEventBody & {
  seq: number | null;
  isOwn: boolean;
  clientMutationId: string | null;
  createdAt: Date;
};

type Applied<T extends MapEventBody['type']> = Extract<AppliedEvent, { type: T }>;

/** The id of the optimistic claim shown while `claim.create` with this client mutation id is in flight. */
export const pendingClaimId = (clientMutationId: string) => `pending-${clientMutationId}`;
export const pendingLinkId = (clientMutationId: string) => `pending-link-${clientMutationId}`;
export const isPendingId = (id: string) => id.startsWith('pending-');

/** Blind voting: may this viewer see a target's aggregates? (The one rule, from src/shared/votes.) */
export function canSeeResults(view: MapView, hasVoted: boolean): boolean {
  return canSeeVoteResults(
    { isBlindVoting: view.map.isBlindVoting, resultsRevealed: view.map.resultsRevealed, isOwner: view.role === 'owner' },
    hasVoted,
  );
}

const hidesIdentities = (view: MapView) => view.map.isAnonymous && view.role !== 'owner';

/**
 * Whether, after this confirmed event, the view needs a fresh `map.get`: the event changes what
 * this viewer may see (anonymity, blind results, their role) or brings back data the event does
 * not carry (a restored node's votes).
 */
export function needsRefetch(view: MapView | undefined, event: MapEventBody): boolean {
  if (!view) return false;
  switch (event.type) {
    case 'map.updated':
      return (
        (event.payload.isAnonymous !== undefined && event.payload.isAnonymous !== view.map.isAnonymous) ||
        (event.payload.isBlindVoting !== undefined && event.payload.isBlindVoting !== view.map.isBlindVoting)
      );
    case 'results.revealed':
      return !canSeeResults(view, false);
    case 'claim.restored':
    case 'evidence.restored':
    case 'member.changed':
    case 'member.removed':
      return true;
    default:
      return false;
  }
}

export function applyEvent(view: MapView, event: AppliedEvent): MapView {
  if (event.seq !== null && event.seq <= view.map.lastSeq) return view;
  const next = reduce(view, event);
  if (event.seq === null) return next;
  return { ...next, map: { ...next.map, lastSeq: event.seq } };
}

function reduce(view: MapView, event: AppliedEvent): MapView {
  switch (event.type) {
    case 'map.created':
    case 'share.changed':
    case 'member.changed':
    case 'member.removed':
    case 'comment.updated':
    case 'comment.resolved':
    case 'snapshot.created':
    case 'event.withheld':
      return view;
    case 'moderation.approved':
      return applyApproved(view, event);
    case 'moderation.rejected':
      return applyRejected(view, event);
    case 'comment.created':
      return countComment(view, event.payload.comment.targetId, +1);
    case 'comment.deleted':
    case 'comment.hidden':
      return event.payload.wasCounted ? countComment(view, event.payload.targetId, -1) : view;
    case 'map.updated':
      return patchMap(view, event);
    case 'results.revealed':
      return view.map.resultsRevealed ? view : { ...view, map: { ...view.map, resultsRevealed: true } };
    case 'claim.created':
    case 'claim.restored':
      return applyClaimArrived(view, event);
    case 'claim.updated': {
      const current = view.claims.find((claim) => claim.id === event.payload.claimId);
      if (!current || event.payload.version <= current.version) return view;
      return replaceById(view, 'claims', {
        ...current,
        text: event.payload.text,
        version: event.payload.version,
        updatedAt: event.createdAt,
      });
    }
    case 'claim.moved':
      return applyMoves(view, event.payload.moves);
    case 'claim.deleted':
      return removeClaim(view, event.payload.claimId);
    case 'link.created':
      return upsertLinks(view, [event.payload.link]);
    case 'link.updated': {
      const current = view.links.find((link) => link.id === event.payload.linkId);
      if (!current || current.relation === event.payload.relation) return view;
      return replaceById(view, 'links', { ...current, relation: event.payload.relation });
    }
    case 'link.deleted':
      return removeLinks(view, new Set([event.payload.linkId]));
    case 'source.created':
    case 'source.updated':
      return applySource(view, event);
    case 'source.deleted':
      return removeSource(view, event);
    case 'evidence.created':
    case 'evidence.updated':
    case 'evidence.restored':
      return applyEvidenceArrived(view, event);
    case 'evidence.deleted':
      return removeEvidence(view, event.payload.evidenceId);
    case 'vote.changed':
      return applyVote(view, event);
  }
}

function patchMap(view: MapView, event: Applied<'map.updated'>): MapView {
  const changes = Object.fromEntries(Object.entries(event.payload).filter(([, value]) => value !== undefined));
  const map = { ...view.map, ...changes };
  const isSame = Object.keys(changes).every((key) => map[key as keyof typeof map] === view.map[key as keyof typeof map]);
  return isSame ? view : { ...view, map };
}

// ——— Claims and links ——————————————————————————————————————————————————————————————————

function applyClaimArrived(view: MapView, event: Applied<'claim.created' | 'claim.restored'>): MapView {
  let next = view;
  // The confirmed creation replaces the optimistic placeholder of the same write.
  if (event.seq !== null && event.clientMutationId) next = removeClaim(next, pendingClaimId(event.clientMutationId));
  const payload = event.payload;
  const existing = next.claims.find((claim) => claim.id === payload.claim.id);
  if (!existing || existing.version <= payload.claim.version) {
    const hide = hidesIdentities(next);
    const claim: ClaimView = {
      strength: 0.5,
      votes: canSeeResults(next, false) ? emptySummary() : null,
      myVote: null,
      ...existing,
      ...payload.claim,
      // Events written before claims had titles carry none: keep what the view knows.
      title: payload.claim.title !== undefined ? payload.claim.title : (existing?.title ?? null),
      tags: payload.claim.tags ?? existing?.tags ?? [],
      authorId: hide ? null : payload.claim.authorId,
      authorName: hide ? null : payload.claim.authorName,
    };
    next = existing && sameFields(existing, claim) ? next : upsertById(next, 'claims', claim);
  }
  const links = event.type === 'claim.created' ? (event.payload.link ? [event.payload.link] : []) : event.payload.links;
  return upsertLinks(next, links);
}

function removeClaim(view: MapView, claimId: string): MapView {
  const claims = view.claims.filter((claim) => claim.id !== claimId);
  const links = view.links.filter((link) => link.fromClaimId !== claimId && link.toClaimId !== claimId);
  if (claims.length === view.claims.length && links.length === view.links.length) return view;
  return { ...view, claims, links };
}

/** Adds or replaces links; a link whose ends are not in the view (deleted, not arrived) stays hidden as map.get hides it. */
function upsertLinks(view: MapView, links: LinkView[]): MapView {
  if (!links.length) return view;
  const claimIds = new Set(view.claims.map((claim) => claim.id));
  const evidenceIds = new Set(view.evidence.map((item) => item.id));
  let next = view;
  for (const link of links) {
    const hasFrom = link.fromClaimId ? claimIds.has(link.fromClaimId) : evidenceIds.has(link.fromEvidenceId ?? '');
    if (!hasFrom || !claimIds.has(link.toClaimId)) continue;
    const current = next.links.find((item) => item.id === link.id);
    if (current && sameFields(current, link)) continue;
    next = upsertById(next, 'links', pickLink(link));
  }
  return next;
}

function pickLink(link: LinkView): LinkView {
  const { id, fromClaimId, fromEvidenceId, toClaimId, relation, scheme, awaitingApproval } = link;
  return {
    id,
    fromClaimId,
    fromEvidenceId,
    toClaimId,
    relation,
    ...(scheme !== undefined ? { scheme } : {}),
    ...(awaitingApproval ? { awaitingApproval } : {}),
  };
}

function removeLinks(view: MapView, ids: ReadonlySet<string>): MapView {
  const links = view.links.filter((link) => !ids.has(link.id));
  return links.length === view.links.length ? view : { ...view, links };
}

function applyMoves(view: MapView, moves: MapEventOf<'claim.moved'>['payload']['moves']): MapView {
  if (!moves.length) return view;
  const claimMoves = new Map(moves.filter((move) => move.kind === 'claim').map((move) => [move.id, move]));
  const evidenceMoves = new Map(moves.filter((move) => move.kind === 'evidence').map((move) => [move.id, move]));
  const moveAll = <T extends ClaimView | EvidenceView>(items: T[], byId: Map<string, { x: number; y: number }>): T[] => {
    if (!byId.size) return items;
    let isChanged = false;
    const next = items.map((item) => {
      const to = byId.get(item.id);
      if (!to || (to.x === item.x && to.y === item.y)) return item;
      isChanged = true;
      return { ...item, x: to.x, y: to.y };
    });
    return isChanged ? next : items;
  };
  const claims = moveAll(view.claims, claimMoves);
  const evidence = moveAll(view.evidence, evidenceMoves);
  return claims === view.claims && evidence === view.evidence ? view : { ...view, claims, evidence };
}

// ——— Moderation ———————————————————————————————————————————————————————————————————————————

/**
 * Approved proposals: for their author and the moderators they were there (marked), for everyone else
 * they arrive now. Either way they are published: claims first, then passages, then the links between.
 */
function applyApproved(view: MapView, event: Applied<'moderation.approved'>): MapView {
  const hide = hidesIdentities(view);
  const empty = { strength: 0.5, votes: canSeeResults(view, false) ? emptySummary() : null, myVote: null };
  let next = view;
  for (const payload of event.payload.claims) {
    const existing = next.claims.find((claim) => claim.id === payload.id);
    const claim: ClaimView = {
      ...empty,
      ...existing,
      ...payload,
      title: payload.title !== undefined ? payload.title : (existing?.title ?? null),
      tags: payload.tags ?? existing?.tags ?? [],
      authorId: hide ? null : payload.authorId,
      authorName: hide ? null : payload.authorName,
      awaitingApproval: false,
    };
    next = upsertById(next, 'claims', claim);
  }
  for (const payload of event.payload.evidence) {
    const existing = next.evidence.find((item) => item.id === payload.id);
    const evidence: EvidenceView = {
      ...empty,
      ...existing,
      ...payload,
      authorId: hide ? null : payload.authorId,
      authorName: hide ? null : payload.authorName,
      awaitingApproval: false,
    };
    next = upsertById(next, 'evidence', evidence);
    if (!existing) next = countEvidence(next, evidence.sourceId, +1);
  }
  return upsertLinks(
    next,
    event.payload.links.map((link) => ({ ...link, awaitingApproval: false })),
  );
}

/** A rejected proposal leaves the views of its author and the moderators (nobody else had it). */
function applyRejected(view: MapView, event: Applied<'moderation.rejected'>): MapView {
  let next = removeLinks(view, new Set(event.payload.linkIds));
  for (const id of event.payload.evidenceIds) next = removeEvidence(next, id);
  for (const id of event.payload.claimIds) next = removeClaim(next, id);
  return next;
}

// ——— Sources and evidence ——————————————————————————————————————————————————————————————

function applySource(view: MapView, event: Applied<'source.created' | 'source.updated'>): MapView {
  const { id, title, author, publisher, url, publishedAt, textLength, evidenceCount } = event.payload.source;
  const existing = view.sources.find((source) => source.id === id);
  const source: SourceSummaryView = { ...existing, id, title, author, publisher, url, publishedAt, textLength, evidenceCount };
  let next = existing && sameFields(existing, source) ? view : upsertById(view, 'sources', source);
  if (event.type === 'source.updated') {
    for (const passage of event.payload.evidence) {
      const current = next.evidence.find((item) => item.id === passage.id);
      if (!current) continue;
      const { exact, prefix, suffix, start, end, isOrphaned } = passage;
      const patched = { ...current, exact, prefix, suffix, start, end, isOrphaned };
      if (!sameFields(current, patched)) next = replaceById(next, 'evidence', patched);
    }
  }
  return next;
}

function removeSource(view: MapView, event: Applied<'source.deleted'>): MapView {
  let next = view;
  for (const evidenceId of event.payload.evidenceIds) next = removeEvidence(next, evidenceId, { countInSource: false });
  next = removeLinks(next, new Set(event.payload.linkIds));
  const sources = next.sources.filter((source) => source.id !== event.payload.sourceId);
  return sources.length === next.sources.length ? next : { ...next, sources };
}

function applyEvidenceArrived(view: MapView, event: Applied<'evidence.created' | 'evidence.updated' | 'evidence.restored'>): MapView {
  const payload = event.payload;
  const existing = view.evidence.find((item) => item.id === payload.evidence.id);
  const hide = hidesIdentities(view);
  const evidence: EvidenceView = {
    strength: 0.5,
    votes: canSeeResults(view, false) ? emptySummary() : null,
    myVote: null,
    ...existing,
    ...payload.evidence,
    authorId: hide ? null : payload.evidence.authorId,
    authorName: hide ? null : payload.evidence.authorName,
  };
  let next = existing && sameFields(existing, evidence) ? view : upsertById(view, 'evidence', evidence);
  if (!existing) next = countEvidence(next, evidence.sourceId, +1);
  const links = event.type === 'evidence.created' ? [event.payload.link] : event.payload.links;
  if (event.type !== 'evidence.created') {
    // The passage's links are exactly those listed: a re-pointed link leaves its old claim.
    const listed = new Set(links.map((link) => link.id));
    const stale = next.links.filter((link) => link.fromEvidenceId === evidence.id && !listed.has(link.id)).map((link) => link.id);
    if (stale.length) next = removeLinks(next, new Set(stale));
  }
  return upsertLinks(next, links);
}

function removeEvidence(view: MapView, evidenceId: string, options = { countInSource: true }): MapView {
  const item = view.evidence.find((entry) => entry.id === evidenceId);
  if (!item) return view;
  const next: MapView = {
    ...view,
    evidence: view.evidence.filter((entry) => entry.id !== evidenceId),
    links: view.links.filter((link) => link.fromEvidenceId !== evidenceId),
  };
  return options.countInSource ? countEvidence(next, item.sourceId, -1) : next;
}

function countEvidence(view: MapView, sourceId: string, delta: number): MapView {
  const source = view.sources.find((item) => item.id === sourceId);
  if (!source) return view;
  return replaceById(view, 'sources', { ...source, evidenceCount: Math.max(0, source.evidenceCount + delta) });
}

// ——— Votes ——————————————————————————————————————————————————————————————————————————————

/**
 * A vote event: the reader's own vote (`isOwn`) sets `myVote`. A summary present is one this reader
 * may see (the server removed it otherwise). A prediction without a summary derives it from the
 * view it is applied to, so a prediction rebased over newer votes stays right.
 */
function applyVote(view: MapView, event: Applied<'vote.changed'>): MapView {
  const { targetKind, targetId, value, summary } = event.payload;
  const list = targetKind === 'claim' ? view.claims : view.evidence;
  const node = list.find((item) => item.id === targetId);
  if (!node) return view;
  const myVote = event.isOwn ? value : node.myVote;
  const isVisible = canSeeResults(view, myVote !== null);
  let votes = summary;
  if (event.seq === null && event.isOwn && summary === null)
    votes = isVisible && node.votes ? applyVoteChange(node.votes, node.myVote, value) : null;
  votes ??= isVisible ? node.votes : null;
  if (myVote === node.myVote && sameValue(votes, node.votes)) return view;
  const patched = { ...node, myVote, votes };
  return targetKind === 'claim'
    ? replaceById(view, 'claims', patched as ClaimView)
    : replaceById(view, 'evidence', patched as EvidenceView);
}

// ——— Comments ——————————————————————————————————————————————————————————————————————————

/** The thread itself is read with `comment.list`; the view keeps only each target's count of visible comments. */
function countComment(view: MapView, targetId: string, delta: number): MapView {
  const counts = view.commentCounts ?? {};
  const next = Math.max(0, (counts[targetId] ?? 0) + delta);
  if (next === (counts[targetId] ?? 0)) return view;
  return { ...view, commentCounts: { ...counts, [targetId]: next } };
}

// ——— Helpers ————————————————————————————————————————————————————————————————————————————

type ListKey = 'claims' | 'links' | 'sources' | 'evidence';
type ItemOf<K extends ListKey> = MapView[K][number];

function upsertById<K extends ListKey>(view: MapView, key: K, item: ItemOf<K>): MapView {
  const list = view[key] as ItemOf<K>[];
  const at = list.findIndex((entry) => entry.id === item.id);
  const next = list.slice();
  if (at === -1) next.push(item);
  else next[at] = item;
  return { ...view, [key]: next };
}

function replaceById<K extends ListKey>(view: MapView, key: K, item: ItemOf<K>): MapView {
  const list = view[key] as ItemOf<K>[];
  return list.some((entry) => entry.id === item.id) ? upsertById(view, key, item) : view;
}

function sameFields(existing: object, next: object): boolean {
  return sameValue(existing, next);
}

/** Ids of the nodes and links an event created or changed (for the editor's brief highlight). */
export function touchedIds(event: MapEventBody): string[] {
  switch (event.type) {
    case 'claim.created':
      return [event.payload.claim.id, ...(event.payload.link ? [event.payload.link.id] : [])];
    case 'claim.restored':
      return [event.payload.claim.id, ...event.payload.links.map((link) => link.id)];
    case 'claim.updated':
      return [event.payload.claimId];
    case 'claim.moved':
      return event.payload.moves.map((move) => move.id);
    case 'link.created':
      return [event.payload.link.id];
    case 'link.updated':
      return [event.payload.linkId];
    case 'vote.changed':
      return [event.payload.targetId];
    case 'evidence.created':
    case 'evidence.updated':
    case 'evidence.restored':
      return [event.payload.evidence.id];
    case 'evidence.deleted':
      return [event.payload.evidenceId];
    case 'source.created':
    case 'source.updated':
      return [event.payload.source.id];
    case 'moderation.approved':
      return [...event.payload.claims, ...event.payload.evidence, ...event.payload.links].map((item) => item.id);
    default:
      return [];
  }
}
