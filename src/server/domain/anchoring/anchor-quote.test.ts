import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anchorQuote, describeQuote, findQuote, reanchorQuotes, type QuoteSelector } from './anchor-quote';

/** Selector for the first occurrence of `exact` in `text`. */
function quoteOf(text: string, exact: string, occurrence = 0): QuoteSelector {
  const start = findQuote(text, exact, occurrence);
  if (start === -1) throw new Error(`test setup: ${JSON.stringify(exact)} not in text`);
  return describeQuote(text, start, start + exact.length);
}

function countOccurrences(text: string, needle: string): number {
  let n = 0;
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1)) n++;
  return n;
}

const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;
const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
function splitsPair(text: string, i: number) {
  return i > 0 && i < text.length && isHigh(text.charCodeAt(i - 1)) && isLow(text.charCodeAt(i));
}

describe('describeQuote', () => {
  it('builds quote, prefix, suffix and position selectors', () => {
    const text = 'The quick brown fox jumps over the lazy dog.';
    expect(describeQuote(text, 4, 19, 6)).toEqual({
      exact: 'quick brown fox',
      prefix: 'The ',
      suffix: ' jumps',
      start: 4,
      end: 19,
    });
  });

  it.each([
    [5, 5, /empty/],
    [6, 2, /empty or reversed/],
    [-1, 3, /outside the text/],
    [0, 99, /outside the text/],
    [0.5, 3, /integer/],
    [Number.NaN, 3, /integer/],
  ])('rejects the invalid range [%s, %s) with a RangeError', (start, end, message) => {
    expect(() => describeQuote('some text', start, end)).toThrow(RangeError);
    expect(() => describeQuote('some text', start, end)).toThrow(message);
  });

  it('widens a selection that would split a surrogate pair and trims context instead of splitting', () => {
    const text = 'ab😀cd🎉ef';
    // 😀 occupies [2, 4), 🎉 occupies [6, 8).
    expect(describeQuote(text, 3, 5, 1)).toMatchObject({ exact: '😀c', start: 2, end: 5, prefix: 'b' });
    expect(describeQuote(text, 4, 7, 0)).toMatchObject({ exact: 'cd🎉', start: 4, end: 8 });
    // A 1-unit suffix after 'cd' (or prefix before 'ef') would be half of 🎉, so it is dropped.
    expect(describeQuote(text, 4, 6, 1)).toMatchObject({ exact: 'cd', suffix: '' });
    expect(describeQuote(text, 8, 10, 1)).toMatchObject({ exact: 'ef', prefix: '' });
    expect(describeQuote(text, 8, 10, 2)).toMatchObject({ prefix: '🎉' });
  });
});

describe('findQuote', () => {
  it('returns the index of the nth non-overlapping occurrence or -1', () => {
    const text = 'to be or not to be';
    expect(findQuote(text, 'to be')).toBe(0);
    expect(findQuote(text, 'to be', 1)).toBe(13);
    expect(findQuote(text, 'to be', 2)).toBe(-1);
    expect(findQuote(text, 'missing')).toBe(-1);
    expect(findQuote(text, '')).toBe(-1);
    expect(findQuote('aaaa', 'aa', 1)).toBe(2);
    expect(() => findQuote(text, 'to', -1)).toThrow(RangeError);
  });
});

describe('anchorQuote', () => {
  it('keeps the stored position when the text there is unchanged', () => {
    const text = 'Claims need evidence. Evidence needs sources.';
    const selector = quoteOf(text, 'Evidence needs sources');
    expect(anchorQuote(text + ' Appended later.', selector)).toEqual({
      start: selector.start,
      end: selector.end,
      method: 'position',
    });
  });

  it('shifts a quote when text is inserted before it', () => {
    const text = 'Claims need evidence. Evidence needs sources.';
    const selector = quoteOf(text, 'Evidence needs sources');
    const inserted = 'A new opening sentence. ';
    const result = anchorQuote(inserted + text, selector);
    expect(result).toEqual({ start: selector.start + inserted.length, end: selector.end + inserted.length, method: 'exact' });
  });

  it('handles curly quotes, apostrophes and ellipses as single UTF-16 units', () => {
    const text = 'She wrote: “Freedom isn’t free… it’s earned.” Then she left.';
    const selector = quoteOf(text, '“Freedom isn’t free… it’s earned.”');
    expect(selector.start).toBe(11);
    expect(selector.end).toBe(11 + 34);
    expect(text.slice(selector.start, selector.end)).toBe(selector.exact);

    const edited = 'Later… ' + text.replace('Then she left.', 'Then she left… again.');
    const result = anchorQuote(edited, selector);
    expect(result).toMatchObject({ start: 11 + 7, end: 45 + 7, method: 'exact' });
    expect(edited.slice(result!.start, result!.end)).toBe(selector.exact);
  });

  it('handles CJK text', () => {
    const text = '各国都强调网络主权原则，网络空间不是法外之地。';
    const selector = quoteOf(text, '网络主权原则');
    expect(selector).toMatchObject({ start: 5, end: 11, prefix: '各国都强调', suffix: '，网络空间不是法外之地。' });
    const edited = '序言：' + text;
    expect(anchorQuote(edited, selector)).toEqual({ start: 8, end: 14, method: 'exact' });
  });

  it('handles emoji (surrogate pairs and ZWJ sequences) with UTF-16 offsets', () => {
    const text = 'Reactions 👍🏽 aside, the 👨‍👩‍👧 family emoji is 8 units long.';
    const selector = quoteOf(text, 'the 👨‍👩‍👧 family');
    expect(selector.end - selector.start).toBe('the '.length + 8 + ' family'.length);
    const edited = '😀😀 ' + text;
    const result = anchorQuote(edited, selector);
    expect(result).toEqual({ start: selector.start + 5, end: selector.end + 5, method: 'exact' });
    expect(edited.slice(result!.start, result!.end)).toBe('the 👨‍👩‍👧 family');
  });

  it('never returns a range that splits a surrogate pair after a fuzzy match', () => {
    const text = 'Intro words here. The 🎉 party starts at nine tonight! Outro words there.';
    const selector = quoteOf(text, '🎉 party starts at nine tonight');
    const edited = text.replace('nine', 'ten');
    const result = anchorQuote(edited, selector);
    expect(result?.method).toBe('fuzzy');
    expect(edited.slice(result!.start, result!.end)).toBe('🎉 party starts at ten tonight');
    expect(splitsPair(edited, result!.start)).toBe(false);
    expect(splitsPair(edited, result!.end)).toBe(false);
  });

  it('disambiguates repeated phrases by their context', () => {
    const text = 'Optimists say the economy is growing fast. Pessimists reply that the economy is growing slowly, if at all.';
    const second = quoteOf(text, 'the economy is growing', 1);
    const first = quoteOf(text, 'the economy is growing', 0);
    expect(second.prefix.endsWith('Pessimists reply that ')).toBe(true);

    const inserted = 'Introduction. ';
    const edited = inserted + text;
    expect(anchorQuote(edited, second)).toMatchObject({ start: second.start + inserted.length, method: 'exact' });
    expect(anchorQuote(edited, first)).toMatchObject({ start: first.start + inserted.length, method: 'exact' });
  });

  it('does not trust the stored position when another occurrence of the phrase moved onto it', () => {
    const text = 'Alpha said the tax is fair. Beta said the tax is fair too.';
    const first = quoteOf(text, 'the tax is fair', 0);
    const second = quoteOf(text, 'the tax is fair', 1);
    // Pad the start so that the FIRST occurrence now sits exactly at the second one's old offset.
    const edited = 'x'.repeat(second.start - first.start) + text;
    expect(edited.slice(second.start, second.end)).toBe('the tax is fair');
    const result = anchorQuote(edited, second);
    expect(result).toMatchObject({ start: second.start + (second.start - first.start), method: 'exact' });
  });

  it('prefers the occurrence closest to the old position when contexts tie', () => {
    const text = 'na na na na na na na na';
    const selector = describeQuote(text, 9, 14, 0); // "na na" with no context
    expect(anchorQuote(text, selector)).toMatchObject({ start: 9, method: 'position' });
    expect(anchorQuote('na ' + text, selector)).toMatchObject({ start: 9, method: 'position' });
    expect(anchorQuote('n' + text, selector)).toMatchObject({ start: 10, method: 'exact' });
  });

  it('re-anchors fuzzily after a small typo fix inside the quote', () => {
    const text = 'Background. The governmnet has annouced new rules for the sector. More text follows.';
    const selector = quoteOf(text, 'The governmnet has annouced new rules');
    const edited = text.replace('governmnet', 'government').replace('annouced', 'announced');
    const result = anchorQuote(edited, selector);
    expect(result?.method).toBe('fuzzy');
    expect(edited.slice(result!.start, result!.end)).toBe('The government has announced new rules');
  });

  it('re-anchors a long (> 32 chars) quote edited at both ends and moved by an insertion', () => {
    const text =
      'Intro text here. Indeed, the committee concluded that the policy had failed to meet its stated objectives in every region. Outro.';
    const selector = quoteOf(
      text,
      'Indeed, the committee concluded that the policy had failed to meet its stated objectives in every region.',
    );
    const edited = 'A NEW PARAGRAPH WAS INSERTED HERE. ' + text.replace('Indeed', 'Ultimately').replace('every', 'each');
    const result = anchorQuote(edited, selector);
    expect(result?.method).toBe('fuzzy');
    expect(edited.slice(result!.start, result!.end)).toBe(
      'Ultimately, the committee concluded that the policy had failed to meet its stated objectives in each region.',
    );
  });

  it('orphans a quote whose words were deleted', () => {
    const text = 'Alpha beta gamma. The quick brown fox jumps over the dog. Delta epsilon.';
    const selector = quoteOf(text, 'quick brown fox jumps');
    const edited = text.replace('quick brown fox jumps ', '');
    expect(anchorQuote(edited, selector)).toBeNull();
  });

  it('orphans a short quote instead of moving it to similar neighbouring words', () => {
    const text = 'He saw the cats. The bats flew over the river today.';
    const selector = quoteOf(text, 'the cats');
    expect(anchorQuote(text.replace('the cats', ''), selector)).toBeNull();
    expect(anchorQuote(text.replace('the cats. ', ''), selector)).toBeNull();
  });

  it('orphans a quote that was rewritten beyond the tolerance, but honours a looser maxErrorRatio', () => {
    const text = 'Context before. Prices rose sharply last year. Context after.';
    const selector = quoteOf(text, 'Prices rose sharply last year.');
    const edited = text.replace('Prices rose sharply last year.', 'Costs went up a lot in 2023.');
    expect(anchorQuote(edited, selector)).toBeNull();
    const mild = text.replace('rose sharply', 'rose steeply');
    expect(anchorQuote(mild, selector)).toMatchObject({ method: 'fuzzy' });
    expect(anchorQuote(mild, selector, { maxErrorRatio: 0.05 })).toBeNull();
  });

  it('returns null for an empty quote and rejects an invalid tolerance', () => {
    expect(anchorQuote('abc', { exact: '', prefix: '', suffix: '', start: 0, end: 0 })).toBeNull();
    expect(() => anchorQuote('abc', quoteOf('abc', 'b'), { maxErrorRatio: 1.5 })).toThrow(RangeError);
  });

  it('copes with a stored position that is out of range', () => {
    const selector = { exact: 'needle', prefix: 'a ', suffix: ' b', start: 500, end: 506 };
    expect(anchorQuote('a needle b', selector)).toEqual({ start: 2, end: 8, method: 'exact' });
    expect(anchorQuote('a neetle b', selector)).toEqual({ start: 2, end: 8, method: 'fuzzy' });
  });
});

describe('reanchorQuotes', () => {
  it('recomputes every selector and flags orphans', () => {
    const text = 'First point: taxes are low. Second point: “spending is high”. Third point: debt grows.';
    const quotes = [
      { id: 'a', ...quoteOf(text, 'taxes are low') },
      { id: 'b', ...quoteOf(text, '“spending is high”') },
      { id: 'c', ...quoteOf(text, 'debt grows') },
      { id: 'd', ...quoteOf(text, 'First point') },
    ];
    const edited = 'Preface. ' + text.replace('“spending is high”', '“spending is hihg”').replace(' Third point: debt grows.', '');
    const results = reanchorQuotes(edited, quotes);

    expect(results.map((r) => [r.id, r.method])).toEqual([
      ['a', 'exact'],
      ['b', 'fuzzy'],
      ['c', 'orphaned'],
      ['d', 'exact'],
    ]);
    const [a, b, c] = results;
    expect(a!.selector).toEqual(describeQuote(edited, edited.indexOf('taxes are low'), edited.indexOf('taxes are low') + 13));
    expect(a!.selector!.prefix).toBe('Preface. First point: ');
    expect(b!.selector).toMatchObject({ exact: '“spending is hihg”', suffix: '.' });
    expect(edited.slice(b!.selector!.start, b!.selector!.end)).toBe(b!.selector!.exact);
    expect(c!.selector).toBeNull();
  });
});

// -----------------------------------------------------------------------------------------------
// Property-based tests
// -----------------------------------------------------------------------------------------------

const VOCABULARY = [
  'the',
  'of',
  'claim',
  'evidence',
  'policy',
  'data',
  'naïve',
  'café',
  'Zürich',
  'über',
  '“quoted”',
  'it’s',
  '…',
  '—',
  '网络主权',
  '主权',
  '网络',
  'βeta',
  'Ωmega',
  'Москва',
  '😀',
  '👍🏽',
  '👨‍👩‍👧',
  '𝒳',
  '🇺🇳',
];
const wordArb = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...VOCABULARY) },
  { weight: 3, arbitrary: fc.stringMatching(/^[a-z]{2,7}$/) },
);
const separatorArb = fc.constantFrom(' ', ' ', ' ', ', ', '. ', '\n', ' — ');
const phraseArb = (minLength: number, maxLength: number) =>
  fc.array(fc.tuple(wordArb, separatorArb), { minLength, maxLength }).map((parts) => parts.map(([w, s]) => w + s).join(''));

interface Edit {
  kind: 'insert' | 'delete';
  at: number;
  insert: string;
  deleteLength: number;
}
const editArb: fc.Arbitrary<Edit> = fc.record({
  kind: fc.constantFrom('insert' as const, 'delete' as const),
  at: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
  insert: phraseArb(1, 4),
  deleteLength: fc.integer({ min: 1, max: 20 }),
});

/** Characters right next to the quote that edits leave alone ("immediate context"). */
const MARGIN = 2;

/** Applies edits that never touch [start - MARGIN, end + MARGIN); returns the moved quote range. */
function applyUnrelatedEdits(text: string, start: number, end: number, edits: readonly Edit[]) {
  for (const edit of edits) {
    const beforeEnd = Math.max(0, start - MARGIN); // edits may touch [0, beforeEnd)
    const afterStart = Math.min(text.length, end + MARGIN); // ... and [afterStart, length)
    const slotsBefore = beforeEnd + 1;
    const slotsAfter = text.length - afterStart + 1;
    const slot = Math.floor(edit.at * (slotsBefore + slotsAfter));
    const before = slot < slotsBefore;
    const pos = before ? slot : afterStart + (slot - slotsBefore);
    const regionEnd = before ? beforeEnd : text.length;
    if (edit.kind === 'insert') {
      text = text.slice(0, pos) + edit.insert + text.slice(pos);
      if (before) {
        start += edit.insert.length;
        end += edit.insert.length;
      }
    } else {
      const length = Math.min(edit.deleteLength, regionEnd - pos);
      text = text.slice(0, pos) + text.slice(pos + length);
      if (before) {
        start -= length;
        end -= length;
      }
    }
  }
  return { text, start, end };
}

describe('anchorQuote properties', () => {
  it('re-anchors a unique quote to the same words after unrelated edits elsewhere', () => {
    const scenarioArb = phraseArb(6, 40).chain((text) =>
      fc.integer({ min: 0, max: text.length - 8 }).chain((start) =>
        fc.record({
          text: fc.constant(text),
          start: fc.constant(start),
          end: fc.integer({ min: start + 8, max: Math.min(text.length, start + 80) }),
          edits: fc.array(editArb, { minLength: 1, maxLength: 6 }),
        }),
      ),
    );
    fc.assert(
      fc.property(scenarioArb, ({ text, start, end, edits }) => {
        const selector = describeQuote(text, start, end);
        fc.pre(countOccurrences(text, selector.exact) === 1);
        const moved = applyUnrelatedEdits(text, selector.start, selector.end, edits);
        fc.pre(countOccurrences(moved.text, selector.exact) === 1);

        const result = anchorQuote(moved.text, selector);
        expect(result).not.toBeNull();
        expect(result!.method === 'position' || result!.method === 'exact').toBe(true);
        expect([result!.start, result!.end]).toEqual([moved.start, moved.end]);

        const [reanchored] = reanchorQuotes(moved.text, [{ id: 'q', ...selector }]);
        expect(reanchored!.selector).toEqual(describeQuote(moved.text, moved.start, moved.end));
        expect(reanchored!.selector!.exact).toBe(selector.exact);
      }),
      { numRuns: 200 },
    );
  });

  // Distinct random tokens: the quote cannot occur elsewhere and no other span is plausibly close.
  const ALPHABET = [...'abcdefghijklmnopqrstuvwxyzαβγδεζηθ网络主权法律空间😀🎉👍🏽éüñ'];
  const tokensArb = fc.uniqueArray(fc.string({ unit: fc.constantFrom(...ALPHABET), minLength: 4, maxLength: 8 }), {
    minLength: 8,
    maxLength: 30,
  });
  /** Text of space-separated tokens and a quote made of tokens[first .. first+count) (≥ 8 units). */
  const tokenQuoteArb = tokensArb.chain((tokens) =>
    fc
      .record({ tokens: fc.constant(tokens), first: fc.nat({ max: tokens.length - 3 }), count: fc.integer({ min: 1, max: 4 }) })
      .map(({ first, count }) => {
        let last = Math.min(tokens.length, first + count);
        while (tokens.slice(first, last).join(' ').length < 8) last++;
        const text = tokens.join(' ');
        const start = tokens.slice(0, first).join(' ').length + (first > 0 ? 1 : 0);
        const end = start + tokens.slice(first, last).join(' ').length;
        return { text, start, end };
      }),
  );

  it('orphans the quote when its words are deleted', () => {
    fc.assert(
      fc.property(tokenQuoteArb, ({ text, start, end }) => {
        const selector = describeQuote(text, start, end);
        expect(selector.exact).toBe(text.slice(start, end));
        // Delete the quoted tokens and one adjoining space.
        const edited = end < text.length ? text.slice(0, start) + text.slice(end + 1) : text.slice(0, start - 1);
        fc.pre(!edited.includes(selector.exact));

        expect(anchorQuote(edited, selector)).toBeNull();
        expect(reanchorQuotes(edited, [{ id: 'q', ...selector }])).toEqual([{ id: 'q', selector: null, method: 'orphaned' }]);
      }),
      { numRuns: 200 },
    );
  });

  it('re-anchors fuzzily to the exact span after a one-character substitution inside the quote', () => {
    const scenarioArb = tokenQuoteArb
      .filter(({ start, end }) => end - start >= 12)
      .chain((scenario) =>
        fc.record({
          scenario: fc.constant(scenario),
          offset: fc.integer({ min: 2, max: scenario.end - scenario.start - 3 }),
          replacement: fc.constantFrom(...'xyzqwΩж'),
        }),
      );
    fc.assert(
      fc.property(scenarioArb, ({ scenario: { text, start, end }, offset, replacement }) => {
        const at = start + offset;
        const code = text.charCodeAt(at);
        fc.pre(!isHigh(code) && !isLow(code) && text[at] !== replacement && text[at] !== ' ');
        const selector = describeQuote(text, start, end);
        const edited = text.slice(0, at) + replacement + text.slice(at + 1);

        const result = anchorQuote(edited, selector);
        expect(result).toEqual({ start, end, method: 'fuzzy' });
        const [reanchored] = reanchorQuotes(edited, [{ id: 'q', ...selector }]);
        expect(reanchored!.selector!.exact).toBe(edited.slice(start, end));
      }),
      { numRuns: 150 },
    );
  });
});
