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
 * Everything that decides how one event looks to one recipient — and nothing else: `redactWith` reads
 * only these, so two recipients with equal decisions get identical bytes, and the fan-out serialises an
 * event once per distinct decision set (its redaction class, `redactionClassKey`) instead of once per
 * subscriber. A new rule is a new field here, computed in `redactionOf`; the class key covers every
 * field by construction, so it cannot be forgotten. A rule that restricts an event's audience (items
 * only their author and moderators may see) is such a field too: the recipients outside the audience
 * form their own class, whose rendering `redactWith` decides (withheld payload, placeholder).
 */
export interface EventRedaction {
  hideIdentities: boolean;
  hideVotes: boolean;
  /** The recipient wrote it (the client reconciles its own writes by this flag). */
  isOwn: boolean;
  /** Outside the event's audience (someone else's proposal): an `event.withheld` placeholder instead. */
  isWithheld: boolean;
  /** A comment the owner has hidden since: its text is the owner's only; everyone else gets the hidden form. */
  hideCommentText: boolean;
}

/** Everyone outside an event's audience gets the same placeholder: one class for all of them. */
const WITHHELD: EventRedaction = { hideIdentities: true, hideVotes: true, isOwn: false, isWithheld: true, hideCommentText: true };

/**
 * `hiddenComments`: the comments among the events being redacted that the owner has hidden since
 * (`hiddenCommentIdsIn`); a comment's text in the log is then withheld from everyone but the owner.
 */
export function redactionOf(
  recipient: Recipient,
  event: StoredMapEvent,
  hiddenComments: ReadonlySet<string> = NO_HIDDEN_COMMENTS,
): EventRedaction {
  if (!isInEventAudience(recipient, event.audienceUserId)) return WITHHELD;
  return {
    hideIdentities: shouldHideIdentities(recipient),
    hideVotes: hidesVotes(recipient, event),
    isOwn: recipient.userId !== null && event.actorId === recipient.userId,
    isWithheld: false,
    hideCommentText: recipient.role !== 'owner' && isHiddenComment(event, hiddenComments),
  };
}

const NO_HIDDEN_COMMENTS: ReadonlySet<string> = new Set();

function isHiddenComment(event: MapEventBody, hidden: ReadonlySet<string>): boolean {
  if (!hidden.size) return false;
  if (event.type === 'comment.created') return hidden.has(event.payload.comment.id);
  if (event.type === 'comment.updated') return hidden.has(event.payload.commentId);
  return false;
}

/** The hidden form of a comment event: its text emptied and flagged (fields the schema declares). */
function withoutCommentText<B extends MapEventBody>(event: B): B {
  const body: MapEventBody = event;
  if (body.type === 'comment.created') {
    return { ...event, payload: { ...body.payload, comment: { ...body.payload.comment, text: '', isHidden: true } } };
  }
  if (body.type === 'comment.updated') return { ...event, payload: { ...body.payload, text: '', isHidden: true } };
  return event;
}

function withheld(event: StoredMapEvent): MapEventView {
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

/** The redaction class of a decision set: equal keys, equal rendering. */
export function redactionClassKey(redaction: EventRedaction): string {
  // One digit per decision, in a fixed order: equal decisions, equal keys.
  let key = '';
  for (const field of CLASS_KEY_FIELDS) key += redaction[field] ? '1' : '0';
  return key;
}

// Every decision is part of the key: the type does not compile with one left out.
const CLASS_KEY_ORDER: { [Field in keyof EventRedaction]: number } = {
  hideIdentities: 0,
  hideVotes: 1,
  isOwn: 2,
  isWithheld: 3,
  hideCommentText: 4,
};
const CLASS_KEY_FIELDS = Object.keys(CLASS_KEY_ORDER) as (keyof EventRedaction)[];

/** The event as a recipient with these decisions may see it. */
export function redactWith(redaction: EventRedaction, event: StoredMapEvent): MapEventView {
  if (redaction.isWithheld) return withheld(event);
  const hide = redaction.hideIdentities;
  const { audienceUserId: _audienceUserId, ...stored } = event;
  const body = redaction.hideCommentText ? withoutCommentText(stored) : stored;
  return {
    ...redactEvent(body, { hideIdentities: hide, hideVotes: redaction.hideVotes }),
    actorId: hide ? null : event.actorId,
    actorName: hide ? null : event.actorName,
    isOwn: redaction.isOwn,
  };
}

/**
 * The event as this recipient may see it: blind results and anonymous identities removed, a hidden
 * comment's text withheld, and someone else's proposal replaced by a placeholder with the same seq.
 */
export function redactEventFor(recipient: Recipient, event: StoredMapEvent, hiddenComments?: ReadonlySet<string>): MapEventView {
  return redactWith(redactionOf(recipient, event, hiddenComments), event);
}
