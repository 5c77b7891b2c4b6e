import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StoredMapEvent } from './event-types';
import { redactEventFor, redactionClassKey, redactionOf, type Recipient } from './redact-event';

const USERS = ['u-owner', 'u-ann', 'u-ben', 'u-cy'];
const TARGETS = ['c1', 'c2'];

const recipient = fc
  .record({
    userId: fc.constantFrom<string | null>(null, ...USERS),
    isAnonymous: fc.boolean(),
    isBlindVoting: fc.boolean(),
    resultsRevealed: fc.boolean(),
    voted: fc.subarray(TARGETS),
    hasVoteSet: fc.boolean(),
  })
  .map((r): Recipient => ({
    userId: r.userId,
    role: r.userId === 'u-owner' ? 'owner' : 'voter',
    isOwner: r.userId === 'u-owner',
    isAnonymous: r.isAnonymous,
    isBlindVoting: r.isBlindVoting,
    resultsRevealed: r.resultsRevealed,
    votedTargets: r.hasVoteSet ? new Set(r.voted) : null,
  }));

const envelope = (seq: number, actorId: string | null) => ({
  seq,
  actorId,
  actorName: actorId ? `Name of ${actorId}` : null,
  clientMutationId: 'm-1',
  createdAt: new Date('2026-12-01T10:00:00Z'),
});

const event = fc.oneof(
  fc
    .record({ actor: fc.constantFrom(...USERS), target: fc.constantFrom(...TARGETS), value: fc.integer({ min: 0, max: 4 }) })
    .map(({ actor, target, value }): StoredMapEvent => ({
      ...envelope(7, actor),
      type: 'vote.changed',
      payload: {
        targetKind: 'claim',
        targetId: target,
        voterId: actor,
        value,
        summary: { count: 1, mean: value, histogram: [1, 0, 0, 0, 0] },
      },
    })),
  fc.constantFrom(...USERS).map((actor): StoredMapEvent => ({
    ...envelope(8, actor),
    type: 'member.changed',
    payload: { memberId: 'mm-1', userId: actor, role: 'voter', via: 'link' },
  })),
);

describe('redaction classes', () => {
  it('two recipients in one class see exactly the same event, so its bytes can be shared', () => {
    fc.assert(
      fc.property(event, recipient, recipient, (stored, a, b) => {
        const sameClass = redactionClassKey(redactionOf(a, stored)) === redactionClassKey(redactionOf(b, stored));
        if (sameClass) expect(redactEventFor(a, stored)).toEqual(redactEventFor(b, stored));
      }),
      { numRuns: 500 },
    );
  });

  it('recipients who must see an event differently are in different classes', () => {
    const vote: StoredMapEvent = {
      ...envelope(3, 'u-ann'),
      type: 'vote.changed',
      payload: {
        targetKind: 'claim',
        targetId: 'c1',
        voterId: 'u-ann',
        value: 4,
        summary: { count: 1, mean: 4, histogram: [0, 0, 0, 0, 1] },
      },
    };
    const base: Recipient = {
      userId: 'u-ben',
      role: 'voter',
      isOwner: false,
      isAnonymous: true,
      isBlindVoting: true,
      resultsRevealed: false,
      votedTargets: new Set(),
    };
    const keyOf = (r: Recipient) => redactionClassKey(redactionOf(r, vote));
    const hasVoted = { ...base, votedTargets: new Set(['c1']) };
    const owner = { ...base, userId: 'u-owner', role: 'owner' as const, isOwner: true };
    const writer = { ...base, userId: 'u-ann' };
    const keys = new Set([keyOf(base), keyOf(hasVoted), keyOf(owner), keyOf(writer)]);
    expect(keys.size).toBe(4);
    expect(keyOf({ ...base, userId: 'u-cy' })).toBe(keyOf(base));
  });
});
