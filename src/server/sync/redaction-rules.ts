import { canSeeVoteResults } from '@/server/domain/votes/summarize-votes';
import type { JsonValue } from './event-types';

/**
 * Who is looking and what the map's teacher controls say. Rules are pure so they can be tested
 * without a database, and shared by the live stream and `events.list`.
 */
export interface RedactionContext {
  isAnonymous: boolean;
  isBlindVoting: boolean;
  resultsRevealed: boolean;
  /** The recipient owns the map: owners always see identities and results. */
  isOwner: boolean;
}

/** Keys that name a person. In anonymous mode they are blanked (set to null) for non-owners. */
export const IDENTITY_KEYS = [
  'actorId',
  'actorName',
  'authorId',
  'authorName',
  'voterId',
  'voterName',
  'createdById',
  'userId',
  'displayName',
  'ownerId',
  'ownerName',
] as const;

const IDENTITY_KEY_SET: ReadonlySet<string> = new Set(IDENTITY_KEYS);

export function shouldHideIdentities(context: Pick<RedactionContext, 'isAnonymous' | 'isOwner'>): boolean {
  return context.isAnonymous && !context.isOwner;
}

/**
 * Anonymous mode: every identity field, at any depth of the value, becomes null (the key stays,
 * so the shape the client expects does not change). Returns a copy; the input is not touched.
 */
export function redactIdentities<T extends JsonValue | Record<string, unknown>>(value: T, hide: boolean): T {
  if (!hide) return value;
  return blank(value) as T;
}

function blank(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(blank);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) out[key] = IDENTITY_KEY_SET.has(key) ? null : blank(inner);
    return out;
  }
  return value;
}

/** Blind voting hides a target's results from this recipient (see `canSeeVoteResults`). */
export function shouldHideVoteResults(context: RedactionContext, hasVotedOnTarget: boolean): boolean {
  return !canSeeVoteResults(
    { isBlindVoting: context.isBlindVoting, resultsRevealed: context.resultsRevealed, isOwner: context.isOwner },
    hasVotedOnTarget,
  );
}

/**
 * A `vote.changed` payload (`{ targetKind, targetId, voterId, value, summary }`) with the
 * aggregate `summary` and the `value` removed when blind voting hides the results from the
 * recipient. The recipient still learns that somebody voted, so counts of activity stay live.
 */
export function redactVoteEvent(payload: JsonValue, hideResults: boolean): JsonValue {
  if (!hideResults || !payload || typeof payload !== 'object' || Array.isArray(payload)) return payload;
  const { summary: _summary, value: _value, ...rest } = payload;
  return { ...rest, summary: null, value: null };
}

/** The target a vote event is about, or null if the payload is not shaped like one. */
export function voteTargetOf(payload: JsonValue): { targetId: string; voterId: string | null; value: number | null } | null {
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return null;
  const targetId = payload.targetId;
  if (typeof targetId !== 'string') return null;
  const voterId = typeof payload.voterId === 'string' ? payload.voterId : null;
  const value = typeof payload.value === 'number' ? payload.value : null;
  return { targetId, voterId, value };
}
