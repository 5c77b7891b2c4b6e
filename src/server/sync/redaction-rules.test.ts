import { describe, expect, it } from 'vitest';
import { redactIdentities, redactVoteEvent, shouldHideIdentities, shouldHideVoteResults, type RedactionContext } from './redaction-rules';

const base: RedactionContext = { isAnonymous: false, isBlindVoting: false, resultsRevealed: false, isOwner: false };

describe('redactIdentities', () => {
  const payload = {
    claim: { id: 'c1', text: 'T', authorId: 'u1', authorName: 'Ada' },
    link: { id: 'l1', createdById: 'u1' },
    list: [{ voterId: 'u2', value: 3 }],
  };

  it('blanks every identity key at any depth and keeps the shape', () => {
    expect(redactIdentities(payload, true)).toEqual({
      claim: { id: 'c1', text: 'T', authorId: null, authorName: null },
      link: { id: 'l1', createdById: null },
      list: [{ voterId: null, value: 3 }],
    });
    expect(payload.claim.authorId).toBe('u1'); // not mutated
  });

  it('leaves the value alone when identities are visible', () => {
    expect(redactIdentities(payload, false)).toBe(payload);
  });

  it('hides identities only on anonymous maps and never from the owner', () => {
    expect(shouldHideIdentities({ isAnonymous: true, isOwner: false })).toBe(true);
    expect(shouldHideIdentities({ isAnonymous: true, isOwner: true })).toBe(false);
    expect(shouldHideIdentities({ isAnonymous: false, isOwner: false })).toBe(false);
  });
});

describe('redactVoteEvent', () => {
  const vote = { targetKind: 'claim', targetId: 'c1', voterId: 'u1', value: 4, summary: { count: 2, mean: 3, histogram: [0, 0, 1, 0, 1] } };

  it('strips the summary and the value when results are hidden', () => {
    expect(redactVoteEvent(vote, true)).toEqual({ targetKind: 'claim', targetId: 'c1', voterId: 'u1', value: null, summary: null });
    expect(redactVoteEvent(vote, false)).toBe(vote);
  });

  it('hides results under blind voting until revealed, unless owner or already voted', () => {
    const blind = { ...base, isBlindVoting: true };
    expect(shouldHideVoteResults(blind, false)).toBe(true);
    expect(shouldHideVoteResults(blind, true)).toBe(false);
    expect(shouldHideVoteResults({ ...blind, isOwner: true }, false)).toBe(false);
    expect(shouldHideVoteResults({ ...blind, resultsRevealed: true }, false)).toBe(false);
    expect(shouldHideVoteResults(base, false)).toBe(false);
  });
});
