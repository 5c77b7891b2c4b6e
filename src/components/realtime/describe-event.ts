/** One line of the history panel for an event: "added the claim “…”", "moved 3 nodes". */
import type { MapEventBody, MapEventPayload } from '@/shared/events';
import { excerpt } from '@/shared/truncate';

export function quote(text: string | null | undefined, max = 80): string {
  if (!text) return '';
  return `“${excerpt(text, max)}”`;
}

const VISIBILITY_WORDS: Record<string, string> = {
  private: 'made the map private',
  link: 'opened the map to people with a link or code',
  public: 'made the map public',
};

const ROLE_WORDS: Record<string, string> = { owner: 'the owner', editor: 'an editor', voter: 'a voter', viewer: 'a viewer' };

/** A membership change in the teacher's words: "joined as a voter", "let someone in as an editor". */
function describeMember(payload: MapEventPayload<'member.changed'>): string {
  const role = ROLE_WORDS[payload.role] ?? null;
  if (payload.isModerator !== undefined) return payload.isModerator ? 'made an editor a moderator' : 'made a moderator a plain editor';
  switch (payload.via) {
    case 'link':
      return role ? `joined as ${role}` : 'joined the map';
    case 'invite':
      return role ? `added someone as ${role}` : 'added a member';
    case 'request':
      return role ? `let someone in as ${role}` : 'let someone in';
    case 'transfer':
      return payload.role === 'owner' ? 'handed the map to a new owner' : 'became an editor after handing the map over';
    default:
      return role ? `made a member ${role}` : "changed a member's role";
  }
}

function describeShare(payload: MapEventPayload<'share.changed'>): string {
  if (payload.action === 'created') return payload.role ? `created a ${payload.role} link and join code` : 'created a share link';
  if (payload.action === 'revoked') return 'turned off a share link';
  // A join through a link is told by its member.changed event; the use count is not news.
  return '';
}

function describeSettings(payload: MapEventPayload<'map.updated'>): string {
  const parts: string[] = [];
  if (typeof payload.title === 'string') parts.push(`renamed the map to ${quote(payload.title)}`);
  if (typeof payload.description === 'string') parts.push('changed the description');
  if (typeof payload.visibility === 'string') parts.push(VISIBILITY_WORDS[payload.visibility] ?? `made the map ${payload.visibility}`);
  if (typeof payload.isLocked === 'boolean') parts.push(payload.isLocked ? 'locked the map' : 'unlocked the map');
  if (typeof payload.isAnonymous === 'boolean') parts.push(payload.isAnonymous ? 'turned anonymous mode on' : 'turned anonymous mode off');
  if (typeof payload.isBlindVoting === 'boolean') parts.push(payload.isBlindVoting ? 'turned blind voting on' : 'turned blind voting off');
  if (typeof payload.requireApproval === 'boolean') {
    parts.push(payload.requireApproval ? 'made new claims wait for approval' : 'stopped requiring approval for new claims');
  }
  if (typeof payload.isCommentingRestricted === 'boolean') {
    parts.push(payload.isCommentingRestricted ? 'allowed only editors to comment' : 'allowed voters to comment');
  }
  return parts.length ? parts.join(', ') : "changed the map's settings";
}

function describeApproval(payload: MapEventPayload<'moderation.approved'>): string {
  const [first] = payload.claims;
  if (payload.claims.length === 1 && first && !payload.evidence.length) return `approved the claim ${quote(first.text)}`;
  const count =
    payload.claims.length + payload.evidence.length + (payload.claims.length || payload.evidence.length ? 0 : payload.links.length);
  return count === 1 ? 'approved a proposal' : `approved ${count} proposals`;
}

function commentTargetNoun(kind: 'map' | 'claim' | 'evidence'): string {
  return kind === 'map' ? 'the map' : kind === 'claim' ? 'a claim' : 'evidence';
}

/** An empty string means the event is not worth a line of history (another event tells it). */
export function describeEvent(event: MapEventBody, subjectText: string | null = null): string {
  switch (event.type) {
    case 'map.created':
      return 'created the map';
    case 'map.updated':
      return describeSettings(event.payload);
    case 'claim.created': {
      const text = event.payload.claim.text;
      const relation = event.payload.link?.relation;
      return `added ${relation === 'support' ? 'a supporting' : relation === 'oppose' ? 'an opposing' : 'the'} claim ${quote(text)}`.trim();
    }
    case 'claim.updated':
      return `edited a claim to ${quote(event.payload.text)}`.trim();
    case 'claim.moved': {
      const count = event.payload.moves.length;
      return count === 1 ? 'moved a node' : `moved ${count} nodes`;
    }
    case 'claim.deleted':
      return subjectText ? `deleted the claim ${quote(subjectText)}` : 'deleted a claim';
    case 'claim.restored':
      return `restored the claim ${quote(event.payload.claim.text)}`.trim();
    case 'link.created':
      return event.payload.link.relation === 'oppose' ? 'linked a claim as opposing another' : 'linked a claim as supporting another';
    case 'link.updated':
      return `changed a link to ${event.payload.relation === 'oppose' ? 'opposing' : 'supporting'}`;
    case 'link.deleted':
      return 'removed a link';
    case 'source.created':
      return `added the source ${quote(event.payload.source.title)}`.trim();
    case 'source.updated':
      return 'edited a source';
    case 'source.deleted':
      return 'removed a source';
    case 'evidence.created': {
      const exact = event.payload.evidence.exact;
      return exact ? `quoted ${quote(exact, 60)} as evidence` : 'added evidence';
    }
    case 'evidence.updated':
      return 'edited evidence';
    case 'evidence.deleted':
      return 'removed evidence';
    case 'evidence.restored':
      return 'restored evidence';
    case 'vote.changed':
      return event.payload.value === null && event.payload.summary !== null ? 'withdrew a vote' : 'voted';
    case 'member.changed':
      return describeMember(event.payload);
    case 'member.removed':
      return 'removed a member';
    case 'share.changed':
      return describeShare(event.payload);
    case 'results.revealed':
      return 'revealed the results';
    case 'comment.created':
      return event.payload.comment.parentId
        ? 'replied to a comment'
        : `commented on ${commentTargetNoun(event.payload.comment.targetKind)}`;
    case 'comment.updated':
      return 'edited a comment';
    case 'comment.deleted':
      return 'deleted a comment';
    case 'comment.resolved':
      return event.payload.isResolved ? 'resolved a comment thread' : 'reopened a comment thread';
    case 'comment.hidden':
      return 'hid a comment';
    case 'snapshot.created':
      return `saved the snapshot ${quote(event.payload.name)}`;
    case 'moderation.approved':
      return describeApproval(event.payload);
    case 'moderation.rejected': {
      const what =
        event.payload.kind === 'link'
          ? 'a proposed link'
          : `the proposed ${event.payload.kind === 'claim' ? 'claim' : 'evidence'} ${quote(event.payload.text, 60)}`;
      return `turned down ${what}${event.payload.reason ? `: ${event.payload.reason}` : ''}`;
    }
    case 'event.withheld':
      return '';
  }
}

/** The claim a claim.deleted event removed (for a Restore button). */
export function deletedClaimIdOf(event: MapEventBody): string | null {
  return event.type === 'claim.deleted' ? event.payload.claimId : null;
}

/** The claim a claim.restored or claim.created event brought (back). */
export function restoredClaimIdOf(event: MapEventBody): string | null {
  return event.type === 'claim.restored' || event.type === 'claim.created' ? event.payload.claim.id : null;
}
