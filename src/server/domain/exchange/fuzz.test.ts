/**
 * Hostile input: every importer must either return a valid MapDocument or throw an ImportError —
 * never any other exception, never hang.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { validateMapDocument } from '@/shared/map-document';

import { importAif } from './aif';
import { importArgdown } from './argdown-import';
import type { ImportResult } from './import-result';
import { ImportError } from './import-error';
import { exportJson, importJson } from './json';
import { importKialo } from './kialo';
import { sampleMap } from './test-fixtures';

type Outcome = 'ok' | 'import-error';

/** Runs an import; anything but a valid result or an ImportError fails the test. */
function outcome(run: () => ImportResult): Outcome {
  let result: ImportResult;
  try {
    result = run();
  } catch (e) {
    if (e instanceof ImportError) {
      expect(e.message.length).toBeGreaterThan(0);
      return 'import-error';
    }
    throw e;
  }
  // validateMapDocument throwing here would be a bug in the importer, so it is outside the try.
  validateMapDocument(result.document);
  expect(Array.isArray(result.warnings)).toBe(true);
  return 'ok';
}

function timed<T>(limitMs: number, run: () => T): T {
  const started = Date.now();
  const value = run();
  expect(Date.now() - started).toBeLessThan(limitMs);
  return value;
}

/** Each generated input imports or fails with an ImportError, within the time bound (see outcome). */
function survives(inputs: fc.Arbitrary<string>, importer: (text: string) => ImportResult, numRuns: number): void {
  fc.assert(
    fc.property(inputs, (s) => void outcome(() => importer(s))),
    { numRuns },
  );
}

/** Strings with any UTF-16 code units, lone surrogates included. */
const anyString = fc.string({ unit: 'binary', maxLength: 300 });
const LONE_SURROGATES = ['\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uD83D'];
const soup = (pieces: string[], maxLength = 60) =>
  fc
    .array(fc.oneof(fc.constantFrom(...pieces, ...LONE_SURROGATES), fc.string({ unit: 'binary', maxLength: 6 })), {
      maxLength,
    })
    .map((parts) => parts.join(''));

const SIX_MB = 'x'.repeat(6 * 1024 * 1024);

describe('importArgdown with hostile input', () => {
  const pieces = [
    '\n',
    '\n\n',
    '  ',
    '    ',
    '\t',
    '[A]: ',
    '[B]: ',
    '[A]',
    '<Arg>: ',
    '<Arg>',
    '+ ',
    '- ',
    '<+ ',
    '<- ',
    '+> ',
    '-> ',
    '>< ',
    '_> ',
    '<_ ',
    '(1) ',
    '(2) ',
    '----',
    '--\n',
    '# ',
    '## ',
    '===\n',
    '{',
    '}',
    '{a: 1}',
    '//',
    '/*',
    '*/',
    '<!--',
    '-->',
    '*',
    '**',
    '_',
    '__',
    '\\',
    '@[A]',
    '@<Arg>',
    '#tag ',
    '#(',
    ')',
    '[x](y) ',
    '.A.',
    ':smile:',
    'text ',
    'more text. ',
    '1. ',
    '* ',
    'toString',
    '[constructor]: ',
    '[__proto__]: ',
    '<__proto__>',
    ' #tag',
    '\r\n',
    '\r',
    '\u2028',
    '\u0000',
    '\uFEFF',
  ];

  it('random strings', () => {
    survives(anyString, importArgdown, 200);
  });

  it('random Argdown-like fragments (and Object.prototype stays clean)', () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    survives(soup(pieces), importArgdown, 400);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
  });

  it('deep indentation', { timeout: 30_000 }, () => {
    for (const levels of [150, 3000, 10_000]) {
      let text = '[T]: root\n';
      for (let i = 1; i <= levels; i++) text += `${' '.repeat(i)}+ [S${i}]: s\n`;
      expect(timed(5000, () => outcome(() => importArgdown(text)))).toBe('import-error');
    }
  });

  it('deeply nested markup and unclosed openers', { timeout: 60_000 }, () => {
    for (const unit of ['*a _b ', '**a __b ', '[', '((', '{', '<', '@[', '/*', '<!--', '#(', '.:', '===', '\\[', '+ ']) {
      for (const size of [5_000, 100_000]) {
        const line = `[T]: ${unit.repeat(Math.ceil(size / unit.length))}`;
        timed(5000, () => outcome(() => importArgdown(line)));
        // the same in short paragraphs, so the per-statement length limit does not catch it first
        const paragraphs = line.replace(/([^]{60})/g, '$1\n\n');
        timed(5000, () => outcome(() => importArgdown(paragraphs)));
      }
    }
  });

  it('huge input is refused clearly', () => {
    const e = (() => {
      try {
        importArgdown(SIX_MB);
      } catch (err) {
        return err;
      }
      return null;
    })();
    expect(e).toBeInstanceOf(ImportError);
    expect((e as ImportError).message).toMatch(/larger than the 5 MB limit/);
  });

  it('lone surrogates are replaced, with a warning', () => {
    const result = importArgdown('[A]: broken \uD800 text\n  + [B]: \uDFFF fine\n');
    expect(result.document.claims.map((c) => c.text)).toEqual(['broken \uFFFD text', '\uFFFD fine']);
    expect(result.warnings[0]).toMatch(/Replaced 2 invalid characters/);
  });
});

describe('importKialo with hostile input', () => {
  const pieces = [
    '\n',
    'Discussion Title: ',
    '1. ',
    '1.1. ',
    '1.2. ',
    '1.1.1. ',
    '2. ',
    'Pro: ',
    'Con: ',
    'Thesis: ',
    '-> See 1.1.',
    '-> See 1.',
    '-> See 9.9.',
    'Sources:\n',
    '[1] ',
    'https://example.org/a ',
    'http://[::1',
    'text ',
    '\r\n',
    ' ',
    '\u0000',
    '999999999999.',
  ];

  it('random strings', () => {
    survives(anyString, importKialo, 200);
  });

  it('random Kialo-like fragments', () => {
    survives(soup(pieces, 80), importKialo, 400);
  });

  it('deep numbering and long lines', () => {
    let text = 'Discussion Title: Deep\n\n1. Root.\n';
    let number = '1.';
    for (let i = 0; i < 1500; i++) {
      number += '1.';
      text += `${number} ${i % 2 ? 'Pro' : 'Con'}: Level ${i}.\n`;
    }
    expect(timed(3000, () => outcome(() => importKialo(text)))).toBe('ok');
    // one enormous claim is shortened, not a reason to refuse the file
    expect(timed(3000, () => outcome(() => importKialo(`1. ${'1.'.repeat(2_000_000)}`)))).toBe('ok');
    expect(outcome(() => importKialo(SIX_MB))).toBe('import-error');
  });
});

describe('importAif with hostile input', () => {
  const id = fc.oneof(fc.integer({ min: -3, max: 8 }), fc.constantFrom('1', '2', '3', 'x', '', ' '), fc.boolean());
  const node = fc.record(
    {
      nodeID: id,
      type: fc.constantFrom('I', 'RA', 'CA', 'L', 'YA', 'TA', 'MA', 'PA', 'i', '', 'XYZ'),
      text: fc.oneof(anyString, fc.constantFrom('A claim.', '', '\uD800', null), fc.integer()),
      timestamp: fc.string(),
    },
    { requiredKeys: [] },
  );
  const edge = fc.record({ edgeID: id, fromID: id, toID: id }, { requiredKeys: [] });
  const aifLike = fc.record(
    { nodes: fc.array(node, { maxLength: 12 }), edges: fc.array(edge, { maxLength: 16 }), locutions: fc.anything() },
    { requiredKeys: [] },
  );

  it('arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.anything(), (v) => void outcome(() => importAif(v))),
      { numRuns: 200 },
    );
  });

  it('AIF-like structures', () => {
    fc.assert(
      fc.property(aifLike, (v) => void outcome(() => importAif(v))),
      { numRuns: 400 },
    );
  });

  it('random JSON text', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          anyString,
          fc.json(),
          aifLike.map((v) => JSON.stringify(v) ?? ''),
        ),
        (s) => void outcome(() => importAif(s)),
      ),
      { numRuns: 200 },
    );
  });

  it('deep nesting, huge values', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 10_000; i++) deep = [deep];
    expect(outcome(() => importAif(deep))).toBe('import-error');
    expect(outcome(() => importAif({ nodes: [deep], edges: [] }))).toBe('import-error');
    expect(outcome(() => importAif({ nodes: [{ nodeID: 1, type: 'I', text: SIX_MB }], edges: [] }))).toBe('import-error');
    expect(outcome(() => importAif(`${'['.repeat(10_000)}${']'.repeat(10_000)}`))).toBe('import-error');
    expect(outcome(() => importAif(SIX_MB))).toBe('import-error');
    const many = { nodes: Array.from({ length: 10_001 }, (_, i) => ({ nodeID: i, type: 'I', text: `n${i}` })), edges: [] };
    expect(outcome(() => importAif(many))).toBe('import-error');
  });

  it('lone surrogates are replaced, with a warning', () => {
    const result = importAif({ nodes: [{ nodeID: 1, type: 'I', text: 'a \uDC00 b' }], edges: [] });
    expect(result.document.claims[0]?.text).toBe('a \uFFFD b');
    expect(result.warnings[0]).toMatch(/Replaced 1 invalid character/);
  });
});

describe('importJson with hostile input', () => {
  const valid = JSON.parse(exportJson(sampleMap())) as unknown;

  /** Replaces the value at a random path of the valid document with an arbitrary value. */
  const corrupted = fc.tuple(fc.array(fc.nat(), { minLength: 1, maxLength: 5 }), fc.jsonValue()).map(([choices, replacement]) => {
    const doc = structuredClone(valid) as Record<string, unknown>;
    let target: Record<string, unknown> | unknown[] = doc;
    for (let i = 0; i < choices.length; i++) {
      const keys: (string | number)[] = Array.isArray(target) ? target.map((_, j) => j) : Object.keys(target);
      if (keys.length === 0) break;
      const key = keys[(choices[i] ?? 0) % keys.length] as string | number;
      const next: unknown = (target as Record<string | number, unknown>)[key];
      if (i === choices.length - 1 || typeof next !== 'object' || next === null) {
        (target as Record<string | number, unknown>)[key] = replacement;
        break;
      }
      target = next as Record<string, unknown>;
    }
    return JSON.stringify(doc);
  });

  it('random strings and JSON', () => {
    fc.assert(
      fc.property(fc.oneof(anyString, fc.json()), (s) => void outcome(() => importJson(s))),
      { numRuns: 300 },
    );
  });

  it('valid documents with one value replaced', () => {
    survives(corrupted, importJson, 400);
  });

  it('truncated documents', () => {
    const text = exportJson(sampleMap());
    fc.assert(
      fc.property(fc.nat(text.length - 3), (n) => {
        // (the text ends with "}\n": cut at least the closing brace)
        expect(outcome(() => importJson(text.slice(0, n)))).toBe('import-error');
      }),
      { numRuns: 200 },
    );
  });

  it('deep nesting, huge input, lone surrogates', () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    expect(outcome(() => importJson(deep))).toBe('import-error');
    const nestedClaims = exportJson(sampleMap()).replace('"claims": [', `"claims": [${'['.repeat(10_000)}${']'.repeat(10_000)},`);
    expect(outcome(() => importJson(nestedClaims))).toBe('import-error');
    expect(outcome(() => importJson(`{"format": "crux-map", "x": "${'a'.repeat(6 * 1024 * 1024)}"}`))).toBe('import-error');
    expect(outcome(() => importJson(' '.repeat(51 * 1024 * 1024)))).toBe('import-error');
    const withSurrogate = exportJson(sampleMap()).replace('Fewer cars', 'Fewer \uD800 cars');
    expect(outcome(() => importJson(withSurrogate))).toBe('ok');
  });
});
