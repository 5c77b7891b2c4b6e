import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  MAP_EVENT_FIELDS,
  MAP_EVENT_PAYLOADS,
  MAP_EVENT_TYPES,
  parseMapEventBody,
  redactEvent,
  ZMapEventBody,
  type MapEventDraft,
  type MapEventType,
} from './events';

const at = new Date('2026-02-03T04:05:06.000Z');
const claim = {
  id: 'c1',
  title: 'Short',
  text: 'A claim',
  x: 1,
  y: 2,
  version: 3,
  authorId: 'u1',
  authorName: 'Ada',
  createdAt: at,
  updatedAt: at,
};
const link = { id: 'l1', fromClaimId: 'c2', fromEvidenceId: null, toClaimId: 'c1', relation: 'support' as const };
const evidence = {
  id: 'e1',
  sourceId: 's1',
  exact: 'quoted',
  prefix: 'a ',
  suffix: ' b',
  start: 2,
  end: 8,
  note: null,
  isOrphaned: false,
  x: null,
  y: null,
  authorId: 'u1',
  authorName: 'Ada',
  createdAt: at,
};
const source = {
  id: 's1',
  mapId: 'm1',
  title: 'Report',
  author: 'A. Writer',
  publisher: null,
  url: null,
  publishedAt: null,
  createdAt: at,
  updatedAt: at,
  textLength: 100,
  evidenceCount: 1,
  orphanedCount: 0,
};
const summary = { count: 2, mean: 3, histogram: [0, 0, 1, 0, 1] as [number, number, number, number, number] };

/** One realistic draft of every event type, as the domain writes them. */
const SAMPLES: { [T in MapEventType]: Extract<MapEventDraft, { type: T }>['payload'] } = {
  'map.created': { title: 'Map', imported: { claims: 1, links: 0, sources: 0, evidence: 0 } },
  'map.updated': { title: 'Renamed', isAnonymous: true },
  'claim.created': { claim, link },
  'claim.updated': { claimId: 'c1', text: 'New', version: 4, previousText: null },
  'claim.moved': { moves: [{ id: 'c1', kind: 'claim', x: 10, y: 20 }] },
  'claim.deleted': { claimId: 'c1', linkIds: ['l1'] },
  'claim.restored': { claim, links: [link] },
  'link.created': { link },
  'link.updated': { linkId: 'l1', relation: 'oppose' },
  'link.deleted': { linkId: 'l1', link },
  'source.created': { source },
  'source.updated': {
    source,
    textChanged: true,
    evidence: [{ id: 'e1', exact: 'quoted', prefix: '', suffix: '', start: 0, end: 6, isOrphaned: false, method: 'exact' }],
  },
  'source.deleted': { sourceId: 's1', evidenceIds: ['e1'], linkIds: ['l2'] },
  'evidence.created': { evidence, link: { ...link, fromClaimId: null, fromEvidenceId: 'e1' } },
  'evidence.updated': { evidence, links: [] },
  'evidence.deleted': { evidenceId: 'e1', sourceId: 's1', linkIds: [] },
  'evidence.restored': { evidence, links: [] },
  'vote.changed': { targetKind: 'claim', targetId: 'c1', voterId: 'u2', value: 4, summary },
  'member.changed': { memberId: 'mm1', userId: 'u2', role: 'editor', via: 'link' },
  'member.removed': { memberId: 'mm1', userId: 'u2' },
  'share.changed': { shareLinkId: 'sl1', action: 'created', role: 'voter' },
  'results.revealed': { resultsRevealed: true },
  'comment.created': {
    comment: {
      id: 'k1',
      targetKind: 'claim',
      targetId: 'c1',
      parentId: null,
      text: 'Why? @Ada',
      authorId: 'u2',
      authorName: 'Bo',
      mentionedUserIds: ['u1'],
      createdAt: at,
    },
  },
  'comment.updated': { commentId: 'k1', targetKind: 'claim', targetId: 'c1', text: 'Why not?' },
  'comment.deleted': { commentId: 'k1', targetKind: 'claim', targetId: 'c1', wasCounted: true },
  'comment.resolved': { commentId: 'k1', targetKind: 'claim', targetId: 'c1', isResolved: true },
  'comment.hidden': { commentId: 'k1', targetKind: 'map', targetId: 'm1', wasCounted: true },
  'snapshot.created': { snapshotId: 'sn1', name: 'End of period 2', seq: 12 },
  'moderation.approved': { claims: [claim], evidence: [evidence], links: [link] },
  'moderation.rejected': {
    kind: 'claim',
    id: 'c1',
    text: 'A claim',
    reason: 'Off topic',
    claimIds: ['c1'],
    evidenceIds: [],
    linkIds: ['l1'],
  },
  'event.withheld': {},
};

const draftOf = (type: MapEventType) => ({ type, payload: SAMPLES[type] }) as MapEventDraft;

/** Leaf paths of a zod schema, in the notation of MAP_EVENT_FIELDS (dotted, `[]` into arrays). */
function schemaPaths(schema: z.ZodType, path: string, classified: Record<string, unknown>): string[] {
  if (path && path in classified) return [path];
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable)
    return schemaPaths(schema.unwrap() as z.ZodType, path, classified);
  if (schema instanceof z.ZodArray) return schemaPaths(schema.element as z.ZodType, `${path}[]`, classified);
  if (schema instanceof z.ZodObject) {
    return Object.entries(schema.shape as Record<string, z.ZodType>).flatMap(([key, inner]) =>
      schemaPaths(inner, path ? `${path}.${key}` : key, classified),
    );
  }
  return [path];
}

describe('the map event contract', () => {
  it('has a sample for every event type', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual([...MAP_EVENT_TYPES].sort());
  });

  it.each(MAP_EVENT_TYPES)('%s round-trips through its schema and through JSON storage', (type) => {
    const parsed = ZMapEventBody.parse(draftOf(type));
    // Stored as JSON (dates become ISO strings) and read back: the same typed event.
    const stored: unknown = JSON.parse(JSON.stringify(parsed.payload));
    expect(parseMapEventBody(type, stored)).toEqual(parsed);
  });

  it.each(MAP_EVENT_TYPES)('%s: every payload field is classified as identity, vote or public', (type) => {
    const classified = MAP_EVENT_FIELDS[type];
    const paths = schemaPaths(MAP_EVENT_PAYLOADS[type], '', classified);
    const unclassified = paths.filter((path) => !(path in classified));
    expect(unclassified, `add these fields of ${type} to MAP_EVENT_FIELDS`).toEqual([]);
    // And nothing is classified that the schema does not have (a renamed field would slip through).
    expect(Object.keys(classified).filter((path) => !paths.includes(path))).toEqual([]);
  });

  it('refuses an event the contract does not describe', () => {
    expect(parseMapEventBody('claim.teleported', {})).toBeNull();
    expect(parseMapEventBody('claim.updated', { claimId: 'c1' })).toBeNull();
    expect(ZMapEventBody.safeParse({ type: 'vote.changed', payload: { ...SAMPLES['vote.changed'], value: 'high' } }).success).toBe(false);
  });

  it('drops fields that the schema does not declare (they never reach the log)', () => {
    const parsed = ZMapEventBody.parse({ type: 'member.removed', payload: { memberId: 'm', userId: 'u', email: 'ada@example.com' } });
    expect(parsed.payload).toEqual({ memberId: 'm', userId: 'u' });
  });
});

describe('redaction by schema', () => {
  const parse = (type: MapEventType) => ZMapEventBody.parse(draftOf(type));

  it('blanks every identity field in anonymous mode, at any depth, and keeps the rest', () => {
    const created = redactEvent(parse('claim.restored'), { hideIdentities: true, hideVotes: false });
    expect(created.payload).toMatchObject({
      claim: { id: 'c1', text: 'A claim', title: 'Short', authorId: null, authorName: null },
      links: [link],
    });
    const member = redactEvent(parse('member.changed'), { hideIdentities: true, hideVotes: false });
    expect(member.payload).toEqual({ memberId: 'mm1', userId: null, role: 'editor', via: 'link' });
    // A source's author wrote the quoted text; they are not a Crux user.
    expect(redactEvent(parse('source.created'), { hideIdentities: true, hideVotes: false }).payload).toMatchObject({
      source: { author: 'A. Writer' },
    });
  });

  it('blanks vote values and aggregates where blind voting hides them', () => {
    const vote = parse('vote.changed');
    expect(redactEvent(vote, { hideIdentities: false, hideVotes: true }).payload).toEqual({
      targetKind: 'claim',
      targetId: 'c1',
      voterId: 'u2',
      value: null,
      summary: null,
    });
    expect(redactEvent(vote, { hideIdentities: false, hideVotes: false }).payload).toEqual(vote.payload);
  });

  it('keeps arrays classified as a whole (moves) and does not touch the input', () => {
    const moved = parse('claim.moved');
    expect(redactEvent(moved, { hideIdentities: true, hideVotes: true }).payload).toEqual(moved.payload);
    const restored = parse('claim.restored');
    redactEvent(restored, { hideIdentities: true, hideVotes: true });
    expect(restored.payload).toMatchObject({ claim: { authorId: 'u1' } });
  });

  it('leaves out a field that has no class (fail closed)', () => {
    const body = { type: 'member.removed' as const, payload: { memberId: 'm', userId: 'u', secretName: 'Ada' } };
    expect(redactEvent(body, { hideIdentities: false, hideVotes: false }).payload).toEqual({ memberId: 'm', userId: 'u' });
  });
});
