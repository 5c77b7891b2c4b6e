import { describe, expect, it } from 'vitest';
import type { ClaimView, MapView } from '@/server/domain/maps/get-map';
import { applyVoteChangedEvent, withMyVote } from './vote-cache';

function mapWith(claim: Partial<ClaimView>, settings: Partial<MapView['map']> = {}, role: MapView['role'] = 'voter'): MapView {
  const now = new Date(0);
  return {
    map: {
      id: 'm',
      title: 'T',
      description: '',
      visibility: 'private',
      ownerId: 'o',
      ownerName: 'O',
      isLocked: false,
      isAnonymous: false,
      isBlindVoting: true,
      resultsRevealed: false,
      lastSeq: 1,
      createdAt: now,
      updatedAt: now,
      ...settings,
    },
    role,
    isMember: true,
    claims: [
      {
        id: 'c',
        title: null,
        text: 'Claim',
        x: null,
        y: null,
        version: 1,
        authorId: null,
        authorName: null,
        createdAt: now,
        updatedAt: now,
        votes: null,
        myVote: null,
        strength: 0.5,
        ...claim,
      },
    ],
    links: [],
    sources: [],
    evidence: [],
    strengthMeta: { converged: true, hasCycles: false },
  };
}

const target = { kind: 'claim' as const, id: 'c' };

describe('withMyVote', () => {
  it('adjusts a visible summary optimistically and keeps a hidden one hidden until the server answers', () => {
    const visible = mapWith({ votes: { count: 2, mean: 2, histogram: [0, 1, 0, 1, 0] }, myVote: 1 });
    expect(withMyVote(visible, target, 4).claims[0]).toMatchObject({ myVote: 4, votes: { count: 2, mean: 3.5, histogram: [0, 0, 0, 1, 1] } });

    const hidden = mapWith({});
    const optimistic = withMyVote(hidden, target, 2);
    expect(optimistic.claims[0]).toMatchObject({ myVote: 2, votes: null });
    const answered = withMyVote(optimistic, target, 2, { count: 3, mean: 2, histogram: [1, 0, 1, 0, 1] });
    expect(answered.claims[0]?.votes?.count).toBe(3);
  });

  it('hides the summary again when a blind vote is retracted, unless revealed or owner', () => {
    const voted = mapWith({ votes: { count: 1, mean: 2, histogram: [0, 0, 1, 0, 0] }, myVote: 2 });
    expect(withMyVote(voted, target, null).claims[0]).toMatchObject({ myVote: null, votes: null });
    const revealed = mapWith({ votes: { count: 1, mean: 2, histogram: [0, 0, 1, 0, 0] }, myVote: 2 }, { resultsRevealed: true });
    expect(withMyVote(revealed, target, null).claims[0]).toMatchObject({ myVote: null, votes: { count: 0, mean: null } });
  });

  it('leaves the map untouched for an unknown target', () => {
    const map = mapWith({});
    expect(withMyVote(map, { kind: 'evidence', id: 'c' }, 3)).toBe(map);
  });
});

describe('applyVoteChangedEvent', () => {
  it("takes a streamed summary, sets myVote only for the reader's own vote, and is idempotent", () => {
    const map = mapWith({ myVote: 1, votes: { count: 1, mean: 1, histogram: [0, 1, 0, 0, 0] } });
    const summary = { count: 2, mean: 2.5, histogram: [0, 1, 0, 0, 1] as [number, number, number, number, number] };
    const other = applyVoteChangedEvent(map, { targetKind: 'claim', targetId: 'c', value: 4, summary }, false);
    expect(other.claims[0]).toMatchObject({ myVote: 1, votes: summary });
    const redacted = applyVoteChangedEvent(mapWith({}), { targetKind: 'claim', targetId: 'c', value: null, summary: null }, false);
    expect(redacted.claims[0]?.votes).toBeNull();
    const same = applyVoteChangedEvent(other, { targetKind: 'claim', targetId: 'c', value: 4, summary: other.claims[0]!.votes }, false);
    expect(same).toBe(other);
  });
});
