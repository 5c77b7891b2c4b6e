import { ArgdownApplication, IEquivalenceClass, ModelPlugin, ParserPlugin, RelationType, type IArgdownResponse } from '@argdown/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { validateMapDocument, type MapDocument } from '@/shared/map-document';

import { escapeArgdownText, exportArgdown } from './argdown-export';
import { ARGDOWN_MAX_DEPTH, ARGDOWN_MAX_MARKUP, importArgdown } from './argdown-import';
import { deriveTitle } from './argdown-titles';
import { collapseWhitespace } from './sanitize-text';
import { claimsOnlyMap, sampleMap, triples, expectImportError } from './test-fixtures';

/** Parses with @argdown/core directly, independently of importArgdown. */
function parseWithArgdown(input: string): IArgdownResponse {
  const app = new ArgdownApplication({ log: () => undefined, setLevel: () => undefined });
  app.addPlugin(new ParserPlugin(), 'parse-input');
  app.addPlugin(new ModelPlugin(), 'build-model');
  const response = app.run({
    input,
    process: ['parse-input', 'build-model'],
    throwExceptions: true,
    logExceptions: false,
  });
  expect(response.lexerErrors ?? []).toEqual([]);
  expect(response.parserErrors ?? []).toEqual([]);
  return response;
}

function docWith(claims: { id: string; text: string }[], links: [string, string, 'support' | 'oppose'][]): MapDocument {
  return validateMapDocument({
    format: 'crux-map',
    version: 1,
    exportedAt: '2024-01-01T00:00:00.000Z',
    map: { title: 'Test', description: '' },
    claims: claims.map((c) => ({ ...c, x: null, y: null })),
    links: links.map(([from, to, relation], i) => ({ id: `l${i}`, from: { claimId: from }, toClaimId: to, relation })),
    sources: [],
    evidence: [],
  });
}

describe('exportArgdown', () => {
  it('writes statements with nested relations that @argdown/core parses back', () => {
    const doc = sampleMap();
    const text = exportArgdown(doc);
    const response = parseWithArgdown(text);
    const ecs = Object.values(response.statements ?? {});
    // every claim and every evidence passage is one statement
    expect(ecs).toHaveLength(doc.claims.length + doc.evidence.length);
    const byText = new Map(ecs.map((ec) => [IEquivalenceClass.getCanonicalMemberText(ec)?.trim(), ec.title]));
    for (const claim of doc.claims) expect(byText.has(collapseWhitespace(claim.text))).toBe(true);

    // relations: same (from, to, type) as the links
    const titleToText = new Map(ecs.map((ec) => [ec.title, IEquivalenceClass.getCanonicalMemberText(ec)?.trim() ?? '']));
    const got = (response.relations ?? [])
      .map((r) => [
        titleToText.get(r.from?.title ?? '') ?? '',
        titleToText.get(r.to?.title ?? '') ?? '',
        r.relationType === RelationType.SUPPORT ? 'support' : r.relationType === RelationType.ATTACK ? 'oppose' : 'other',
      ])
      .sort((a, b) => a.join('\u0000').localeCompare(b.join('\u0000')));
    const sources = new Map(doc.sources.map((s) => [s.id, s]));
    const expected = triples(doc, (e) => `"${e.exact}" — ${sources.get(e.sourceId)?.title}`);
    expect(got).toEqual(expected);
  });

  it('nests supporters and opposers under their target and references repeated nodes by title', () => {
    const text = exportArgdown(sampleMap());
    expect(text).toContain('[Cities should ban cars from their]: Cities should ban cars from their centres.');
    expect(text).toMatch(/^ {2}\+ \[Fewer cars mean cleaner air\]: Fewer cars mean cleaner air\.$/m);
    expect(text).toMatch(/^ {4}- \[Electric cars do not pollute the\]: /m);
    // the shared child "footfall" is defined once and referenced once
    const definitions = text.match(/\[Pedestrian zones increase footfall\]:/g) ?? [];
    const references = text.match(/\[Pedestrian zones increase footfall\](?!:)/g) ?? [];
    expect(definitions).toHaveLength(1);
    expect(references).toHaveLength(1);
    // the stored title is preferred; evidence quotes name their source
    expect(text).toContain('[Trade worry]: Shops will lose trade.');
    expect(text).toContain('"nitrogen dioxide levels fell by 40%" — Low-emission zones: a 2019 study');
    // the map title is in the front matter, sources in comments
    expect(text.startsWith('===\ntitle: "Should cities ban cars from their centres?"\n')).toBe(true);
    expect(text).toContain(
      '// [1] Low-emission zones: a 2019 study — A. Researcher, Journal of Urban Air, 2019-06-01 https://example.org/lez-2019',
    );
  });

  it('handles pure cycles (no root) and multiple parents', () => {
    const doc = docWith(
      [
        { id: 'a', text: 'A is true.' },
        { id: 'b', text: 'B is true.' },
        { id: 'c', text: 'C is true.' },
      ],
      [
        ['a', 'b', 'support'],
        ['b', 'c', 'oppose'],
        ['c', 'a', 'support'],
        ['a', 'c', 'oppose'],
      ],
    );
    const back = importArgdown(exportArgdown(doc)).document;
    expect(triples(back)).toEqual(triples(doc));
  });

  it('keeps deep chains readable by continuing them at the top level', () => {
    const n = 300;
    const claims = Array.from({ length: n }, (_, i) => ({ id: `c${i}`, text: `Claim number ${i}.` }));
    const links = claims.slice(1).map((c, i): [string, string, 'support'] => [c.id, `c${i}`, 'support']);
    const doc = docWith(claims, links);
    const text = exportArgdown(doc);
    const maxIndent = Math.max(...text.split('\n').map((l) => /^ */.exec(l)?.[0].length ?? 0));
    expect(maxIndent).toBeLessThanOrEqual(2 * 30);
    const back = importArgdown(text).document;
    expect(triples(back)).toEqual(triples(doc));
  });

  it('derives short unique titles', () => {
    expect(deriveTitle('Cities should ban cars from their centres.')).toBe('Cities should ban cars from their');
    expect(deriveTitle('[]{}<>')).toBe('');
    expect(deriveTitle('-- leading dashes')).toBe('leading dashes');
    const doc = docWith(
      [
        { id: 'a', text: 'Same words here.' },
        { id: 'b', text: 'Same words here!' },
        { id: 'c', text: '***' },
      ],
      [],
    );
    const text = exportArgdown(doc);
    expect(text).toContain('[Same words here]: ');
    expect(text).toContain('[Same words here 2]: ');
    expect(text).toContain('[C3]: ');
  });
});

describe('escapeArgdownText', () => {
  it('escapes markup characters', () => {
    expect(escapeArgdownText('a [b] <c> {d} #e @f *g* _h_ \\ i')).toBe('a \\[b\\] \\<c\\> \\{d\\} \\#e \\@f \\*g\\* \\_h\\_ \\\\ i');
    expect(escapeArgdownText('see http://x.org // not a comment /* nor this')).toBe(
      'see http:\\//x.org \\// not a comment \\/\\* nor this',
    );
    expect(escapeArgdownText('e.g. :smile: and .A. but 3.5 and a: b ..A.')).toBe('e\\.g. \\:smile: and \\.A. but 3.5 and a: b \\.\\.A.');
    expect(escapeArgdownText('x === y')).toBe('x \\=\\=\\= y');
  });

  const markup = [
    ...'\\[]<>{}#@*_/=.:-+(),;!?"\'\n\t ~^vAEé😀1x',
    ...'word http://x.org/a_b :smile: .A. <!-- --> /* */ === **b** _i_ #tag @[T] @<A> [T](http://u) (1) 1.'.split(' '),
    ...'-- <+ +> >< _> <_ \\n toString constructor'.split(' '),
    '  ',
    '#(a tag)',
    '{a: 1}',
  ];
  const textArb = fc
    .array(fc.constantFrom(...markup), { minLength: 1, maxLength: 30 })
    .map((parts) => parts.join(''))
    .filter((t) => t.trim().length > 0 && collapseWhitespace(t).length <= 900);

  it('round-trips any text through export and import (whitespace normalised)', () => {
    fc.assert(
      fc.property(fc.array(textArb, { minLength: 1, maxLength: 4 }), (texts) => {
        const doc = docWith(
          texts.map((text, i) => ({ id: `c${i}`, text })),
          texts.slice(1).map((_, i): [string, string, 'support' | 'oppose'] => [`c${i + 1}`, 'c0', i % 2 ? 'support' : 'oppose']),
        );
        const back = importArgdown(exportArgdown(doc)).document;
        expect(back.claims.map((c) => c.text)).toEqual(texts.map((t) => collapseWhitespace(t)));
        expect(back.links).toHaveLength(doc.links.length);
      }),
      { numRuns: 150 },
    );
  });
});

interface Sample {
  name: string;
  text: string;
  claims: number;
  links: number;
  support?: number;
  warnings?: RegExp[];
  title?: string;
  check?: (doc: MapDocument) => void;
}

const samples: Sample[] = [
  {
    name: 'nested supports and attacks',
    text: `[Thesis]: Social media does more harm than good.
  + [Polarisation]: Feeds reward outrage.
    - [Choice]: Users choose whom to follow.
      + [Defaults]: Most users never change the defaults.
  - [Connection]: It keeps families in touch.
    + [Distance]: Migrants talk to relatives daily.
  + Teenagers report more anxiety.
`,
    claims: 7,
    links: 6,
    support: 4,
    check: (doc) => {
      const thesis = doc.claims.find((c) => c.title === 'Thesis');
      expect(thesis?.text).toBe('Social media does more harm than good.');
      const untitled = doc.claims.find((c) => c.text === 'Teenagers report more anxiety.');
      expect(untitled?.title).toBeUndefined();
    },
  },
  {
    name: 'multi-line statements, comments and markup',
    text: `// A line comment at the top
/* A block comment
   spanning lines */
[Thesis]: Nuclear power is necessary
to decarbonise the grid
  quickly. #energy
  + [Baseload]: Renewables need *firm* backup
    when the wind drops. // trailing comment
  <!-- an HTML comment -->
  - [Cost]: New reactors are **very** expensive.
`,
    claims: 3,
    links: 2,
    check: (doc) => {
      expect(doc.claims[0]?.text).toBe('Nuclear power is necessary to decarbonise the grid quickly.');
      expect(doc.claims[0]?.tags).toEqual(['energy']);
      expect(doc.claims[1]?.text).toBe('Renewables need firm backup when the wind drops.');
      expect(doc.claims[2]?.text).toBe('New reactors are very expensive.');
    },
  },
  {
    name: 'references, multiple parents and a title-only statement',
    text: `[A]: Cats are better pets than dogs.
  + [Quiet]: Cats are quiet.
  - [Walks]: Dogs get you outside.

[B]: Apartments suit cats.
  + [Quiet]
  + [Undefined]
`,
    claims: 5,
    links: 4,
    warnings: [/no text.*\[Undefined\]/],
    check: (doc) => {
      expect(doc.claims.find((c) => c.title === 'Undefined')?.text).toBe('Undefined');
    },
  },
  {
    name: 'all relation directions',
    text: `[T]: The policy works.
  <+ [S1]: Crime fell.
  <- [A1]: Crime fell everywhere.
  +> [C1]: We should keep it.
  -> [C2]: We should scrap it.
`,
    claims: 5,
    links: 4,
    support: 2,
    check: (doc) => {
      const id = (title: string) => doc.claims.find((c) => c.title === title)?.id;
      const has = (from: string, to: string, relation: string) =>
        doc.links.some((l) => 'claimId' in l.from && l.from.claimId === id(from) && l.toClaimId === id(to) && l.relation === relation);
      expect(has('S1', 'T', 'support')).toBe(true);
      expect(has('A1', 'T', 'oppose')).toBe(true);
      expect(has('T', 'C1', 'support')).toBe(true);
      expect(has('T', 'C2', 'oppose')).toBe(true);
    },
  },
  {
    name: 'front matter, headings, tags',
    text: `===
title: Energy debate
description: "From a workshop"
===

# Section one

[T]: Wind is cheap. #wind
  + [S]: Auctions keep falling.
`,
    claims: 2,
    links: 1,
    title: 'Energy debate',
    check: (doc) => {
      expect(doc.map.description).toBe('From a workshop');
      // the front matter gave the title, so the heading is a tag
      expect(doc.claims[0]?.tags).toEqual(['wind', 'Section one']);
      expect(doc.claims[1]?.tags).toEqual(['Section one']);
    },
  },
  {
    name: 'tags, YAML data, isCanonical, headings after the first, link URLs',
    text: `# Dog ownership

[No harm, no ban]: Dog bans do no harm to anyone #law #(civil rights) {source: "Survey 2024", weight: 2, reviewed: 2024-03-01}
  + [Dogs!]: Dogs help people [stay active](https://example.org/walks). #health

## Objections

[No harm, no ban]: Banning dogs harms nobody. {isCanonical: true}
  - [Bites]: Dog bites send thousands to hospital. {region: [north, south]}
`,
    claims: 3,
    links: 2,
    title: 'Dog ownership',
    warnings: [/1 statement had several different texts.*\[No harm, no ban\] \(line 3\): 2 texts, the one marked isCanonical used/],
    check: (doc) => {
      const byTitle = (t: string) => doc.claims.find((c) => c.title === t);
      const ban = byTitle('No harm, no ban');
      // isCanonical chose the text, even though another definition came first
      expect(ban?.text).toBe('Banning dogs harms nobody.');
      expect(ban?.tags).toEqual(['law', 'civil rights']);
      expect(ban?.data).toEqual({ source: 'Survey 2024', weight: 2, reviewed: '2024-03-01T00:00:00.000Z' });
      expect(byTitle('Dogs!')?.text).toBe('Dogs help people stay active (https://example.org/walks).');
      expect(byTitle('Dogs!')?.tags).toEqual(['health']);
      // a heading after the first (which is the map title) becomes a tag
      expect(byTitle('Bites')?.tags).toEqual(['Objections']);
      expect(byTitle('Bites')?.data).toEqual({ region: ['north', 'south'] });
    },
  },
  {
    name: 'block-scalar front matter title',
    text: `===
title: >
  A folded
  title
description: |
  Two
  lines
===

[T]: Text.
`,
    claims: 1,
    links: 0,
    title: 'A folded title',
    check: (doc) => expect(doc.map.description).toBe('Two lines'),
  },
  {
    name: 'heading as map title',
    text: `# Cycling infrastructure

[T]: Cities should build protected bike lanes.
  - [Cost]: They are expensive.
`,
    claims: 2,
    links: 1,
    title: 'Cycling infrastructure',
  },
  {
    name: 'arguments with premise–conclusion structure',
    text: `[T]: We should tax sugar.
  - <Regressive>: A sugar tax hits the poor hardest.

<Health>: Taxes reduce consumption.

(1) Taxes raise prices.
(2) Higher prices reduce consumption.
----
(3) [T]
`,
    claims: 5, // T, Regressive, Health, (1), (2)
    links: 4, // Regressive→T, (1)→Health, (2)→Health, Health→T
    warnings: [/Argument <Health>.*2 premises/],
  },
  {
    name: 'contradictions and undercuts are reported',
    text: `[Free will]: Humans have free will.
  >< [Determinism]: Every event is determined.
  _> [Undercutter]: Intuitions are unreliable.
`,
    claims: 3,
    links: 2,
    warnings: [/contradiction between \[Free will\] and \[Determinism\]/, /undercut/],
  },
  {
    name: 'a cycle',
    text: `[A]: A holds.
  + [B]: B holds.
    + [A]
`,
    claims: 2,
    links: 2,
  },
  {
    name: 'the same relation twice is merged; Argdown itself drops a self-support',
    text: `[A]: A holds.
  + [B]: B holds.
  + [B]
  + [A]
`,
    claims: 2,
    links: 1,
  },
  {
    name: 'integer-like titles keep document order',
    text: `[2]: Second title, first statement.
  - [1]: First title, second statement.
`,
    claims: 2,
    links: 1,
    check: (doc) => expect(doc.claims.map((c) => c.title)).toEqual(['2', '1']),
  },
];

describe('importArgdown: sample documents', () => {
  for (const sample of samples) {
    it(sample.name, () => {
      const { document, warnings } = importArgdown(sample.text);
      expect(() => validateMapDocument(document)).not.toThrow();
      expect(document.claims).toHaveLength(sample.claims);
      expect(document.links).toHaveLength(sample.links);
      if (sample.support !== undefined) {
        expect(document.links.filter((l) => l.relation === 'support')).toHaveLength(sample.support);
      }
      for (const w of sample.warnings ?? []) expect(warnings.some((x) => w.test(x))).toBe(true);
      if (!sample.warnings) expect(warnings).toEqual([]);
      if (sample.title) expect(document.map.title).toBe(sample.title);
      sample.check?.(document);
    });
  }
});

describe('importArgdown: errors', () => {
  it('reports parser errors with line and column', () => {
    const e = expectImportError(() => importArgdown('[A]: x\n    + [B]: y\n  - [C]: z\n'));
    expect(e.location).toMatchObject({ line: 3, column: 1 });
    expect(e.message).toMatch(/line 3, column 1/);
  });

  it('reports a dangling backslash with its position', () => {
    const e = expectImportError(() => importArgdown('[A]: fine\n[B]: broken \\\n'));
    expect(e.location).toMatchObject({ line: 2, column: 13 });
  });

  it('rejects empty input, oversized input and over-long statements', () => {
    expect(expectImportError(() => importArgdown('   \n\n')).message).toMatch(/empty/);
    expect(expectImportError(() => importArgdown('// only a comment\n')).message).toMatch(/no statements/);
    expect(expectImportError(() => importArgdown('/* only a comment */')).message).toMatch(/no statements/);
    expect(expectImportError(() => importArgdown('# Only a heading\n')).message).toMatch(/no statements/);
    expect(expectImportError(() => importArgdown('x'.repeat(5 * 1024 * 1024 + 1))).message).toMatch(/5 MB/);
    // a long statement is kept whole
    const long = importArgdown(`[T]: short\n  + [Long]: ${'word '.repeat(1000)}\n`);
    expect(long.document.claims[1]?.text).toBe('word '.repeat(1000).trim());
    const e = expectImportError(() => importArgdown(`[T]: short\n  + [Long]: ${'word\n'.repeat(5000)}\n`));
    expect(e.message).toMatch(/Line 2: this statement continues/);
    expect(e.location?.line).toBe(2);
  });

  it('refuses titles that would pollute Object.prototype inside @argdown/core', () => {
    const cases: [string, number, string][] = [
      ['[A]: fine\n  + [toString]: breaks the parser\n', 2, 'toString'],
      ['[__proto__]: x #tag\n', 1, '__proto__'],
      ['[A]: x\n  - <__proto__>: y\n', 2, '__proto__'],
      ['[A]: mentions @[constructor] here\n', 1, 'constructor'],
      ['(1) [hasOwnProperty]: p\n----\n(2) q\n', 1, 'hasOwnProperty'],
    ];
    for (const [text, line, title] of cases) {
      const e = expectImportError(() => importArgdown(text));
      expect(e.message).toContain(`Line ${line}: the title "${title}"`);
      expect(e.location?.line).toBe(line);
    }
    expect(({} as Record<string, unknown>).tags).toBeUndefined();
    expect(({} as Record<string, unknown>).startLine).toBeUndefined();
  });

  it('rejects nesting deeper than the limit before parsing', () => {
    let text = '[T]: root\n';
    for (let i = 1; i <= ARGDOWN_MAX_DEPTH + 5; i++) text += `${'  '.repeat(i)}+ [S${i}]: level ${i}\n`;
    const e = expectImportError(() => importArgdown(text));
    expect(e.message).toMatch(/nested more than/);
    expect(e.location?.line).toBe(ARGDOWN_MAX_DEPTH + 2);
  });

  it('refuses inputs that would make the lexer quadratic, quickly', () => {
    // Unclosed openers make @argdown/core's lexer rescan the rest of the document each time
    // (100 kB of "{" took 80 s before this guard). Wrapped into short paragraphs so that only
    // the cost estimate can catch them.
    for (const unit of ['{', '[', '@[', '<!--', '#(']) {
      const body = unit.repeat(Math.ceil(100_000 / unit.length)).replace(/([^]{60})/g, '$1\n\n');
      const started = Date.now();
      const e = expectImportError(() => importArgdown(`[T]: x ${body}`));
      expect(e.message).toMatch(/too complex to parse safely/);
      expect(e.location?.line).toBe(1);
      expect(Date.now() - started).toBeLessThan(2000);
    }
  });

  it('refuses documents with too much markup or endless statements, quickly', () => {
    const started = Date.now();
    const markup = expectImportError(() => importArgdown(`[T]: x\n\n${'(a) '.repeat(100_000)}`));
    expect(markup.message).toMatch(new RegExp(`more than ${ARGDOWN_MAX_MARKUP}`));
    const endless = expectImportError(() => importArgdown(`[T]: x\n  + [S]: start\n${'and more text\n'.repeat(2000)}`));
    expect(endless.message).toMatch(/Line 2: this statement continues for more than 20000 characters/);
    const nested = expectImportError(() => importArgdown(`[T]: ${'**a __b '.repeat(10_000).replace(/([^]{60})/g, '$1\n\n')}`));
    expect(nested.message).toMatch(/Incomplete bold/);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('still parses large ordinary documents', () => {
    let text = '[T]: The thesis.\n';
    for (let i = 0; i < 3000; i++) {
      text += `  ${i % 2 ? '+' : '-'} [S${i}]: Statement ${i}, with punctuation: e.g. a.b.c, (brackets) and a URL http://x.org/${i}.\n`;
    }
    const { document } = importArgdown(text);
    expect(document.claims).toHaveLength(3001);
    expect(document.links).toHaveLength(3000);
  });
});

describe('exportArgdown → importArgdown', () => {
  it('keeps claim texts and (from, to, relation) triples', () => {
    const doc = claimsOnlyMap();
    const back = importArgdown(exportArgdown(doc)).document;
    expect(back.claims.map((c) => c.text).sort()).toEqual(doc.claims.map((c) => c.text).sort());
    expect(triples(back)).toEqual(triples(doc));
  });
});

describe('exportArgdown: tags, data and titles survive a round trip', () => {
  const doc = validateMapDocument({
    format: 'crux-map',
    version: 1,
    exportedAt: '2024-01-01T00:00:00.000Z',
    map: { title: 'Dogs, bans & harm', description: '' },
    claims: [
      {
        id: 'a',
        title: 'No harm, no ban',
        text: 'Banning dogs harms nobody.',
        tags: ['law', 'civil rights', 'côté-nord'],
        x: null,
        y: null,
      },
      {
        id: 'b',
        title: 'Dogs!',
        text: 'Dogs keep people active.',
        data: { source: 'Survey {2024} = #1 // see [p. 3]', weight: 2, nested: { ok: true, list: [1, 'two', null] } },
        x: null,
        y: null,
      },
      { id: 'c', title: 'A [bracketed] title: yes?', text: 'Some text.', tags: ['x'], x: null, y: null },
    ],
    links: [
      { id: 'l1', from: { claimId: 'b' }, toClaimId: 'a', relation: 'oppose' },
      { id: 'l2', from: { claimId: 'c' }, toClaimId: 'a', relation: 'support' },
    ],
    sources: [],
    evidence: [],
  });

  it('writes #tags, YAML data and titles with their punctuation', () => {
    const written = exportArgdown(doc);
    expect(written).toContain('[No harm, no ban]: Banning dogs harms nobody. #law #(civil rights) #côté-nord');
    expect(written).toContain('- [Dogs!]: Dogs keep people active. {');
    expect(written).toContain('+ [A (bracketed) title: yes?]: Some text. #x');
  });

  it('reads them back as they were', () => {
    const back = importArgdown(exportArgdown(doc));
    expect(back.warnings).toEqual([]);
    const pick = (d: MapDocument) => d.claims.map((c) => ({ title: c.title, text: c.text, tags: c.tags, data: c.data }));
    expect(pick(back.document)).toEqual([
      { title: 'No harm, no ban', text: 'Banning dogs harms nobody.', tags: ['law', 'civil rights', 'côté-nord'], data: undefined },
      { title: 'Dogs!', text: 'Dogs keep people active.', tags: undefined, data: doc.claims[1]?.data },
      { title: 'A (bracketed) title: yes?', text: 'Some text.', tags: ['x'], data: undefined },
    ]);
    expect(triples(back.document)).toEqual(triples(doc));
  });
});

describe('importArgdown: error messages', () => {
  it('are sentences naming the line and column, never raw parser text', () => {
    const cases = [
      '[A]: text\n    + [B]: deeper\n  - [C]: less\n',
      '[A]: x\n\n  + [B]: orphan relation\n',
      '<A>: desc\n\n(1) p\n----\n',
      '[A]: **bold\n',
    ];
    for (const text of cases) {
      const e = expectImportError(() => importArgdown(text));
      expect(e.message).toMatch(/^Argdown syntax error at line \d+, column \d+: /);
      expect(e.message).not.toMatch(/Expecting:|-->|<--|Token sequences/);
      expect(e.message).toMatch(/[.)]$/);
      expect(e.location?.line).toBeGreaterThan(0);
      expect(e.location?.column).toBeGreaterThan(0);
    }
  });
});
