import type { Db } from '@/server/db';
import type { Actor } from '@/server/access/actor';
import { getMapAccess } from '@/server/access/map-access';
import { getModerationStanding } from '@/server/access/moderator-access';
import type { MapRoleName } from '@/shared/roles';
import { redactEvent, type MapEventBody } from '@/shared/events';
import type { MapEventView, StoredMapEvent } from './event-types';
import { isInEventAudience, shouldHideIdentities, shouldHideVoteResults, type RedactionContext } from './redaction-rules';

/**
 * Everything needed to show one recipient a map's events: their role, the map's teacher
 * controls, and (only while blind voting hides results) the targets they have voted on.
 */
export interface Recipient extends RedactionContext {
  userId: string | null;
  role: MapRoleName;
  /** Targets (claim or evidence ids) the recipient has voted on; null when blind voting hides nothing. */
  votedTargets: Set<string> | null;
  /** The owner, or an editor the owner made moderator: sees proposals awaiting approval. */
  isModerator: boolean;
}

/**
 * Reads the recipient's current standing on the map; null when they may no longer view it.
 * Called when a stream opens, when a membership or settings event passes, and periodically.
 */
export async function loadRecipient(db: Db, actor: Actor | null, mapId: string): Promise<Recipient | null> {
  const [access, settings, moderation] = await Promise.all([
    getMapAccess(db, mapId, actor),
    db.map.findUnique({ where: { id: mapId }, select: { isBlindVoting: true, resultsRevealed: true } }),
    getModerationStanding(db, mapId, actor),
  ]);
  if (!access || access.role === null || !settings) return null;
  const isOwner = access.role === 'owner';
  const context = {
    isAnonymous: access.map.isAnonymous,
    isBlindVoting: settings.isBlindVoting,
    resultsRevealed: settings.resultsRevealed,
    isOwner,
  };
  let votedTargets: Set<string> | null = null;
  // Only worth knowing while some results are hidden from this recipient.
  if (shouldHideVoteResults(context, false)) {
    votedTargets = new Set();
    if (actor) {
      const votes = await db.vote.findMany({ where: { mapId, userId: actor.id }, select: { claimId: true, evidenceId: true } });
      for (const vote of votes) {
        const target = vote.claimId ?? vote.evidenceId;
        if (target) votedTargets.add(target);
      }
    }
  }
  return { ...context, userId: actor?.id ?? null, role: access.role, votedTargets, isModerator: moderation.isModerator };
}

/**
 * Keeps the recipient's "has voted on" set current as their own vote events pass, so a blind
 * result is revealed to them from the event in which they vote, in stream order.
 */
export function trackOwnVote(recipient: Recipient, event: StoredMapEvent): void {
  if (event.type !== 'vote.changed' || !recipient.votedTargets || !recipient.userId) return;
  const vote = event.payload;
  if ((vote.voterId ?? event.actorId) !== recipient.userId) return;
  if (vote.value === null) recipient.votedTargets.delete(vote.targetId);
  else recipient.votedTargets.add(vote.targetId);
}

/** Whether blind voting hides this event's vote fields from the recipient. */
function hidesVotes(recipient: Recipient, event: StoredMapEvent): boolean {
  if (event.type !== 'vote.changed') return false;
  const hasVoted = recipient.votedTargets?.has(event.payload.targetId) ?? true;
  return shouldHideVoteResults(recipient, hasVoted);
}

/**
 * The event as this recipient may see it: blind results and anonymous identities removed, and an
 * event outside their audience (someone else's proposal) replaced by a placeholder with the same seq.
 */
export function redactEventFor(
  recipient: Recipient,
  event: StoredMapEvent,
  hiddenCommentIds: ReadonlySet<string> = NO_HIDDEN_COMMENTS,
): MapEventView {
  const { audienceUserId, ...stored } = event;
  if (!isInEventAudience(recipient, audienceUserId)) return withheld(stored);
  const isOwn = recipient.userId !== null && event.actorId === recipient.userId;
  const hide = shouldHideIdentities(recipient);
  const body = recipient.role === 'owner' ? stored : withoutHiddenCommentText(stored, hiddenCommentIds);
  return {
    ...redactEvent(body, { hideIdentities: hide, hideVotes: hidesVotes(recipient, event) }),
    actorId: hide ? null : event.actorId,
    actorName: hide ? null : event.actorName,
    isOwn,
  };
}

const NO_HIDDEN_COMMENTS: ReadonlySet<string> = new Set();

/** A comment the owner hid since: its text is for the owner only; everyone else gets the hidden form. */
function withoutHiddenCommentText<B extends MapEventBody>(event: B, hidden: ReadonlySet<string>): B {
  if (!hidden.size) return event;
  const body: MapEventBody = event;
  // Same type out as in: only the text is emptied and the hidden flag (declared in the schema) set.
  if (body.type === 'comment.created' && hidden.has(body.payload.comment.id)) {
    return { ...event, payload: { ...body.payload, comment: { ...body.payload.comment, text: '', isHidden: true } } };
  }
  if (body.type === 'comment.updated' && hidden.has(body.payload.commentId)) {
    return { ...event, payload: { ...body.payload, text: '', isHidden: true } };
  }
  return event;
}

function withheld(event: Omit<StoredMapEvent, 'audienceUserId'>): MapEventView {
  return {
    type: 'event.withheld',
    payload: {},
    seq: event.seq,
    actorId: null,
    actorName: null,
    clientMutationId: null,
    createdAt: event.createdAt,
    isOwn: false,
  };
}
