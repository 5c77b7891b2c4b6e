import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyVoteChange, canSeeVoteResults, emptySummary, summarizeVoteRows } from './summarize-votes';

describe('summarizeVoteRows', () => {
  it('builds count, mean and histogram per target', () => {
    const summaries = summarizeVoteRows([
      { targetId: 'a', value: 4, count: 2 },
      { targetId: 'a', value: 1, count: 1 },
      { targetId: 'b', value: 0, count: 3 },
    ]);
    expect(summaries.get('a')).toEqual({ count: 3, mean: 3, histogram: [0, 1, 0, 0, 2] });
    expect(summaries.get('b')).toEqual({ count: 3, mean: 0, histogram: [3, 0, 0, 0, 0] });
  });
});

describe('canSeeVoteResults', () => {
  it('blind voting hides results until the caller votes, the owner reveals them, or the caller owns the map', () => {
    const blind = { isBlindVoting: true, resultsRevealed: false, isOwner: false };
    expect(canSeeVoteResults(blind, false)).toBe(false);
    expect(canSeeVoteResults(blind, true)).toBe(true);
    expect(canSeeVoteResults({ ...blind, resultsRevealed: true }, false)).toBe(true);
    expect(canSeeVoteResults({ ...blind, isOwner: true }, false)).toBe(true);
    expect(canSeeVoteResults({ ...blind, isBlindVoting: false }, false)).toBe(true);
  });
});

describe('applyVoteChange', () => {
  it('adds, changes and removes one vote', () => {
    const one = applyVoteChange(emptySummary(), null, 3);
    expect(one).toEqual({ count: 1, mean: 3, histogram: [0, 0, 0, 1, 0] });
    const two = applyVoteChange(one, null, 1);
    expect(two).toEqual({ count: 2, mean: 2, histogram: [0, 1, 0, 1, 0] });
    expect(applyVoteChange(two, 1, 4)).toEqual({ count: 2, mean: 3.5, histogram: [0, 0, 0, 1, 1] });
    expect(applyVoteChange(two, 3, null)).toEqual({ count: 1, mean: 1, histogram: [0, 1, 0, 0, 0] });
    expect(applyVoteChange(emptySummary(), 2, null)).toEqual(emptySummary());
  });

  it('agrees with summarizing the rows from scratch', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 30 }), fc.integer({ min: 0, max: 4 }), (values, next) => {
        const rows = (list: number[]) => list.map((value) => ({ targetId: 't', value, count: 1 }));
        const before = summarizeVoteRows(rows(values)).get('t') ?? emptySummary();
        const previous = values[0] ?? null;
        const after = applyVoteChange(before, previous, next);
        const expected = summarizeVoteRows(rows([...values.slice(1), next])).get('t')!;
        expect(after.histogram).toEqual(expected.histogram);
        expect(after.count).toBe(expected.count);
        expect(after.mean).toBeCloseTo(expected.mean!, 12);
      }),
    );
  });
});
