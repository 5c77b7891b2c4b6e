import type { Db } from '@/server/db';
import type { Actor } from '@/server/access/actor';
import { getMapAccess } from '@/server/access/map-access';
import type { MapRoleName } from '@/shared/roles';
import { redactEvent } from '@/shared/events';
import type { MapEventView, StoredMapEvent } from './event-types';
import { shouldHideIdentities, shouldHideVoteResults, type RedactionContext } from './redaction-rules';

/**
 * Everything needed to show one recipient a map's events: their role, the map's teacher
 * controls, and (only while blind voting hides results) the targets they have voted on.
 */
export interface Recipient extends RedactionContext {
  userId: string | null;
  role: MapRoleName;
  /** Targets (claim or evidence ids) the recipient has voted on; null when blind voting hides nothing. */
  votedTargets: Set<string> | null;
}

/**
 * Reads the recipient's current standing on the map; null when they may no longer view it.
 * Called when a stream opens, when a membership or settings event passes, and periodically.
 */
export async function loadRecipient(db: Db, actor: Actor | null, mapId: string): Promise<Recipient | null> {
  const [access, settings] = await Promise.all([
    getMapAccess(db, mapId, actor),
    db.map.findUnique({ where: { id: mapId }, select: { isBlindVoting: true, resultsRevealed: true } }),
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
  return { ...context, userId: actor?.id ?? null, role: access.role, votedTargets };
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
}

export function redactionOf(recipient: Recipient, event: StoredMapEvent): EventRedaction {
  return {
    hideIdentities: shouldHideIdentities(recipient),
    hideVotes: hidesVotes(recipient, event),
    isOwn: recipient.userId !== null && event.actorId === recipient.userId,
  };
}

/** The redaction class of a decision set: equal keys, equal rendering. */
export function redactionClassKey(redaction: EventRedaction): string {
  let key = '';
  for (const field of Object.keys(redaction).sort()) key += `${field}=${String(redaction[field as keyof EventRedaction])};`;
  return key;
}

/** The event as a recipient with these decisions may see it. */
export function redactWith(redaction: EventRedaction, event: StoredMapEvent): MapEventView {
  const hide = redaction.hideIdentities;
  return {
    ...redactEvent(event, { hideIdentities: hide, hideVotes: redaction.hideVotes }),
    actorId: hide ? null : event.actorId,
    actorName: hide ? null : event.actorName,
    isOwn: redaction.isOwn,
  };
}

/** The event as this recipient may see it: blind results and anonymous identities removed. */
export function redactEventFor(recipient: Recipient, event: StoredMapEvent): MapEventView {
  return redactWith(redactionOf(recipient, event), event);
}
