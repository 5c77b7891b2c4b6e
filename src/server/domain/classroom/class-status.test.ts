import { describe, expect, it } from 'vitest';
import { rankDisagreement, voteSpread } from './class-status';

describe('voteSpread', () => {
  it('is null under two votes, 0 when everyone agrees, 2 for a class split between 0 and 4', () => {
    expect(voteSpread([0, 0, 1, 0, 0])).toBeNull();
    expect(voteSpread([0, 0, 0, 3, 0])).toBe(0);
    expect(voteSpread([2, 0, 0, 0, 2])).toBe(2);
    expect(voteSpread([0, 1, 0, 1, 0])).toBe(1);
  });
});

describe('rankDisagreement', () => {
  it('orders claims by spread, then by votes, and leaves out agreement and single votes', () => {
    const ranked = rankDisagreement([
      { claimId: 'agreed', votes: 5, spread: 0, votesBeforeLatestArgument: 0 },
      { claimId: 'single', votes: 1, spread: null, votesBeforeLatestArgument: 0 },
      { claimId: 'some', votes: 2, spread: 1, votesBeforeLatestArgument: 0 },
      { claimId: 'split', votes: 4, spread: 2, votesBeforeLatestArgument: 0 },
      { claimId: 'some-more', votes: 6, spread: 1, votesBeforeLatestArgument: 0 },
    ]);
    expect(ranked.map((claim) => claim.claimId)).toEqual(['split', 'some-more', 'some']);
    expect(rankDisagreement(ranked, 1)).toHaveLength(1);
  });
});
