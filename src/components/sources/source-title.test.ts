import { describe, expect, it } from 'vitest';
import { titleFromFirstLine } from './source-title';

describe('titleFromFirstLine', () => {
  it('takes the first non-empty line, without a Markdown heading mark or extra spaces', () => {
    expect(titleFromFirstLine('\n\n  # Homework   and inequality \nBody text')).toBe('Homework and inequality');
    expect(titleFromFirstLine('Plain first line\r\nsecond')).toBe('Plain first line');
    expect(titleFromFirstLine('   \n ')).toBe('');
  });

  it('shortens a very long first line to 200 characters', () => {
    const title = titleFromFirstLine('word '.repeat(100));
    expect(title.length).toBeLessThanOrEqual(200);
    expect(title.endsWith('…')).toBe(true);
  });
});
