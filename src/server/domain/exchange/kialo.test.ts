import { describe, expect, it } from 'vitest';

import { validateMapDocument, type MapDocument } from '@/shared/map-document';

import { ImportError } from './import-error';
import { importKialo } from './kialo';
import { KIALO_CARS_SAMPLE as CARS } from './test-fixtures';


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

function expectImportError(fn: () => unknown): ImportError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError);
    return e as ImportError;
  }
  throw new Error('expected an ImportError');
}

function link(doc: MapDocument, fromText: string, toText: string) {
  const id = (prefix: string) => doc.claims.find((c) => c.text.startsWith(prefix))?.id;
  return doc.links.find((l) => 'claimId' in l.from && l.from.claimId === id(fromText) && l.toClaimId === id(toText));
}

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

    expect(document.links).toHaveLength(10);
    expect(link(document, 'Fewer cars', 'Cities should')?.relation).toBe('support');
    expect(link(document, 'Electric cars', 'Fewer cars')?.relation).toBe('oppose');
    expect(link(document, 'Tyre and brake', 'Electric cars')?.relation).toBe('oppose');
    expect(link(document, 'Exemptions', 'Deliveries')?.relation).toBe('support');
    // references: "1.3.1. Con: -> See 1.2." is the deliveries claim opposing the footfall claim
    expect(link(document, 'Deliveries', 'Pedestrianised')?.relation).toBe('oppose');
    expect(link(document, 'Tyre and brake', 'Cities should')?.relation).toBe('oppose');

    expect(document.sources).toHaveLength(2);
    expect(document.sources[0]).toMatchObject({
      title: 'WHO Air quality guidelines 2021',
      url: 'https://www.who.int/publications/i/item/9789240034228',
      text: '[1] WHO Air quality guidelines 2021. https://www.who.int/publications/i/item/9789240034228',
    });
    expect(document.sources[1]).toMatchObject({ title: 'example.org/ghent-circulation-plan', url: 'https://example.org/ghent-circulation-plan' });
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

  it('names the line of every error', () => {
    const cases: [string, number, RegExp][] = [
      ['Discussion Title: x\n\nSome preamble\n1. Thesis.\n', 3, /expected the first claim/],
      ['1. Thesis.\n1.2.1. Pro: Orphan.\n', 2, /no parent claim 1\.2\./],
      ['1. Thesis.\n1.1. Pro: One.\n1.1. Con: Again.\n', 3, /used twice/],
      ['1. Thesis.\n1.1. Pro: A.\n1.1.1. Pro: -> See 9.9.\n', 3, /does not exist/],
      ['1. Thesis.\n1.1. Pro:\n1.2. Con: B.\n', 2, /no text/],
      ['1. Thesis.\n1.1. Pro: -> See 1.2.\n1.2. Con: -> See 1.1.\n', 2, /refers to itself/],
      [`1. Thesis.\n1.1. Pro: ${'long '.repeat(250)}\n`, 2, /at most 1000/],
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
