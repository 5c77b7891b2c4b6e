/**
 * The map event contract: every change that goes through a map's event log, one zod schema per
 * event type. The server parses each event it appends (`runMapWrite`), so it cannot emit what a
 * client cannot parse; the stream, `events.list` and the client reducer use the same types.
 *
 * Adding an event type: add its payload schema to `MAP_EVENT_PAYLOADS`, classify every field in
 * `MAP_EVENT_FIELDS` (events.test.ts fails on an unclassified or unknown field), handle it in
 * `applyEvent` (src/shared/apply-event.ts) or let `needsRefetch` return true for it, describe it
 * in describe-event.ts, and bump MAP_EVENT_PROTOCOL_VERSION if old clients must not see it.
 */
import { z } from 'zod';

/**
 * Version of the stream protocol. A client that sees another version, or an event type it does
 * not know, refetches the map instead of guessing; the server refuses clients below the minimum.
 */
export const MAP_EVENT_PROTOCOL_VERSION = 1;
export const MIN_SUPPORTED_PROTOCOL_VERSION = 1;

// Dates travel as ISO strings inside stored payloads; parsing turns them back into Dates.
const ZDate = z.coerce.date();
const ZRelation = z.enum(['support', 'oppose']);

export const ZLinkPayload = z.object({
  id: z.string(),
  fromClaimId: z.string().nullable(),
  fromEvidenceId: z.string().nullable(),
  toClaimId: z.string(),
  relation: ZRelation,
  /** An imported argumentation scheme (AIF), shown on the edge; absent in events written before schemes. */
  scheme: z.string().nullable().optional(),
  /** A proposal waiting for a moderator (see src/server/domain/moderation); absent: published. */
  awaitingApproval: z.boolean().optional(),
});

export const ZClaimPayload = z.object({
  id: z.string(),
  /** Absent in events written before claims had titles: the reader keeps what it knows. */
  title: z.string().nullable().optional(),
  text: z.string(),
  /** Labels without "#" (Argdown tags, imported headings); absent in events written before tags. */
  tags: z.array(z.string()).optional(),
  x: z.number().nullable(),
  y: z.number().nullable(),
  version: z.number().int(),
  authorId: z.string().nullable(),
  authorName: z.string().nullable(),
  createdAt: ZDate,
  updatedAt: ZDate,
  /** A proposal waiting for a moderator; absent: published. */
  awaitingApproval: z.boolean().optional(),
});

export const ZEvidencePayload = z.object({
  id: z.string(),
  sourceId: z.string(),
  exact: z.string(),
  prefix: z.string(),
  suffix: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  note: z.string().nullable(),
  isOrphaned: z.boolean(),
  x: z.number().nullable(),
  y: z.number().nullable(),
  authorId: z.string().nullable(),
  authorName: z.string().nullable(),
  createdAt: ZDate,
  /** A proposal waiting for a moderator; absent: published. */
  awaitingApproval: z.boolean().optional(),
});

export const ZSourceSummaryPayload = z.object({
  id: z.string(),
  mapId: z.string(),
  title: z.string(),
  author: z.string().nullable(),
  publisher: z.string().nullable(),
  url: z.string().nullable(),
  publishedAt: ZDate.nullable(),
  createdAt: ZDate,
  updatedAt: ZDate,
  textLength: z.number().int(),
  evidenceCount: z.number().int(),
  orphanedCount: z.number().int(),
});

export const ZVoteSummaryPayload = z.object({
  count: z.number().int(),
  mean: z.number().nullable(),
  histogram: z.tuple([z.number().int(), z.number().int(), z.number().int(), z.number().int(), z.number().int()]),
});

const ZNodeMovePayload = z.object({ id: z.string(), kind: z.enum(['claim', 'evidence']), x: z.number(), y: z.number() });

const ZReanchoredPassage = z.object({
  id: z.string(),
  exact: z.string(),
  prefix: z.string(),
  suffix: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  isOrphaned: z.boolean(),
  method: z.enum(['position', 'exact', 'fuzzy', 'orphaned']),
});

const ZCommentTargetKind = z.enum(['map', 'claim', 'evidence']);

export const ZCommentPayload = z.object({
  id: z.string(),
  targetKind: ZCommentTargetKind,
  targetId: z.string(),
  parentId: z.string().nullable(),
  text: z.string(),
  authorId: z.string().nullable(),
  authorName: z.string().nullable(),
  /** Users the text @mentions (they are notified); null where anonymous mode hides who they are. */
  mentionedUserIds: z.array(z.string()).nullable(),
  createdAt: ZDate,
  /** Never stored: set by redaction when the owner has hidden the comment since (its text is then empty). */
  isHidden: z.boolean().optional(),
});

const ZCommentRef = { commentId: z.string(), targetKind: ZCommentTargetKind, targetId: z.string() };

/** One payload schema per event type. */
export const MAP_EVENT_PAYLOADS = {
  'map.created': z.object({
    title: z.string(),
    imported: z
      .object({ claims: z.number().int(), links: z.number().int(), sources: z.number().int(), evidence: z.number().int() })
      .optional(),
  }),
  'map.updated': z.object({
    title: z.string().optional(),
    description: z.string().optional(),
    visibility: z.enum(['private', 'link', 'public']).optional(),
    isBlindVoting: z.boolean().optional(),
    isLocked: z.boolean().optional(),
    isAnonymous: z.boolean().optional(),
    isCommentingRestricted: z.boolean().optional(),
    requireApproval: z.boolean().optional(),
  }),
  'claim.created': z.object({ claim: ZClaimPayload, link: ZLinkPayload.nullable() }),
  'claim.updated': z.object({ claimId: z.string(), text: z.string(), version: z.number().int(), previousText: z.string().nullable() }),
  'claim.moved': z.object({ moves: z.array(ZNodeMovePayload) }),
  'claim.deleted': z.object({ claimId: z.string(), linkIds: z.array(z.string()) }),
  'claim.restored': z.object({ claim: ZClaimPayload, links: z.array(ZLinkPayload) }),
  'link.created': z.object({ link: ZLinkPayload }),
  'link.updated': z.object({ linkId: z.string(), relation: ZRelation }),
  'link.deleted': z.object({ linkId: z.string(), link: ZLinkPayload }),
  'source.created': z.object({ source: ZSourceSummaryPayload }),
  'source.updated': z.object({ source: ZSourceSummaryPayload, textChanged: z.boolean(), evidence: z.array(ZReanchoredPassage) }),
  'source.deleted': z.object({ sourceId: z.string(), evidenceIds: z.array(z.string()), linkIds: z.array(z.string()) }),
  'evidence.created': z.object({ evidence: ZEvidencePayload, link: ZLinkPayload }),
  'evidence.updated': z.object({ evidence: ZEvidencePayload, links: z.array(ZLinkPayload) }),
  'evidence.deleted': z.object({ evidenceId: z.string(), sourceId: z.string(), linkIds: z.array(z.string()) }),
  'evidence.restored': z.object({ evidence: ZEvidencePayload, links: z.array(ZLinkPayload) }),
  'vote.changed': z.object({
    targetKind: z.enum(['claim', 'evidence']),
    targetId: z.string(),
    voterId: z.string().nullable(),
    /** The new value (null: retracted — or hidden from this reader by blind voting). */
    value: z.number().int().nullable(),
    /** The target's aggregates after the vote (null: hidden from this reader by blind voting). */
    summary: ZVoteSummaryPayload.nullable(),
  }),
  'member.changed': z.object({
    memberId: z.string(),
    userId: z.string().nullable(),
    role: z.enum(['owner', 'editor', 'voter', 'viewer']),
    via: z.enum(['invite', 'owner', 'transfer', 'link', 'request']),
    /** Set when the owner made an editor a moderator (true) or no longer one (false). */
    isModerator: z.boolean().optional(),
  }),
  'member.removed': z.object({ memberId: z.string(), userId: z.string().nullable() }),
  'share.changed': z.object({
    shareLinkId: z.string(),
    action: z.enum(['created', 'revoked', 'used']),
    role: z.enum(['owner', 'editor', 'voter', 'viewer']).optional(),
  }),
  'results.revealed': z.object({ resultsRevealed: z.literal(true) }),
  'comment.created': z.object({ comment: ZCommentPayload }),
  /** `isHidden` is never stored: set by redaction when the owner has hidden the comment since (text empty). */
  'comment.updated': z.object({ ...ZCommentRef, text: z.string(), isHidden: z.boolean().optional() }),
  /** `wasCounted`: the comment was visible (not hidden) until now, so a node's comment count drops by one. */
  'comment.deleted': z.object({ ...ZCommentRef, wasCounted: z.boolean() }),
  'comment.resolved': z.object({ ...ZCommentRef, isResolved: z.boolean() }),
  'comment.hidden': z.object({ ...ZCommentRef, wasCounted: z.boolean() }),
  'snapshot.created': z.object({ snapshotId: z.string(), name: z.string(), seq: z.number().int() }),
  /** A moderator published proposals: everyone now sees these claims, passages and links (already edited, if they were). */
  'moderation.approved': z.object({
    claims: z.array(ZClaimPayload),
    evidence: z.array(ZEvidencePayload),
    links: z.array(ZLinkPayload),
  }),
  /** A moderator turned a proposal down (its author and the moderators see this): the items are gone, with the reason. */
  'moderation.rejected': z.object({
    kind: z.enum(['claim', 'link', 'evidence']),
    id: z.string(),
    text: z.string(),
    reason: z.string().nullable(),
    claimIds: z.array(z.string()),
    evidenceIds: z.array(z.string()),
    linkIds: z.array(z.string()),
  }),
  /**
   * Never stored: what a recipient outside an event's audience gets in its place (a proposal they may not
   * see), so their seq stays gapless. It changes nothing.
   */
  'event.withheld': z.object({}),
} as const;

export type MapEventType = keyof typeof MAP_EVENT_PAYLOADS;
export type MapEventPayload<T extends MapEventType> = z.output<(typeof MAP_EVENT_PAYLOADS)[T]>;

/** Every kind of change that goes through a map's event log. */
export const MAP_EVENT_TYPES = Object.keys(MAP_EVENT_PAYLOADS) as MapEventType[];

export function isMapEventType(type: unknown): type is MapEventType {
  return typeof type === 'string' && Object.hasOwn(MAP_EVENT_PAYLOADS, type);
}

/**
 * What each payload field is, for redaction by schema rather than by key name:
 * - `identity`: names or ids a person — blanked (null) for non-owners in anonymous mode;
 * - `vote`: a vote value or aggregate — blanked where blind voting hides the target's results;
 * - `public`: everything else.
 * Paths are dotted; `[]` steps into array elements. A class on an object covers all of it.
 * A field of a payload without a class is dropped by redaction (fail closed), and events.test.ts fails.
 */
export type FieldClass = 'identity' | 'vote' | 'public';

const LINK_FIELDS = {
  id: 'public',
  fromClaimId: 'public',
  fromEvidenceId: 'public',
  toClaimId: 'public',
  relation: 'public',
  scheme: 'public',
  awaitingApproval: 'public',
} as const;
const CLAIM_FIELDS = {
  id: 'public',
  title: 'public',
  text: 'public',
  tags: 'public',
  x: 'public',
  y: 'public',
  version: 'public',
  authorId: 'identity',
  authorName: 'identity',
  createdAt: 'public',
  updatedAt: 'public',
  awaitingApproval: 'public',
} as const;
const EVIDENCE_FIELDS = {
  id: 'public',
  sourceId: 'public',
  exact: 'public',
  prefix: 'public',
  suffix: 'public',
  start: 'public',
  end: 'public',
  note: 'public',
  isOrphaned: 'public',
  x: 'public',
  y: 'public',
  authorId: 'identity',
  authorName: 'identity',
  createdAt: 'public',
  awaitingApproval: 'public',
} as const;
// A source's `author` is who wrote the quoted text, not a Crux user.
const SOURCE_FIELDS = {
  id: 'public',
  mapId: 'public',
  title: 'public',
  author: 'public',
  publisher: 'public',
  url: 'public',
  publishedAt: 'public',
  createdAt: 'public',
  updatedAt: 'public',
  textLength: 'public',
  evidenceCount: 'public',
  orphanedCount: 'public',
} as const;

const COMMENT_REF_FIELDS = { commentId: 'public', targetKind: 'public', targetId: 'public' } as const;

function under(prefix: string, fields: Record<string, FieldClass>): Record<string, FieldClass> {
  return Object.fromEntries(Object.entries(fields).map(([key, value]) => [`${prefix}.${key}`, value]));
}

export const MAP_EVENT_FIELDS: { [T in MapEventType]: Record<string, FieldClass> } = {
  'map.created': { title: 'public', imported: 'public' },
  'map.updated': {
    title: 'public',
    description: 'public',
    visibility: 'public',
    isBlindVoting: 'public',
    isLocked: 'public',
    isAnonymous: 'public',
    isCommentingRestricted: 'public',
    requireApproval: 'public',
  },
  'claim.created': { ...under('claim', CLAIM_FIELDS), ...under('link', LINK_FIELDS) },
  'claim.updated': { claimId: 'public', text: 'public', version: 'public', previousText: 'public' },
  'claim.moved': { 'moves[]': 'public' },
  'claim.deleted': { claimId: 'public', linkIds: 'public' },
  'claim.restored': { ...under('claim', CLAIM_FIELDS), ...under('links[]', LINK_FIELDS) },
  'link.created': under('link', LINK_FIELDS),
  'link.updated': { linkId: 'public', relation: 'public' },
  'link.deleted': { linkId: 'public', ...under('link', LINK_FIELDS) },
  'source.created': under('source', SOURCE_FIELDS),
  'source.updated': { ...under('source', SOURCE_FIELDS), textChanged: 'public', 'evidence[]': 'public' },
  'source.deleted': { sourceId: 'public', evidenceIds: 'public', linkIds: 'public' },
  'evidence.created': { ...under('evidence', EVIDENCE_FIELDS), ...under('link', LINK_FIELDS) },
  'evidence.updated': { ...under('evidence', EVIDENCE_FIELDS), ...under('links[]', LINK_FIELDS) },
  'evidence.deleted': { evidenceId: 'public', sourceId: 'public', linkIds: 'public' },
  'evidence.restored': { ...under('evidence', EVIDENCE_FIELDS), ...under('links[]', LINK_FIELDS) },
  'vote.changed': { targetKind: 'public', targetId: 'public', voterId: 'identity', value: 'vote', summary: 'vote' },
  'member.changed': { memberId: 'public', userId: 'identity', role: 'public', via: 'public', isModerator: 'public' },
  'member.removed': { memberId: 'public', userId: 'identity' },
  'share.changed': { shareLinkId: 'public', action: 'public', role: 'public' },
  'results.revealed': { resultsRevealed: 'public' },
  'comment.created': {
    ...under('comment', {
      id: 'public',
      targetKind: 'public',
      targetId: 'public',
      parentId: 'public',
      text: 'public',
      authorId: 'identity',
      authorName: 'identity',
      mentionedUserIds: 'identity',
      createdAt: 'public',
      isHidden: 'public',
    }),
  },
  'comment.updated': { ...COMMENT_REF_FIELDS, text: 'public', isHidden: 'public' },
  'comment.deleted': { ...COMMENT_REF_FIELDS, wasCounted: 'public' },
  'comment.resolved': { ...COMMENT_REF_FIELDS, isResolved: 'public' },
  'comment.hidden': { ...COMMENT_REF_FIELDS, wasCounted: 'public' },
  'snapshot.created': { snapshotId: 'public', name: 'public', seq: 'public' },
  'moderation.approved': { ...under('claims[]', CLAIM_FIELDS), ...under('evidence[]', EVIDENCE_FIELDS), ...under('links[]', LINK_FIELDS) },
  'moderation.rejected': {
    kind: 'public',
    id: 'public',
    text: 'public',
    reason: 'public',
    claimIds: 'public',
    evidenceIds: 'public',
    linkIds: 'public',
  },
  'event.withheld': {},
};

function bodySchema<T extends MapEventType>(type: T) {
  return z.object({ type: z.literal(type), payload: MAP_EVENT_PAYLOADS[type] });
}

/** `{ type, payload }` of any map event. */
export const ZMapEventBody = z.discriminatedUnion('type', [
  bodySchema('map.created'),
  bodySchema('map.updated'),
  bodySchema('claim.created'),
  bodySchema('claim.updated'),
  bodySchema('claim.moved'),
  bodySchema('claim.deleted'),
  bodySchema('claim.restored'),
  bodySchema('link.created'),
  bodySchema('link.updated'),
  bodySchema('link.deleted'),
  bodySchema('source.created'),
  bodySchema('source.updated'),
  bodySchema('source.deleted'),
  bodySchema('evidence.created'),
  bodySchema('evidence.updated'),
  bodySchema('evidence.deleted'),
  bodySchema('evidence.restored'),
  bodySchema('vote.changed'),
  bodySchema('member.changed'),
  bodySchema('member.removed'),
  bodySchema('share.changed'),
  bodySchema('results.revealed'),
  bodySchema('comment.created'),
  bodySchema('comment.updated'),
  bodySchema('comment.deleted'),
  bodySchema('comment.resolved'),
  bodySchema('comment.hidden'),
  bodySchema('snapshot.created'),
  bodySchema('moderation.approved'),
  bodySchema('moderation.rejected'),
  bodySchema('event.withheld'),
]);

/**
 * What a write hands to `runMapWrite` (dates may be Date objects or ISO strings). `audienceUserId`
 * restricts the event to that user and the map's moderators (a proposal awaiting approval).
 */
export type MapEventDraft = z.input<typeof ZMapEventBody> & { audienceUserId?: string | null };
/** A parsed `{ type, payload }`. */
export type MapEventBody = z.output<typeof ZMapEventBody>;

interface MapEventEnvelope {
  seq: number;
  actorId: string | null;
  actorName: string | null;
  clientMutationId: string | null;
  createdAt: Date;
}

/** One entry of a map's event log, as stored (before per-recipient redaction). */
export type StoredMapEvent = MapEventBody &
  MapEventEnvelope & {
    /** Only this user and the map's moderators may see the event; null: everyone who may view the map. */
    audienceUserId: string | null;
  };

/** One entry of a map's event log as a particular recipient may see it. */
export type MapEventView = MapEventBody &
  MapEventEnvelope & {
    /** The recipient made this change (computed before identities are redacted). */
    isOwn: boolean;
  };

export type MapEventOf<T extends MapEventType> = Extract<MapEventView, { type: T }>;

export type ResyncReason = 'too-far-behind' | 'ahead-of-log' | 'unreadable-event';

/**
 * What `events.onMapEvent` yields (each wrapped in `tracked(String(seq), item)`), with the protocol version `v`:
 * - `event`: the next event of the log, in seq order, never twice on one connection;
 * - `resync`: the client cannot catch up by replay — refetch `map.get` and continue from `seq`.
 */
export type MapStreamItem =
  ({ kind: 'event'; v: number } & MapEventView) | { kind: 'resync'; v: number; seq: number; reason: ResyncReason };

/** Parses a stored `{ type, payload }`; null when it does not match the contract (the reader resyncs). */
export function parseMapEventBody(type: string, payload: unknown): MapEventBody | null {
  const parsed = ZMapEventBody.safeParse({ type, payload });
  return parsed.success ? parsed.data : null;
}

/**
 * A stream item as this client understands it, or null when it comes from another protocol version
 * or names an event type this client does not know (then the client refetches the map).
 */
export function readStreamItem(item: MapStreamItem): MapStreamItem | null {
  if (item.v !== MAP_EVENT_PROTOCOL_VERSION) return null;
  if (item.kind === 'resync') return item;
  if (!isMapEventType(item.type)) return null;
  return item;
}

export interface RedactionOptions {
  hideIdentities: boolean;
  hideVotes: boolean;
}

/**
 * The event with its payload's identity and vote fields blanked as the options say, by the event's
 * field classes; payload fields without a class are dropped. Returns a copy.
 */
export function redactEvent<B extends MapEventBody>(event: B, options: RedactionOptions): B {
  const fields = MAP_EVENT_FIELDS[event.type];
  // Redaction only nulls classified fields (each nullable in its schema) and drops unknown ones: same type.
  return { ...event, payload: redactValue(event.payload, '', fields, options) as B['payload'] };
}

function redactValue(value: unknown, path: string, fields: Record<string, FieldClass>, options: RedactionOptions): unknown {
  if (Array.isArray(value)) return value.map((item) => redactField(item, `${path}[]`, fields, options)).filter((item) => item !== DROP);
  if (!value || typeof value !== 'object' || value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    const redacted = redactField(inner, path ? `${path}.${key}` : key, fields, options);
    if (redacted !== DROP) out[key] = redacted;
  }
  return out;
}

const DROP = Symbol('drop');

function redactField(value: unknown, path: string, fields: Record<string, FieldClass>, options: RedactionOptions): unknown {
  const fieldClass = fields[path];
  if (fieldClass === 'identity') return options.hideIdentities ? null : value;
  if (fieldClass === 'vote') return options.hideVotes ? null : value;
  if (fieldClass === 'public') return value;
  if (hasClassifiedChild(fields, path)) return redactValue(value, path, fields, options);
  // An unclassified field is left out: it might name someone.
  return DROP;
}

function hasClassifiedChild(fields: Record<string, FieldClass>, path: string): boolean {
  return Object.keys(fields).some((key) => key.startsWith(`${path}.`) || key.startsWith(`${path}[]`));
}
