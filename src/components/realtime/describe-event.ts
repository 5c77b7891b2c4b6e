/** One line of the history panel for an event: "added the claim “…”", "moved 3 nodes". */
import type { JsonValue, MapEventView } from '@/server/sync/event-types';

type JsonObject = { [key: string]: JsonValue };
const asObject = (value: JsonValue | undefined): JsonObject | null =>
  value && typeof value === 'object' && !Array.isArray(value) ? value : null;
const str = (value: JsonValue | undefined): string | null => (typeof value === 'string' ? value : null);

export function quote(text: string | null | undefined, max = 80): string {
  if (!text) return '';
  const flat = text.replace(/\s+/g, ' ').trim();
  return `“${flat.length > max ? `${flat.slice(0, max - 1)}…` : flat}”`;
}

const VISIBILITY_WORDS: Record<string, string> = {
  private: 'made the map private',
  link: 'opened the map to people with a link or code',
  public: 'made the map public',
};

const ROLE_WORDS: Record<string, string> = { owner: 'the owner', editor: 'an editor', voter: 'a voter', viewer: 'a viewer' };
const asRole = (value: JsonValue | undefined): string | null => (typeof value === 'string' ? (ROLE_WORDS[value] ?? null) : null);

/** A membership change in the teacher's words: "joined as a voter", "let someone in as an editor". */
function describeMember(payload: JsonObject): string {
  const role = asRole(payload.role);
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

function describeShare(payload: JsonObject): string {
  if (payload.action === 'created') {
    const role = typeof payload.role === 'string' ? payload.role : null;
    return role ? `created a ${role} link and join code` : 'created a share link';
  }
  if (payload.action === 'revoked') return 'turned off a share link';
  // A join through a link is told by its member.changed event; the use count is not news.
  if (payload.action === 'used') return '';
  return 'changed how the map is shared';
}

function describeSettings(payload: JsonObject): string {
  const parts: string[] = [];
  if (typeof payload.title === 'string') parts.push(`renamed the map to ${quote(payload.title)}`);
  if (typeof payload.description === 'string') parts.push('changed the description');
  if (typeof payload.visibility === 'string') parts.push(VISIBILITY_WORDS[payload.visibility] ?? `made the map ${payload.visibility}`);
  if (typeof payload.isLocked === 'boolean') parts.push(payload.isLocked ? 'locked the map' : 'unlocked the map');
  if (typeof payload.isAnonymous === 'boolean') parts.push(payload.isAnonymous ? 'turned anonymous mode on' : 'turned anonymous mode off');
  if (typeof payload.isBlindVoting === 'boolean') parts.push(payload.isBlindVoting ? 'turned blind voting on' : 'turned blind voting off');
  return parts.length ? parts.join(', ') : "changed the map's settings";
}

/** An empty string means the event is not worth a line of history (another event tells it). */
export function describeEvent(event: Pick<MapEventView, 'type' | 'payload'>, subjectText: string | null = null): string {
  const payload = asObject(event.payload) ?? {};
  switch (event.type) {
    case 'map.created':
      return 'created the map';
    case 'map.updated':
      return describeSettings(payload);
    case 'claim.created': {
      const text = str(asObject(payload.claim)?.text);
      const relation = str(asObject(payload.link)?.relation);
      return `added ${relation === 'support' ? 'a supporting' : relation === 'oppose' ? 'an opposing' : 'the'} claim ${quote(text)}`.trim();
    }
    case 'claim.updated':
      return `edited a claim to ${quote(str(payload.text))}`.trim();
    case 'claim.moved': {
      const count = Array.isArray(payload.moves) ? payload.moves.length : 0;
      return count === 1 ? 'moved a node' : `moved ${count} nodes`;
    }
    case 'claim.deleted':
      return subjectText ? `deleted the claim ${quote(subjectText)}` : 'deleted a claim';
    case 'claim.restored':
      return `restored the claim ${quote(str(asObject(payload.claim)?.text))}`.trim();
    case 'link.created':
      return str(asObject(payload.link)?.relation) === 'oppose' ? 'linked a claim as opposing another' : 'linked a claim as supporting another';
    case 'link.updated':
      return `changed a link to ${str(payload.relation) === 'oppose' ? 'opposing' : 'supporting'}`;
    case 'link.deleted':
      return 'removed a link';
    case 'source.created':
      return `added the source ${quote(str(asObject(payload.source)?.title) ?? str(payload.title))}`.trim();
    case 'source.updated':
      return 'edited a source';
    case 'source.deleted':
      return 'removed a source';
    case 'evidence.created': {
      const exact = str(asObject(payload.evidence)?.exact) ?? str(payload.exact);
      return exact ? `quoted ${quote(exact, 60)} as evidence` : 'added evidence';
    }
    case 'evidence.updated':
      return 'edited evidence';
    case 'evidence.deleted':
      return 'removed evidence';
    case 'evidence.restored':
      return 'restored evidence';
    case 'vote.changed':
      return payload.value === null && payload.summary !== null ? 'withdrew a vote' : 'voted';
    case 'member.changed':
      return describeMember(payload);
    case 'member.removed':
      return 'removed a member';
    case 'share.changed':
      return describeShare(payload);
    case 'results.revealed':
      return 'revealed the results';
  }
}

/** The claim a claim.deleted event removed (for a Restore button). */
export function deletedClaimIdOf(event: Pick<MapEventView, 'type' | 'payload'>): string | null {
  if (event.type !== 'claim.deleted') return null;
  return str(asObject(event.payload)?.claimId);
}

/** The claim a claim.restored or claim.created event brought (back). */
export function restoredClaimIdOf(event: Pick<MapEventView, 'type' | 'payload'>): string | null {
  if (event.type !== 'claim.restored' && event.type !== 'claim.created') return null;
  return str(asObject(asObject(event.payload)?.claim)?.id);
}
