import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildParagraphs, segmentTone, splitParagraphs, type PassageRange } from './reader-segments';

describe('splitParagraphs', () => {
  it('splits at blank lines, keeps single line breaks inside a paragraph', () => {
    const text = 'One\nstill one\n\nTwo\n \t\n\n\nThree';
    expect(splitParagraphs(text).map(({ start, end }) => text.slice(start, end))).toEqual(['One\nstill one', 'Two', 'Three']);
    expect(splitParagraphs('\n\nLead')).toEqual([{ start: 2, end: 6 }]);
    expect(splitParagraphs('')).toEqual([]);
  });
});

describe('buildParagraphs', () => {
  it('cuts segments at every boundary of overlapping passages; each segment lists its passages', () => {
    const text = 'Alpha beta “gamma” 中文 😀 delta.\n\nSecond paragraph here.';
    const at = (s: string) => text.indexOf(s);
    const passages: PassageRange[] = [
      { id: 'a', start: at('beta'), end: at('中文') + 2, tone: 'support' },
      { id: 'b', start: at('“gamma”'), end: at('delta') + 5, tone: 'oppose' },
      { id: 'c', start: at('delta'), end: at('Second') + 6, tone: 'support' },
    ];
    const paragraphs = buildParagraphs(text, passages);
    expect(paragraphs).toHaveLength(2);
    const first = paragraphs[0]!.segments.map((s) => [s.text, s.passageIds.join('+')]);
    expect(first).toEqual([
      ['Alpha ', ''],
      ['beta ', 'a'],
      ['“gamma” 中文', 'a+b'],
      [' 😀 ', 'b'],
      ['delta', 'b+c'],
      ['.', 'c'],
    ]);
    expect(paragraphs[1]!.segments.map((s) => [s.text, s.passageIds.join('+')])).toEqual([
      ['Second', 'c'],
      [' paragraph here.', ''],
    ]);
    expect(paragraphs[0]!.segments[2]!.startsPassageIds).toEqual(['b']);
    expect(paragraphs[1]!.segments[0]!.startsPassageIds).toEqual([]);
  });

  it('ignores ranges outside the text (orphaned passages keep stale offsets)', () => {
    const paragraphs = buildParagraphs('short', [{ id: 'x', start: 3, end: 99, tone: 'support' }]);
    expect(paragraphs[0]!.segments).toEqual([{ start: 0, end: 5, text: 'short', passageIds: [], startsPassageIds: [] }]);
  });

  it('always reproduces the text exactly, segment offsets matching String#slice', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', ' ', '\n', '“', '中', '😀', '.'), maxLength: 80 }),
        fc.array(fc.tuple(fc.nat(80), fc.nat(80), fc.constantFrom<PassageRange['tone']>('support', 'oppose')), { maxLength: 6 }),
        (text, raw) => {
          const passages = raw.map(([a, b, tone], i) => ({ id: `p${i}`, start: Math.min(a, b), end: Math.max(a, b), tone }));
          for (const paragraph of buildParagraphs(text, passages)) {
            let at = paragraph.start;
            for (const segment of paragraph.segments) {
              expect(segment.start).toBe(at);
              expect(segment.text).toBe(text.slice(segment.start, segment.end));
              for (const id of segment.passageIds) {
                const p = passages.find((q) => q.id === id)!;
                expect(p.start <= segment.start && p.end >= segment.end).toBe(true);
              }
              at = segment.end;
            }
            expect(at).toBe(paragraph.end);
          }
        },
      ),
    );
  });
});

describe('segmentTone', () => {
  it('counts support and oppose layers', () => {
    const tones = new Map<string, PassageRange['tone']>([
      ['s', 'support'],
      ['o', 'oppose'],
      ['m', 'mixed'],
      ['h', 'hit'],
    ]);
    expect(segmentTone(['s', 'o', 'h'], tones)).toEqual({ support: 1, oppose: 1, none: 0, hit: true, depth: 2 });
    expect(segmentTone(['m'], tones)).toMatchObject({ support: 1, oppose: 1, depth: 1 });
  });
});
