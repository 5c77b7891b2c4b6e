import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { normalizeSourceText } from '@/server/domain/sources/hash-source-text';
import { detectImportFormat, slugify } from '@/shared/schemas/exchange';

import { exportAif } from './aif';
import { exportArgdown } from './argdown-export';
import { convertImport, normalizeWithOffsets } from './import-map';
import { exportJson } from './json';
import { sampleMap } from './test-fixtures';

describe('normalizeWithOffsets', () => {
  it('keeps a normalised text and reports no remapping', () => {
    expect(normalizeWithOffsets('Already fine.\nYes.', [0, 5])).toEqual({ text: 'Already fine.\nYes.', remap: null });
  });

  it('carries offsets across \\r\\n and NFC changes', () => {
    const original = 'One\r\nCafe\u0301 two\rthree\r\nfour';
    const { text, remap } = normalizeWithOffsets(original, [0, 5, 9, 15, original.length]);
    expect(text).toBe('One\nCafé two\nthree\nfour');
    expect(remap?.get(5)).toBe(4); // "Cafe…" starts after one newline
    expect(text.slice(remap!.get(5), remap!.get(9))).toBe('Café');
    expect(remap?.get(original.length)).toBe(text.length);
  });

  it('maps every word of random texts with mixed line ends onto the same word', () => {
    const piece = fc.constantFrom('word', 'e\u0301t\u00e9', '\r\n', '\r', '\n', ' ', 'A\u030a');
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 40 }), (pieces) => {
        const original = pieces.join('');
        const starts: number[] = [];
        let at = 0;
        for (const p of pieces) {
          if (p === 'word') starts.push(at);
          at += p.length;
        }
        const { text, remap } = normalizeWithOffsets(
          original,
          starts.flatMap((s) => [s, s + 4]),
        );
        expect(text).toBe(normalizeSourceText(original));
        for (const s of starts) {
          const map =
            remap ??
            new Map([
              [s, s],
              [s + 4, s + 4],
            ]);
          expect(text.slice(map.get(s), map.get(s + 4))).toBe('word');
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('detectImportFormat', () => {
  it('tells the formats apart by content', () => {
    const doc = sampleMap();
    expect(detectImportFormat(exportJson(doc))).toBe('json');
    expect(detectImportFormat(`\uFEFF${JSON.stringify(exportAif(doc))}`)).toBe('aif');
    expect(detectImportFormat(exportArgdown(doc))).toBe('argdown');
    expect(detectImportFormat('Discussion Title: X\n\n1. X\n1.1. Pro: Y')).toBe('kialo');
    expect(detectImportFormat('1. Thesis\n1.1. Con: No.\n')).toBe('kialo');
    expect(detectImportFormat('[A]: a\n  + b\n')).toBe('argdown');
    expect(detectImportFormat('{ "something": 1 }')).toBe('json');
  });

  it('is what convertImport uses for "auto"', () => {
    expect(convertImport('auto', exportArgdown(sampleMap())).format).toBe('argdown');
    expect(convertImport('auto', exportJson(sampleMap())).document.claims).toHaveLength(8);
  });
});

describe('slugify', () => {
  it('makes ASCII file names', () => {
    expect(slugify('Should cities ban cars from their centres?')).toBe('should-cities-ban-cars-from-their-centres');
    expect(slugify('Café “quotes” / 2024')).toBe('cafe-quotes-2024');
    expect(slugify('???')).toBe('map');
    expect(slugify('x'.repeat(100))).toHaveLength(60);
  });
});
