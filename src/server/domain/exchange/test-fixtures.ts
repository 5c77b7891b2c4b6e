/** Sample map documents and helpers shared by the exchange tests. */
import { expect } from 'vitest';
import { ImportError } from '@/shared/import-error';
import { validateMapDocument, type MapDocument } from '@/shared/map-document';

const SOURCE_TEXT =
  'Air pollution in city centres is dominated by road traffic. In the 2019 study, nitrogen dioxide ' +
  'levels fell by 40% within a year of the low-emission zone opening. Shops reported no loss of trade.';

function quote(exact: string) {
  const start = SOURCE_TEXT.indexOf(exact);
  if (start < 0) throw new Error(`fixture quote not in source: ${exact}`);
  return {
    exact,
    start,
    end: start + exact.length,
    prefix: SOURCE_TEXT.slice(Math.max(0, start - 20), start),
    suffix: SOURCE_TEXT.slice(start + exact.length, start + exact.length + 20),
  };
}

/** A small but complete map: nested support/opposition, evidence, a shared child and a cycle. */
export function sampleMap(): MapDocument {
  return validateMapDocument({
    format: 'crux-map',
    version: 1,
    exportedAt: '2024-05-01T12:00:00.000Z',
    map: {
      title: 'Should cities ban cars from their centres?',
      description: 'A worked example.\nSecond line of the description.',
      visibility: 'public',
    },
    claims: [
      {
        id: 'thesis',
        text: 'Cities should ban cars from their centres.',
        x: 0,
        y: 0,
        votes: { count: 3, mean: 3, histogram: [0, 0, 1, 1, 1] },
      },
      { id: 'air', text: 'Fewer cars mean cleaner air.', x: -200, y: 150 },
      { id: 'ev', text: 'Electric cars do not pollute the air locally.', x: null, y: null },
      { id: 'tyres', text: 'Tyre and brake wear still produce particulates (PM2.5), e.g. from heavy SUVs.', x: null, y: null },
      { id: 'access', text: 'Deliveries and emergency services need access.', x: 200, y: 150 },
      { id: 'exempt', text: 'Bans can exempt deliveries & ambulances: see the "Ghent model" [1].', x: null, y: null },
      { id: 'trade', text: 'Shops will lose trade.', x: null, y: null, title: 'Trade worry' },
      { id: 'footfall', text: 'Pedestrian zones increase footfall.', x: null, y: null },
    ],
    links: [
      { id: 'l1', from: { claimId: 'air' }, toClaimId: 'thesis', relation: 'support' },
      { id: 'l2', from: { claimId: 'ev' }, toClaimId: 'air', relation: 'oppose' },
      { id: 'l3', from: { claimId: 'tyres' }, toClaimId: 'ev', relation: 'oppose' },
      { id: 'l4', from: { claimId: 'access' }, toClaimId: 'thesis', relation: 'oppose' },
      { id: 'l5', from: { claimId: 'exempt' }, toClaimId: 'access', relation: 'oppose' },
      { id: 'l6', from: { claimId: 'trade' }, toClaimId: 'thesis', relation: 'oppose' },
      { id: 'l7', from: { claimId: 'footfall' }, toClaimId: 'trade', relation: 'oppose' },
      // footfall also supports the thesis directly (a shared child)…
      { id: 'l8', from: { claimId: 'footfall' }, toClaimId: 'thesis', relation: 'support' },
      // …and a cycle: trade worry opposes footfall.
      { id: 'l9', from: { claimId: 'trade' }, toClaimId: 'footfall', relation: 'oppose' },
      { id: 'l10', from: { evidenceId: 'q1' }, toClaimId: 'air', relation: 'support' },
      { id: 'l11', from: { evidenceId: 'q2' }, toClaimId: 'trade', relation: 'oppose' },
      { id: 'l12', from: { evidenceId: 'q1' }, toClaimId: 'thesis', relation: 'support' },
    ],
    sources: [
      {
        id: 'src1',
        title: 'Low-emission zones: a 2019 study',
        author: 'A. Researcher',
        publisher: 'Journal of Urban Air',
        url: 'https://example.org/lez-2019',
        publishedAt: '2019-06-01',
        text: SOURCE_TEXT,
      },
      {
        id: 'src2',
        title: 'Uncited report',
        author: null,
        publisher: null,
        url: null,
        publishedAt: null,
        text: 'Nothing quoted from here.',
      },
    ],
    evidence: [
      {
        id: 'q1',
        sourceId: 'src1',
        ...quote('nitrogen dioxide levels fell by 40%'),
        note: 'Measured at 12 stations.',
        votes: { count: 2, mean: 3.5, histogram: [0, 0, 0, 1, 1] },
      },
      { id: 'q2', sourceId: 'src1', ...quote('Shops reported no loss of trade.'), note: null },
      { id: 'q3', sourceId: 'src1', ...quote('Air pollution in city centres'), note: null },
    ],
  });
}

/** Claims and links only (what survives an Argdown or AIF round trip exactly). */
export function claimsOnlyMap(): MapDocument {
  const doc = sampleMap();
  return validateMapDocument({
    ...doc,
    links: doc.links.filter((l) => 'claimId' in l.from),
    sources: [],
    evidence: [],
  });
}

export type Triple = [from: string, to: string, relation: string];

/** (from text, to text, relation) for every link, sorted; evidence shows as its quote. */
export function triples(doc: MapDocument, evidenceLabel?: (e: MapDocument['evidence'][number]) => string): Triple[] {
  const claimText = new Map(doc.claims.map((c) => [c.id, c.text]));
  const evidence = new Map(doc.evidence.map((e) => [e.id, e]));
  return doc.links
    .map((l): Triple => {
      const from =
        'claimId' in l.from
          ? (claimText.get(l.from.claimId) ?? '?')
          : (() => {
              const e = evidence.get(l.from.evidenceId);
              return e ? (evidenceLabel ? evidenceLabel(e) : e.exact) : '?';
            })();
      return [from, claimText.get(l.toClaimId) ?? '?', l.relation];
    })
    .sort((a, b) => a.join('\u0000').localeCompare(b.join('\u0000')));
}

/** Modelled on Kialo's "Export discussion" plain-text download (unit and integration tests share it). */
export const KIALO_CARS_SAMPLE = `Discussion Title: Should cities ban cars from their centres?

1. Cities should ban cars from their city centres.
1.1. Pro: Fewer cars mean cleaner air and fewer asthma cases [1].
1.1.1. Con: Electric cars do not pollute the air locally.
1.1.1.1. Con: Tyre and brake wear still produce fine particulates \\(PM2.5\\).
1.1.2. Pro: Studies of [low-emission zones](https://example.org/lez) show nitrogen dioxide falling by up to 40%.
1.2. Con: Deliveries, tradespeople and emergency services need access.
1.2.1. Con: Bans can exempt deliveries and ambulances, as in Ghent.
1.2.2. Pro: Exemptions are hard to police:
every exempt van is a loophole.

Enforcement cameras cost money.
1.3. Pro: Pedestrianised streets see more footfall for shops.
1.3.1. Con: -> See 1.2.
1.4. Con: -> See 1.1.1.1.

Sources:
[1] WHO Air quality guidelines 2021. https://www.who.int/publications/i/item/9789240034228
[2] https://example.org/ghent-circulation-plan
`;

/** The ImportError `fn` throws (failing the test when it throws something else, or nothing). */
export function expectImportError(fn: () => unknown): ImportError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError);
    return e as ImportError;
  }
  throw new Error('expected an ImportError');
}
