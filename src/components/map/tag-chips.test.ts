import { describe, expect, it } from 'vitest';
import { tagCounts } from './tag-chips';

describe('tagCounts', () => {
  it('counts each tag once per claim, most used first, ties by name', () => {
    const claims = [{ tags: ['law', 'health'] }, { tags: ['health'] }, { tags: [] }, {}, { tags: ['civil rights', 'law'] }];
    expect(tagCounts(claims)).toEqual([
      { tag: 'health', count: 2 },
      { tag: 'law', count: 2 },
      { tag: 'civil rights', count: 1 },
    ]);
  });
});
