import { describe, expect, it } from 'vitest';
import { sameValue } from './same-value';

describe('sameValue', () => {
  it('compares dates by time and arrays and objects by their entries', () => {
    expect(sameValue(new Date(5), new Date(5))).toBe(true);
    expect(sameValue(new Date(5), new Date(6))).toBe(false);
    expect(sameValue({ id: 'a', tags: ['x'], at: new Date(1) }, { id: 'a', tags: ['x'], at: new Date(1) })).toBe(true);
    expect(sameValue({ id: 'a', tags: ['x'] }, { id: 'a', tags: ['y'] })).toBe(false);
  });

  it('tells apart an extra key, a shorter array, null and a different type', () => {
    expect(sameValue({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameValue([1, 2], [1])).toBe(false);
    expect(sameValue(null, {})).toBe(false);
    expect(sameValue('1', 1)).toBe(false);
  });
});
