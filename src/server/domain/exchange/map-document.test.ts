import { describe, expect, it } from 'vitest';

import { ImportError } from '@/shared/import-error';
import { expectImportError, sampleMap } from './test-fixtures';

import { formatJsonPath, validateMapDocument, type MapDocument } from '@/shared/map-document';

type Mutable = Record<string, unknown> & MapDocument;

function mutated(change: (doc: Mutable) => void): unknown {
  const doc = structuredClone(sampleMap()) as Mutable;
  change(doc);
  return doc;
}

const problem = (value: unknown): ImportError => expectImportError(() => validateMapDocument(value));

describe('validateMapDocument', () => {
  it('accepts a complete document and returns it unchanged', () => {
    const doc = sampleMap();
    expect(validateMapDocument(structuredClone(doc))).toEqual(doc);
  });

  it('formats JSON paths', () => {
    expect(formatJsonPath(['claims', 3, 'text'])).toBe('claims[3].text');
    expect(formatJsonPath(['links', 0, 'from', 'claimId'])).toBe('links[0].from.claimId');
    expect(formatJsonPath(['a b'])).toBe('["a b"]');
    expect(formatJsonPath([])).toBe('(document)');
  });

  const cases: [string, (doc: Mutable) => void, string, RegExp?][] = [
    ['empty claim text', (d) => void (d.claims[3] && (d.claims[3].text = '  ')), 'claims[3].text', /must not be empty/],
    ['over-long claim text', (d) => void (d.claims[0] && (d.claims[0].text = 'x'.repeat(20_001))), 'claims[0].text', /20000/],
    ['duplicate claim id', (d) => void (d.claims[1] && (d.claims[1].id = 'thesis')), 'claims[1].id', /Duplicate/],
    ['link from a missing claim', (d) => void (d.links[0] && (d.links[0].from = { claimId: 'nope' })), 'links[0].from.claimId'],
    ['link to a missing claim', (d) => void (d.links[1] && (d.links[1].toClaimId = 'nope')), 'links[1].toClaimId'],
    ['link from missing evidence', (d) => void (d.links[9] && (d.links[9].from = { evidenceId: 'nope' })), 'links[9].from.evidenceId'],
    ['self link', (d) => void (d.links[0] && (d.links[0].toClaimId = 'air')), 'links[0].toClaimId', /itself/],
    [
      'duplicate link pair',
      (d) => void d.links.push({ id: 'dup', from: { claimId: 'air' }, toClaimId: 'thesis', relation: 'oppose' }),
      'links[12]',
      /same two nodes as links\[0\]/,
    ],
    ['evidence with a missing source', (d) => void (d.evidence[0] && (d.evidence[0].sourceId = 'nope')), 'evidence[0].sourceId'],
    [
      'evidence offsets that do not select the quote',
      (d) => void (d.evidence[1] && (d.evidence[1].start += 1)),
      'evidence[1].exact',
      /Does not match/,
    ],
    ['evidence past the end of the text', (d) => void (d.evidence[1] && (d.evidence[1].end = 10_000)), 'evidence[1].end', /past the end/],
    ['evidence with end before start', (d) => void (d.evidence[1] && (d.evidence[1].end = d.evidence[1].start)), 'evidence[1].end'],
    ['negative offset', (d) => void (d.evidence[0] && (d.evidence[0].start = -1)), 'evidence[0].start'],
    ['javascript: URL', (d) => void (d.sources[0] && (d.sources[0].url = 'javascript:alert(1)')), 'sources[0].url'],
    ['lone surrogate', (d) => void (d.claims[2] && (d.claims[2].text = 'a\uDC00b')), 'claims[2].text', /surrogate/],
    ['NUL character', (d) => void (d.map.description = 'a\u0000b'), 'map.description', /NUL/],
    ['inconsistent vote count', (d) => void (d.claims[0]?.votes && (d.claims[0].votes.count = 4)), 'claims[0].votes.count'],
    ['inconsistent vote mean', (d) => void (d.claims[0]?.votes && (d.claims[0].votes.mean = 1)), 'claims[0].votes.mean'],
    ['bad relation', (d) => void ((d.links[0] as Record<string, unknown>).relation = 'undercut'), 'links[0].relation'],
    ['link from both', (d) => void ((d.links[0] as Record<string, unknown>).from = { claimId: 'air', evidenceId: 'q1' }), 'links[0].from'],
    ['wrong version', (d) => void ((d as Record<string, unknown>).version = 2), 'version', /version 2/],
    ['wrong format', (d) => void ((d as Record<string, unknown>).format = 'other'), 'format'],
    ['bad exportedAt', (d) => void ((d as Record<string, unknown>).exportedAt = 'yesterday'), 'exportedAt'],
  ];

  for (const [name, change, path, message] of cases) {
    it(`rejects ${name} naming ${path}`, () => {
      const e = problem(mutated(change));
      expect(e.location?.path).toBe(path);
      expect(e.message.startsWith(`${path}: `)).toBe(true);
      if (message) expect(e.message).toMatch(message);
    });
  }

  it('limits claims plus evidence to 10,000', () => {
    const claims = Array.from({ length: 9_998 }, (_, i) => ({ id: `c${i}`, text: `Claim ${i}`, x: null, y: null }));
    const e = problem(mutated((d) => void (d.claims = claims)));
    expect(e.location?.path).toBe('claims');
    expect(e.message).toMatch(/at most 10000/);
  });

  it('lists further problems after the first', () => {
    const e = problem(
      mutated((d) => {
        if (d.claims[0]) d.claims[0].text = '';
        if (d.claims[1]) d.claims[1].text = '';
      }),
    );
    expect(e.message).toMatch(/^claims\[0\]\.text: .*\(also claims\[1\]\.text: /);
  });

  it('rejects non-objects', () => {
    expect(problem(null).location?.path).toBe('(document)');
    expect(problem('x').location?.path).toBe('(document)');
  });
});
