import { describe, expect, it } from 'vitest';
import { excerpt, truncate } from './truncate';

describe('truncate', () => {
  it('keeps a short text and cuts a long one to max units, ellipsis included', () => {
    expect(truncate('short', 10)).toBe('short');
    const cut = truncate('x'.repeat(100), 60);
    expect(cut).toBe(`${'x'.repeat(59)}…`);
    expect(cut).toHaveLength(60);
  });

  it('never splits an emoji (a surrogate pair) and drops the space before the ellipsis', () => {
    expect(truncate('ab😀cd', 4)).toBe('ab…');
    expect(truncate('one two three', 5)).toBe('one…');
  });
});

describe('excerpt', () => {
  it('folds line breaks and runs of spaces into one line before cutting', () => {
    expect(excerpt('  first\n\n second   third  ', 80)).toBe('first second third');
    expect(excerpt('first\nsecond third', 10)).toBe('first sec…');
  });
});
