import { describe, expect, it } from 'vitest';

import { validateMapDocument, type MapDocument } from '@/shared/map-document';

import { detectImportFormat } from '@/shared/schemas/exchange';
import type { TRelation } from '@/shared/schemas/claim';

import { importKialo } from './kialo';
import { exportKialo } from './kialo-export';
import { KIALO_CARS_SAMPLE as CARS, sampleMap, expectImportError } from './test-fixtures';

/** The current layout: title under "Discussion Name:", each text under its label, references on their own line. */
const SCHOOL_UNIFORMS = [
  'Discussion Name:',
  'Should schools require uniforms?',
  '',
  '1.',
  'Schools should require uniforms.',
  '',
  '1.1. Pro:',
  'Uniforms reduce visible differences in family income.',
  '',
  '1.1.1. Con:',
  'Families still pay for uniforms,',
  'and branded ones cost more than ordinary clothes.',
  '',
  '1.1.1.1. Pro:',
  '-> See 1.2.1.',
  '',
  '1.2. Con:',
  'Uniforms limit self-expression.',
  '',
  '1.2.1. Pro:',
  'Uniform rules are enforced unevenly',
  '',
  'and punish students for small deviations.',
  '',
  '1.3. Pro:',
  'Mornings are quicker without choosing clothes.',
  '',
  '1.3.1. Con:',
  '-> See 1.2.',
  '',
].join('\n');

/** A multi-thesis discussion with Windows line endings and a forward reference. */
const ENERGY = [
  'Discussion Title: Which energy source should we expand first?',
  '',
  '1. Which energy source should we expand first?',
  '1.1. Thesis: Wind power.',
  '1.1.1. Pro: Onshore wind is the cheapest new capacity.',
  '1.1.2. Con: -> See 1.2.1.',
  '1.2. Thesis: Nuclear power.',
  '1.2.1. Pro: Nuclear provides firm low-carbon power',
  'around the clock.',
  '',
].join('\r\n');

function link(doc: MapDocument, fromText: string, toText: string) {
  const id = (prefix: string) => doc.claims.find((c) => c.text.startsWith(prefix))?.id;
  return doc.links.find((l) => 'claimId' in l.from && l.from.claimId === id(fromText) && l.toClaimId === id(toText));
}

/** Each expected [from, to, relation] with the relation the document's link has (undefined where there is none). */
const actualRelations = (doc: MapDocument, expected: readonly (readonly [fromText: string, toText: string, relation: TRelation])[]) =>
  expected.map(([fromText, toText]) => [fromText, toText, link(doc, fromText, toText)?.relation]);

describe('importKialo', () => {
  it('reads a realistic export: outline, labels, multi-line text, references and sources', () => {
    const { document, warnings } = importKialo(CARS);
    expect(() => validateMapDocument(document)).not.toThrow();
    expect(warnings).toEqual([]);
    expect(document.map.title).toBe('Should cities ban cars from their centres?');
    // 11 numbered lines, 2 of them are references
    expect(document.claims).toHaveLength(9);
    expect(document.claims[0]?.text).toBe('Cities should ban cars from their city centres.');
    expect(document.claims.find((c) => c.text.startsWith('Exemptions'))?.text).toBe(
      'Exemptions are hard to police:\nevery exempt van is a loophole.\n\nEnforcement cameras cost money.',
    );
    // Markdown in claims is kept as written
    expect(document.claims.some((c) => c.text.includes('[low-emission zones](https://example.org/lez)'))).toBe(true);

    // 10 links between claims, and the footnote: source [1], quoted whole, supports the claim citing it
    expect(document.links).toHaveLength(11);
    expect(document.evidence).toEqual([
      expect.objectContaining({ sourceId: document.sources[0]?.id, exact: document.sources[0]?.text, start: 0, note: null }),
    ]);
    const cited = document.links.find((l) => 'evidenceId' in l.from);
    expect(document.claims.find((c) => c.id === cited?.toClaimId)?.text).toMatch(/^Fewer cars .*\[1\]\.$/);
    expect(cited?.relation).toBe('support');
    const expected = [
      ['Fewer cars', 'Cities should', 'support'],
      ['Electric cars', 'Fewer cars', 'oppose'],
      ['Tyre and brake', 'Electric cars', 'oppose'],
      ['Exemptions', 'Deliveries', 'support'],
      // references: "1.3.1. Con: -> See 1.2." is the deliveries claim opposing the footfall claim
      ['Deliveries', 'Pedestrianised', 'oppose'],
      ['Tyre and brake', 'Cities should', 'oppose'],
    ] as const;
    expect(actualRelations(document, expected)).toEqual(expected);

    expect(document.sources).toHaveLength(2);
    expect(document.sources[0]).toMatchObject({
      title: 'WHO Air quality guidelines 2021',
      url: 'https://www.who.int/publications/i/item/9789240034228',
      text: '[1] WHO Air quality guidelines 2021. https://www.who.int/publications/i/item/9789240034228',
    });
    expect(document.sources[1]).toMatchObject({
      title: 'example.org/ghent-circulation-plan',
      url: 'https://example.org/ghent-circulation-plan',
    });
  });

  it('handles multi-thesis discussions, CRLF and forward references', () => {
    const { document, warnings } = importKialo(ENERGY);
    expect(document.claims).toHaveLength(5);
    expect(document.claims.find((c) => c.text.startsWith('Nuclear provides'))?.text).toBe(
      'Nuclear provides firm low-carbon power\naround the clock.',
    );
    expect(link(document, 'Onshore', 'Wind power.')?.relation).toBe('support');
    expect(link(document, 'Nuclear provides', 'Wind power.')?.relation).toBe('oppose');
    expect(link(document, 'Wind power.', 'Which energy')).toBeUndefined();
    expect(warnings.some((w) => /2 "Thesis:" claims/.test(w))).toBe(true);
  });

  it('treats numbered lines that break the numbering as claim text', () => {
    const text = `Discussion Title: Lists inside claims

1. We should adopt the plan.
1.1. Pro: It has three parts:
1. a budget,
2. a timeline,
3. a review.
1.2. Con: It is too expensive.
`;
    const { document } = importKialo(text);
    expect(document.claims).toHaveLength(3);
    expect(document.claims[1]?.text).toBe('It has three parts:\n1. a budget,\n2. a timeline,\n3. a review.');
  });

  it('works without a title line', () => {
    const { document } = importKialo('1. Thesis.\n1.1. Con: Objection.\n');
    expect(document.map.title).toBe('Imported Kialo discussion');
    expect(document.links).toHaveLength(1);
  });

  it('reads the current "Discussion Name:" layout with references and multi-line texts', () => {
    expect(detectImportFormat(SCHOOL_UNIFORMS)).toBe('kialo');
    const { document, warnings } = importKialo(SCHOOL_UNIFORMS);
    expect(warnings).toEqual([]);
    expect(document.map.title).toBe('Should schools require uniforms?');
    // 8 numbered entries, 2 of them references
    expect(document.claims.map((c) => c.text)).toEqual([
      'Schools should require uniforms.',
      'Uniforms reduce visible differences in family income.',
      'Families still pay for uniforms,\nand branded ones cost more than ordinary clothes.',
      'Uniforms limit self-expression.',
      'Uniform rules are enforced unevenly\n\nand punish students for small deviations.',
      'Mornings are quicker without choosing clothes.',
    ]);
    expect(document.links).toHaveLength(7);
    const expected = [
      ['Uniforms reduce', 'Schools should', 'support'],
      ['Families still', 'Uniforms reduce', 'oppose'],
      ['Uniforms limit', 'Schools should', 'oppose'],
      // "-> See" lines are links from the referenced claim: one claim, two links
      ['Uniform rules', 'Uniforms limit', 'support'],
      ['Uniform rules', 'Families still', 'support'],
      ['Uniforms limit', 'Mornings are', 'oppose'],
    ] as const;
    expect(actualRelations(document, expected)).toEqual(expected);
  });

  it('reads a title spread over the lines under "Discussion Name:"', () => {
    const { document } = importKialo('Discussion Name:\nIs remote work\nhere to stay?\n1.\nYes.\n1.1. Con:\nOffices fill up again.\n');
    expect(document.map.title).toBe('Is remote work here to stay?');
    expect(document.claims.map((c) => c.text)).toEqual(['Yes.', 'Offices fill up again.']);
  });

  it('keeps a long claim whole, and shortens one beyond the limit with a warning naming it', () => {
    const long = 'word '.repeat(1000).trim();
    const { document, warnings } = importKialo(`1. Thesis.\n1.1. Pro: ${long}\n1.2. Con: ${'x'.repeat(25_000)}\n`);
    expect(document.claims[1]?.text).toBe(long);
    expect(document.claims[2]?.text).toHaveLength(20_000);
    expect(warnings).toEqual([expect.stringMatching(/Shortened 1 claim longer than 20,000 characters.*claim 1\.2\. \(line 3\): 25,000/)]);
  });

  it('names the line of every error', () => {
    const cases: [string, number, RegExp][] = [
      ['Discussion Title: x\n\nSome preamble\n1. Thesis.\n', 3, /expected the first claim/],
      ['1. Thesis.\n1.2.1. Pro: Orphan.\n', 2, /no parent claim 1\.2\./],
      ['1. Thesis.\n1.1. Pro: One.\n1.1. Con: Again.\n', 3, /used twice/],
      ['1. Thesis.\n1.1. Pro: A.\n1.1.1. Pro: -> See 9.9.\n', 3, /does not exist/],
      ['1. Thesis.\n1.1. Pro:\n1.2. Con: B.\n', 2, /no text/],
      ['1. Thesis.\n1.1. Pro: -> See 1.2.\n1.2. Con: -> See 1.1.\n', 2, /refers to itself/],
      ['1. Thesis.\n2. Pro: Second root.\n', 2, /one top-level claim/],
    ];
    for (const [text, line, message] of cases) {
      const e = expectImportError(() => importKialo(text));
      expect(e.message).toMatch(message);
      expect(e.location?.line).toBe(line);
    }
  });

  it('rejects empty and oversized input', () => {
    expect(expectImportError(() => importKialo('')).message).toMatch(/no numbered claims/);
    expect(expectImportError(() => importKialo('Discussion Title: Only a title\n')).message).toMatch(/no numbered claims/);
    expect(expectImportError(() => importKialo('1. x\n'.repeat(2_000_000))).message).toMatch(/5 MB/);
  });

  it('replaces lone surrogates with a warning', () => {
    const { document, warnings } = importKialo('1. Broken \uD800 text.\n1.1. Pro: Fine.\n');
    expect(document.claims[0]?.text).toBe('Broken \uFFFD text.');
    expect(warnings[0]).toMatch(/Replaced 1 invalid character/);
  });
});

describe('exportKialo', () => {
  const claimsAndLinks = (doc: MapDocument) => {
    const text = new Map(doc.claims.map((c) => [c.id, c.text]));
    return {
      claims: doc.claims.map((c) => c.text),
      links: doc.links.map((l) => `${'claimId' in l.from ? text.get(l.from.claimId) : '?'} ${l.relation} ${text.get(l.toClaimId)}`),
    };
  };

  it('round trips Kialo → Crux → Kialo keeping claims, relations and order', () => {
    for (const sample of [CARS, SCHOOL_UNIFORMS]) {
      const first = importKialo(sample).document;
      const written = exportKialo(first);
      expect(written.startsWith(`Discussion Title: ${first.map.title}\n\n1. `)).toBe(true);
      const again = importKialo(written);
      expect(again.warnings).toEqual([]);
      expect(claimsAndLinks(again.document)).toEqual(claimsAndLinks(first));
      expect(exportKialo(again.document)).toBe(written);
    }
  });

  it('writes shared claims once and references them with "-> See"', () => {
    const written = exportKialo(importKialo(SCHOOL_UNIFORMS).document);
    expect(written).toContain('1.1.1.1. Pro: -> See 1.2.1.\n');
    expect(written).toContain('1.3.1. Con: -> See 1.2.\n');
    expect(written.match(/Uniform rules are enforced/g)).toHaveLength(1);
  });

  it('writes a Crux map with evidence, several roots and tricky lines as a Kialo file that reads back', () => {
    const doc = sampleMap();
    const written = exportKialo(doc);
    const back = importKialo(written).document;
    // every claim and quoted passage becomes a claim; the map title is the thesis when there are several roots
    expect(back.claims.length).toBeGreaterThanOrEqual(doc.claims.length);
    for (const claim of doc.claims) expect(back.claims.some((c) => c.text === claim.text)).toBe(true);
    const tricky = exportKialo({
      ...doc,
      claims: [{ id: 'a', text: 'Plan:\n1.2. Pro: not a claim\n-> See 1.\nSources:', x: null, y: null }],
      links: [],
      evidence: [],
      sources: [],
    });
    const read = importKialo(tricky).document;
    expect(read.claims).toHaveLength(1);
    expect(read.claims[0]?.text).toBe('Plan: 1.2. Pro: not a claim -> See 1. Sources:');
  });
});
