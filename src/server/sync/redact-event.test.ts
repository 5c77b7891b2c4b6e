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
    isModerator: fc.boolean(),
  })
  .map((r): Recipient => ({
    userId: r.userId,
    role: r.userId === 'u-owner' ? 'owner' : 'voter',
    isOwner: r.userId === 'u-owner',
    isAnonymous: r.isAnonymous,
    isBlindVoting: r.isBlindVoting,
    resultsRevealed: r.resultsRevealed,
    votedTargets: r.hasVoteSet ? new Set(r.voted) : null,
    isModerator: r.userId === 'u-owner' || r.isModerator,
  }));

const envelope = (seq: number, actorId: string | null, audienceUserId: string | null = null) => ({
  seq,
  audienceUserId,
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
  // A proposal (restricted to its author) or a published claim.
  fc.record({ actor: fc.constantFrom(...USERS), isProposal: fc.boolean() }).map(({ actor, isProposal }): StoredMapEvent => ({
    ...envelope(9, actor, isProposal ? actor : null),
    type: 'claim.created',
    payload: {
      claim: {
        id: 'c9',
        text: 'A claim',
        x: null,
        y: null,
        version: 1,
        authorId: actor,
        authorName: `Name of ${actor}`,
        createdAt: new Date('2026-12-01T10:00:00Z'),
        updatedAt: new Date('2026-12-01T10:00:00Z'),
        ...(isProposal ? { awaitingApproval: true } : {}),
      },
      link: null,
    },
  })),
  // A comment, hidden since or not (see `hidden` below).
  fc.constantFrom(...USERS).map((actor): StoredMapEvent => ({
    ...envelope(10, actor),
    type: 'comment.created',
    payload: {
      comment: {
        id: 'k1',
        targetKind: 'claim',
        targetId: 'c1',
        parentId: null,
        text: 'Rude words',
        authorId: actor,
        authorName: `Name of ${actor}`,
        mentionedUserIds: [],
        createdAt: new Date('2026-12-01T10:00:00Z'),
      },
    },
  })),
);
const hidden = fc.boolean().map((isHidden) => new Set(isHidden ? ['k1'] : []));

describe('redaction classes', () => {
  it('two recipients in one class see exactly the same event, so its bytes can be shared', () => {
    fc.assert(
      fc.property(event, recipient, recipient, hidden, (stored, a, b, hiddenComments) => {
        const keyOf = (r: Recipient) => redactionClassKey(redactionOf(r, stored, hiddenComments));
        if (keyOf(a) === keyOf(b)) expect(redactEventFor(a, stored, hiddenComments)).toEqual(redactEventFor(b, stored, hiddenComments));
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
      isModerator: false,
    };
    const keyOf = (r: Recipient) => redactionClassKey(redactionOf(r, vote));
    const hasVoted = { ...base, votedTargets: new Set(['c1']) };
    const owner = { ...base, userId: 'u-owner', role: 'owner' as const, isOwner: true };
    const writer = { ...base, userId: 'u-ann' };
    const keys = new Set([keyOf(base), keyOf(hasVoted), keyOf(owner), keyOf(writer)]);
    expect(keys.size).toBe(4);
    expect(keyOf({ ...base, userId: 'u-cy' })).toBe(keyOf(base));
  });

  it('puts everyone outside a proposal’s audience in one class that gets only a placeholder', () => {
    const base: Recipient = {
      userId: 'u-ben',
      role: 'voter',
      isOwner: false,
      isAnonymous: false,
      isBlindVoting: false,
      resultsRevealed: false,
      votedTargets: null,
      isModerator: false,
    };
    const proposal: StoredMapEvent = {
      ...envelope(4, 'u-ann', 'u-ann'),
      type: 'link.created',
      payload: {
        link: {
          id: 'l1',
          fromClaimId: 'c1',
          fromEvidenceId: null,
          toClaimId: 'c2',
          relation: 'support',
          awaitingApproval: true,
        },
      },
    };
    const keyOf = (r: Recipient) => redactionClassKey(redactionOf(r, proposal));
    const others = [base, { ...base, userId: 'u-cy', isAnonymous: true }, { ...base, userId: null }];
    expect(new Set(others.map(keyOf)).size).toBe(1);
    expect(redactEventFor(base, proposal)).toMatchObject({ type: 'event.withheld', payload: {}, seq: 4, actorId: null });
    expect(redactEventFor({ ...base, userId: 'u-ann' }, proposal).type).toBe('link.created');
    expect(redactEventFor({ ...base, isModerator: true }, proposal).type).toBe('link.created');
  });
});
