import { describe, expect, it } from 'vitest';
import { findUnsafeText, findUnsafeTextIn } from './safe-text';

describe('findUnsafeText', () => {
  it('accepts ordinary text, emoji and paired surrogates', () => {
    expect(findUnsafeText('Plain text, accents é, emoji 😀 and CJK 漢字')).toBeNull();
  });

  it('refuses NUL and lone surrogates of either half', () => {
    expect(findUnsafeText('a\u0000b')).toMatch(/NUL/);
    expect(findUnsafeText('a\uD83Db')).toMatch(/surrogate/);
    expect(findUnsafeText('a\uDE00b')).toMatch(/surrogate/);
    expect(findUnsafeText('end\uD83D')).toMatch(/surrogate/);
  });
});

describe('findUnsafeTextIn', () => {
  it('names the path of the first bad string, in arrays and nested objects', () => {
    expect(findUnsafeTextIn({ title: 'ok', claims: [{ text: 'fine' }, { text: 'bad\u0000' }] })).toEqual({
      path: 'claims.1.text',
      problem: expect.stringMatching(/NUL/),
    });
    expect(findUnsafeTextIn('x\u0000')?.path).toBe('input');
    expect(findUnsafeTextIn({ ['k\u0000']: 1 })?.path).toBe('(a key)');
    expect(findUnsafeTextIn({ at: new Date(), n: 3, ok: null })).toBeNull();
  });
});
