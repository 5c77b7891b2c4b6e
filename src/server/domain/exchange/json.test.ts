import { describe, expect, it } from 'vitest';

import { exportJson, importJson, locateJsonError } from './json';
import { sampleMap, expectImportError } from './test-fixtures';

describe('exportJson', () => {
  it('is pretty, stable and starts with the format header', () => {
    const doc = sampleMap();
    const text = exportJson(doc);
    expect(text.startsWith('{\n  "format": "crux-map",\n  "version": 1,\n  "exportedAt": "2024-05-01T12:00:00.000Z",\n')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
    // key order does not depend on the order of the input object's keys
    const reverseKeys = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).reverse()) as T;
    const reversed = reverseKeys({ ...doc, map: reverseKeys(doc.map), claims: doc.claims.map(reverseKeys) });
    expect(Object.keys(reversed)[0]).toBe('evidence');
    expect(exportJson(reversed)).toBe(text);
    expect(exportJson(doc)).toBe(text);
  });
});

describe('importJson', () => {
  it('reads what exportJson wrote (also with a byte-order mark)', () => {
    const doc = sampleMap();
    const { document, warnings } = importJson(exportJson(doc));
    expect(document).toEqual(doc);
    expect(warnings).toEqual([]);
    expect(importJson(`\uFEFF${exportJson(doc)}`).document).toEqual(doc);
  });

  it('reports JSON syntax errors with line and column', () => {
    const cases: [string, number, number, RegExp][] = [
      ['{\n  "format": "crux-map",\n  "version": 1,,\n}', 3, 16, /a double-quoted property name was expected/],
      ['{"a": tru}', 1, 7, /value was expected/],
      ['{"a": "unterminated', 1, 20, /unterminated string/],
      ['[1, 2', 1, 6, /end of input/],
      ['{}\n{}', 2, 1, /after the end/],
      ['{"a": "tab\there"}', 1, 11, /control character/],
      ['\n\n   x', 3, 4, /unexpected "x"/],
    ];
    for (const [text, line, column, message] of cases) {
      const e = expectImportError(() => importJson(text));
      expect(e.location).toMatchObject({ line, column });
      expect(e.message).toMatch(message);
    }
  });

  it('locates errors in deeply nested JSON without recursion', () => {
    const deep = `${'['.repeat(100_000)}1${']'.repeat(99_999)}`;
    expect(locateJsonError(deep)?.message).toMatch(/end of input/);
    expect(locateJsonError('{"a": [1, {"b": null}]}')).toBeNull();
  });

  it('validates the document and names the JSON path', () => {
    const doc = JSON.parse(exportJson(sampleMap())) as Record<string, unknown> & { claims: { text: string }[] };
    const claim = doc.claims[3];
    if (claim) claim.text = '';
    const e = expectImportError(() => importJson(JSON.stringify(doc)));
    expect(e.message).toMatch(/^claims\[3\]\.text: /);
    expect(e.location?.path).toBe('claims[3].text');
  });

  it('replaces lone surrogates and NUL (also from \\u escapes) with a warning', () => {
    const doc = JSON.parse(exportJson(sampleMap())) as { claims: { text: string }[] };
    const claim = doc.claims[0];
    if (claim) claim.text = 'Broken \uD800 and \u0000 text';
    const text = JSON.stringify(doc); // JSON.stringify writes \ud800 and \u0000 escapes
    expect(text).toContain('\\ud800');
    const { document, warnings } = importJson(text);
    expect(document.claims[0]?.text).toBe('Broken \uFFFD and \uFFFD text');
    expect(warnings[0]).toMatch(/Replaced 2 invalid characters/);
  });

  it('rejects empty, non-object and oversized input', () => {
    expect(expectImportError(() => importJson('')).message).toMatch(/empty/);
    expect(expectImportError(() => importJson('[]')).message).toMatch(/^\(document\): /);
    expect(expectImportError(() => importJson('{"format": "other"}')).message).toMatch(/^format: Not a Crux map/);
    expect(expectImportError(() => importJson('{"format": "crux-map", "version": 2}')).message).toMatch(/^version: .*version 2/);
    expect(expectImportError(() => importJson(' '.repeat(50 * 1024 * 1024 + 1))).message).toMatch(/50 MB/);
  });
});

describe('JSON backup keeps tags, data and schemes', () => {
  it('round trips them exactly', () => {
    const doc = sampleMap();
    const [first, second] = doc.claims;
    if (!first || !second || !doc.links[0]) throw new Error('fixture changed');
    first.tags = ['transport', 'air quality'];
    second.data = { source: 'Survey', weight: 2, nested: { list: [1, null, 'x'] } };
    doc.links[0].scheme = 'Argument From Expert Opinion';
    const back = importJson(exportJson(doc)).document;
    expect(back.claims[0]?.tags).toEqual(['transport', 'air quality']);
    expect(back.claims[1]?.data).toEqual({ source: 'Survey', weight: 2, nested: { list: [1, null, 'x'] } });
    expect(back.links[0]?.scheme).toBe('Argument From Expert Opinion');
    expect(exportJson(back)).toBe(exportJson(doc));
  });

  it('refuses tags that are not labels and data that is not an object', () => {
    const bad = (patch: (d: ReturnType<typeof sampleMap>) => void) => {
      const doc = sampleMap();
      patch(doc);
      return expectImportError(() => importJson(JSON.stringify(doc)));
    };
    expect(bad((d) => void ((d.claims[0] as { tags?: unknown }).tags = ['two\nlines'])).location?.path).toBe('claims[0].tags[0]');
    expect(bad((d) => void ((d.claims[0] as { data?: unknown }).data = [1, 2])).location?.path).toBe('claims[0].data');
  });
});
