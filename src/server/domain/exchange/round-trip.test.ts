import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { validateMapDocument, type MapDocument } from '@/shared/map-document';

import { exportAif, importAif } from './aif';
import { exportArgdown } from './argdown-export';
import { importArgdown } from './argdown-import';
import { evidenceText } from './evidence-text';
import { collapseWhitespace } from './sanitize-text';
import { exportJson, importJson } from './json';
import { exportMarkdown } from './markdown';
import { claimsOnlyMap, sampleMap, triples } from './test-fixtures';

const CHARS = [...'abcdefghij ABC 0123 .,;:!?-+()"\'[]<>{}#@*_/\\=\n\téß→😀'];

const arbText = fc.string({ unit: fc.constantFrom(...CHARS), minLength: 1, maxLength: 80 }).filter((t) => t.trim().length > 0);

/** Random valid map documents: claims, links (no self-links or duplicate pairs), sources, evidence. */
const arbMapDocument: fc.Arbitrary<MapDocument> = fc
  .record({
    title: arbText.map((t) => collapseWhitespace(t).slice(0, 200)).filter((t) => t.length > 0),
    claims: fc.array(
      fc.record({
        text: arbText,
        x: fc.option(
          fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }).map((x) => x + 0) /* JSON has no -0 */,
          { nil: null },
        ),
        votes: fc.option(fc.tuple(fc.nat(5), fc.nat(5), fc.nat(5), fc.nat(5), fc.nat(5)), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 12 },
    ),
    links: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean(), fc.boolean()), { maxLength: 30 }),
    sourceText: fc.string({ unit: fc.constantFrom(...'abc def.\nXYZ, 12—é'), minLength: 5, maxLength: 200 }),
    quotes: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.option(arbText, { nil: null })), { maxLength: 4 }),
  })
  .map(({ title, claims, links, sourceText, quotes }) => {
    const evidence = quotes.map(([a, b, note], i) => {
      const start = a % (sourceText.length - 1);
      const end = start + 1 + (b % (sourceText.length - start));
      return {
        id: `e${i}`,
        sourceId: 's0',
        exact: sourceText.slice(start, end),
        prefix: sourceText.slice(Math.max(0, start - 10), start),
        suffix: sourceText.slice(end, end + 10),
        start,
        end,
        note,
      };
    });
    const seen = new Set<string>();
    const docLinks = links.flatMap(([f, t, fromEvidence, support], i) => {
      const to = `c${t % claims.length}`;
      const from = fromEvidence && evidence.length > 0 ? { evidenceId: `e${f % evidence.length}` } : { claimId: `c${f % claims.length}` };
      const key = JSON.stringify([from, to]);
      if (('claimId' in from && from.claimId === to) || seen.has(key)) return [];
      seen.add(key);
      return [{ id: `l${i}`, from, toClaimId: to, relation: support ? 'support' : 'oppose' }];
    });
    return validateMapDocument({
      format: 'crux-map',
      version: 1,
      exportedAt: '2024-01-01T00:00:00.000Z',
      map: { title, description: '' },
      claims: claims.map((c, i) => {
        const histogram = c.votes;
        const count = histogram ? histogram.reduce((a, b) => a + b, 0) : 0;
        return {
          id: `c${i}`,
          text: c.text,
          x: c.x,
          y: null,
          ...(histogram && {
            votes: { count, mean: count ? histogram.reduce((s, n, v) => s + n * v, 0) / count : null, histogram },
          }),
        };
      }),
      links: docLinks,
      sources:
        evidence.length > 0
          ? [
              {
                id: 's0',
                title: 'Source',
                author: null,
                publisher: null,
                url: 'https://example.org/s',
                publishedAt: null,
                text: sourceText,
              },
            ]
          : [],
      evidence,
    });
  });

const sorted = (rows: string[][]) => rows.sort((a, b) => a.join('\u0000').localeCompare(b.join('\u0000')));

describe('round trips', () => {
  it('exportJson → importJson gives the same document', () => {
    const doc = sampleMap();
    expect(importJson(exportJson(doc)).document).toEqual(doc);
    fc.assert(
      fc.property(arbMapDocument, (d) => {
        expect(importJson(exportJson(d)).document).toEqual(d);
      }),
      { numRuns: 60 },
    );
  });

  it('exportArgdown → importArgdown keeps claim texts and (from, to, relation) triples', () => {
    const doc = claimsOnlyMap();
    const back = importArgdown(exportArgdown(doc)).document;
    expect(back.claims.map((c) => c.text)).toEqual(doc.claims.map((c) => c.text));
    expect(triples(back)).toEqual(triples(doc));
  });

  it('exportArgdown → importArgdown on random maps (evidence becomes quoting claims)', () => {
    fc.assert(
      fc.property(arbMapDocument, (d) => {
        const back = importArgdown(exportArgdown(d)).document;
        const sources = new Map(d.sources.map((s) => [s.id, s]));
        const label = (e: MapDocument['evidence'][number]) => collapseWhitespace(evidenceText(e, sources.get(e.sourceId)));
        const texts = back.claims.map((c) => c.text);
        for (const claim of d.claims) expect(texts).toContain(collapseWhitespace(claim.text));
        expect(back.claims).toHaveLength(d.claims.length + d.evidence.length);
        const normalised = (doc: MapDocument, l?: typeof label) =>
          sorted(triples(doc, l).map(([f, t, r]) => [collapseWhitespace(f), collapseWhitespace(t), r]));
        expect(normalised(back)).toEqual(normalised(d, label));
      }),
      { numRuns: 60 },
    );
  });

  it('exportAif → importAif keeps the claim graph', () => {
    fc.assert(
      fc.property(arbMapDocument, (d) => {
        const back = importAif(exportAif(d)).document;
        const sources = new Map(d.sources.map((s) => [s.id, s]));
        const label = (e: MapDocument['evidence'][number]) => evidenceText(e, sources.get(e.sourceId));
        const trimmed = (doc: MapDocument, l?: typeof label) => sorted(triples(doc, l).map(([f, t, r]) => [f.trim(), t.trim(), r]));
        expect(trimmed(back)).toEqual(trimmed(d, label));
      }),
      { numRuns: 60 },
    );
  });

  it('exportMarkdown mentions every claim and quote', () => {
    fc.assert(
      fc.property(arbMapDocument, (d) => {
        const md = exportMarkdown(d);
        expect(md.startsWith('# ')).toBe(true);
        const headings = md.split('\n').filter((l) => l.startsWith('## ')).length;
        expect(headings).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 40 },
    );
  });
});
