import { describe, expect, it } from 'vitest';

import { validateMapDocument } from '@/shared/map-document';

import { AIF_CONFLICT_TEXT, AIF_SUPPORT_TEXT, exportAif, importAif } from './aif';
import { detectImportFormat } from '@/shared/schemas/exchange';

import { evidenceText } from './evidence-text';
import { claimsOnlyMap, sampleMap, triples, expectImportError } from './test-fixtures';

/** An AIFdb-style export with dialogue structure, numeric ids and schemes Crux cannot represent. */
const AIFDB_SAMPLE = {
  nodes: [
    { nodeID: 1, text: 'We should build more bike lanes.', type: 'I', timestamp: '2016-10-01 10:00:00' },
    { nodeID: 2, text: 'Bike lanes reduce accidents.', type: 'I', timestamp: '2016-10-01 10:00:00' },
    { nodeID: 3, text: 'Cycling is healthy.', type: 'I', timestamp: '2016-10-01 10:00:00' },
    { nodeID: 4, text: 'Default Inference', type: 'RA', scheme: 'Argument From Consequences', timestamp: '2016-10-01 10:00:00' },
    { nodeID: 5, text: 'Bike lanes take space from cars.', type: 'I', timestamp: '2016-10-01 10:00:00' },
    { nodeID: 6, text: 'Default Conflict', type: 'CA', timestamp: '2016-10-01 10:00:00' },
    { nodeID: 7, text: 'Alice : we should build more bike lanes', type: 'L', timestamp: '2016-10-01 10:00:00' },
    { nodeID: 8, text: 'Asserting', type: 'YA', timestamp: '2016-10-01 10:00:00' },
    { nodeID: 9, text: 'Default Transition', type: 'TA', timestamp: '2016-10-01 10:00:00' },
    { nodeID: 10, text: 'Default Rephrase', type: 'MA', timestamp: '2016-10-01 10:00:00' },
    { nodeID: 11, text: 'The accident data is from one city only.', type: 'I', timestamp: '2016-10-01 10:00:00' },
    { nodeID: 12, text: 'Default Conflict', type: 'CA', timestamp: '2016-10-01 10:00:00' },
    { nodeID: 13, text: '', type: 'I', timestamp: '2016-10-01 10:00:00' },
  ],
  edges: [
    // RA with two premises → two support links
    { edgeID: 1, fromID: 2, toID: 4, formEdgeID: null },
    { edgeID: 2, fromID: 3, toID: 4, formEdgeID: null },
    { edgeID: 3, fromID: 4, toID: 1, formEdgeID: null },
    // CA → oppose
    { edgeID: 4, fromID: 5, toID: 6, formEdgeID: null },
    { edgeID: 5, fromID: 6, toID: 1, formEdgeID: null },
    // dialogue layer
    { edgeID: 6, fromID: 7, toID: 8, formEdgeID: null },
    { edgeID: 7, fromID: 8, toID: 1, formEdgeID: null },
    // an undercut: CA attacking the RA node
    { edgeID: 8, fromID: 11, toID: 12, formEdgeID: null },
    { edgeID: 9, fromID: 12, toID: 4, formEdgeID: null },
    // a dangling edge
    { edgeID: 10, fromID: 99, toID: 1, formEdgeID: null },
  ],
  locutions: [{ nodeID: 7, personID: 1, timestamp: '2016-10-01 10:00:00' }],
  participants: [{ participantID: 1, firstname: 'Alice', surname: 'A' }],
};

describe('exportAif', () => {
  it('writes I-nodes for claims and evidence, RA per support and CA per oppose link', () => {
    const doc = sampleMap();
    const aif = exportAif(doc);
    const count = (type: string) => aif.nodes.filter((n) => n.type === type).length;
    expect(count('I')).toBe(doc.claims.length + doc.evidence.length);
    expect(count('RA')).toBe(doc.links.filter((l) => l.relation === 'support').length);
    expect(count('CA')).toBe(doc.links.filter((l) => l.relation === 'oppose').length);
    expect(aif.edges).toHaveLength(2 * doc.links.length);
    expect(aif.locutions).toEqual([]);
    const ids = new Set(aif.nodes.map((n) => n.nodeID));
    expect(ids.size).toBe(aif.nodes.length);
    for (const e of aif.edges) {
      expect(ids.has(e.fromID)).toBe(true);
      expect(ids.has(e.toID)).toBe(true);
    }
    expect(aif.nodes.every((n) => n.timestamp === '2024-05-01 12:00:00')).toBe(true);
    expect(aif.nodes.find((n) => n.type === 'RA')?.text).toBe(AIF_SUPPORT_TEXT);
    expect(aif.nodes.find((n) => n.type === 'CA')?.text).toBe(AIF_CONFLICT_TEXT);
    // I → RA → I
    const ra = aif.nodes.find((n) => n.type === 'RA');
    const into = aif.edges.filter((e) => e.toID === ra?.nodeID);
    const out = aif.edges.filter((e) => e.fromID === ra?.nodeID);
    expect(into).toHaveLength(1);
    expect(out).toHaveLength(1);
    expect(JSON.parse(JSON.stringify(aif))).toEqual(aif);
  });

  it('round-trips through importAif (evidence comes back as claims quoting their source)', () => {
    const doc = sampleMap();
    const back = importAif(exportAif(doc)).document;
    const sources = new Map(doc.sources.map((s) => [s.id, s]));
    const label = (e: (typeof doc.evidence)[number]) => evidenceText(e, sources.get(e.sourceId));
    expect(back.claims.map((c) => c.text)).toEqual([...doc.claims.map((c) => c.text), ...doc.evidence.map(label)]);
    expect(triples(back)).toEqual(triples(doc, label));

    const plain = claimsOnlyMap();
    expect(triples(importAif(JSON.stringify(exportAif(plain))).document)).toEqual(triples(plain));
  });
});

describe('importAif', () => {
  it('reads AIFdb JSON with dialogue nodes, multi-premise RAs, conflicts and undercuts', () => {
    const { document, warnings } = importAif(AIFDB_SAMPLE);
    expect(() => validateMapDocument(document)).not.toThrow();
    expect(document.claims.map((c) => c.text)).toEqual([
      'We should build more bike lanes.',
      'Bike lanes reduce accidents.',
      'Cycling is healthy.',
      'Bike lanes take space from cars.',
      'The accident data is from one city only.',
    ]);
    expect(triples(document)).toEqual(
      [
        ['Bike lanes reduce accidents.', 'We should build more bike lanes.', 'support'],
        ['Cycling is healthy.', 'We should build more bike lanes.', 'support'],
        ['Bike lanes take space from cars.', 'We should build more bike lanes.', 'oppose'],
      ].sort((a, b) => a.join('\u0000').localeCompare(b.join('\u0000'))),
    );
    expect(warnings).toEqual(
      expect.arrayContaining([
        'Skipped 1 I-node without text.',
        expect.stringMatching(/^Ignored 4 nodes of types Crux does not represent \(L: 1, YA: 1, TA: 1, MA: 1; e\.g\. L node \d+ “/),
        'Skipped 1 RA/CA node without both a premise and a conclusion I-node.',
        'Skipped 1 edge between scheme nodes (e.g. undercuts): Crux links only claims.',
        'Skipped 1 edge pointing at node ids that do not exist.',
      ]),
    );
  });

  it('reports shape problems with their JSON path', () => {
    const cases: [unknown, string | RegExp][] = [
      [[], '(document)'],
      [{ edges: [] }, 'nodes'],
      [
        {
          nodes: [
            { nodeID: 1, type: 'I', text: 'x' },
            { nodeID: true, type: 'I', text: 'y' },
          ],
          edges: [],
        },
        'nodes[1].nodeID',
      ],
      [{ nodes: [{ nodeID: '1', type: 'I', text: 5 }], edges: [] }, 'nodes[0].text'],
      [{ nodes: [], edges: [{ fromID: 1 }] }, 'edges[0].toID'],
      [
        {
          nodes: [
            { nodeID: 1, type: 'I', text: 'a' },
            { nodeID: '1', type: 'I', text: 'b' },
          ],
          edges: [],
        },
        'nodes[1].nodeID',
      ],
      [
        {
          AIF: {
            nodes: [
              { nodeID: 1, type: 'I', text: 'x' },
              { nodeID: 1, type: 'I', text: 'y' },
            ],
            edges: [],
          },
        },
        'AIF.nodes[1].nodeID',
      ],
      [{ AIF: { nodes: 'none', edges: [] } }, 'AIF.nodes'],
    ];
    for (const [input, path] of cases) {
      const e = expectImportError(() => importAif(input));
      expect(e.location?.path).toBe(path);
      expect(e.message.startsWith(`${String(path)}:`)).toBe(true);
    }
  });

  it('accepts JSON text and reports syntax errors with line and column', () => {
    const e = expectImportError(() => importAif('{\n  "nodes": [\n    {"nodeID": 1,}\n  ]\n}'));
    expect(e.location).toMatchObject({ line: 3, column: 18 });
    expect(importAif(JSON.stringify(AIFDB_SAMPLE)).document.claims).toHaveLength(5);
  });

  it('rejects documents without usable I-nodes', () => {
    expect(expectImportError(() => importAif({ nodes: [], edges: [] })).message).toMatch(/no I-nodes/);
  });
});

describe('importAif: OVA3/xAIF, long nodes and schemes', () => {
  const node = (nodeID: string, type: string, text: string, extra: Record<string, unknown> = {}) => ({ nodeID, type, text, ...extra });
  /** Edges from "from>to" pairs, numbered from 1 in order. */
  const edges = (pairs: string) =>
    pairs.split(' ').map((pair, index) => {
      const [fromID, toID] = pair.split('>');
      return { edgeID: String(index + 1), fromID, toID };
    });
  /** An OVA3 file as its editor saves it: the graph inside "AIF", the analysed text and layout beside it. */
  const OVA3 = {
    AIF: {
      nodes: [
        node('1', 'I', 'The town should build a new library.'),
        node('2', 'I', 'The old library is too small for the school groups.'),
        node('3', 'RA', 'Argument From Analogy', { scheme: 'Argument From Analogy', schemeID: '1' }),
        node('4', 'I', 'The neighbouring town built one and its reading scores rose.'),
        node('5', 'RA', 'Expert Opinion'),
        node('6', 'I', 'The budget has no room this year.'),
        node('7', 'CA', 'Default Conflict'),
        node('8', 'L', 'Mayor : we need a new library'),
        node('9', 'YA', 'Asserting'),
        node('10', 'MA', 'Default Rephrase'),
      ],
      edges: edges('2>3 3>1 4>5 5>1 6>7 7>1 8>9 9>1'),
      locutions: [{ nodeID: '8', personID: '1' }],
      schemefulfillments: [],
    },
    OVA: { firstname: 'Ann', nodes: [{ nodeID: '1', x: 10, y: 20 }], edges: [] },
    text: '<span>The town should build a new library…</span>',
  };

  it('reads the graph inside the "AIF" envelope (auto-detected)', () => {
    expect(detectImportFormat(JSON.stringify(OVA3, null, 2))).toBe('aif');
    const { document, warnings } = importAif(JSON.stringify(OVA3));
    expect(document.claims).toHaveLength(4);
    expect(document.links).toHaveLength(3);
    expect(warnings.join('\n')).toMatch(/Ignored 3 nodes .*\(L: 1, YA: 1, MA: 1; e\.g\. L node 8 “Mayor : we need a new library”/);
  });

  it('says what shape it expected when neither is found', () => {
    const e = expectImportError(() => importAif({ graph: { nodes: [] } }));
    expect(e.message).toMatch(/"nodes" and "edges".*OVA3\/xAIF.*"AIF"/);
  });

  it('keeps scheme names on the links and writes them back as the RA/CA node text and scheme', () => {
    const { document } = importAif(OVA3);
    const schemes = document.links.map((l) => [l.relation, l.scheme ?? null]);
    expect(schemes).toEqual([
      ['support', 'Argument From Analogy'],
      ['support', 'Expert Opinion'],
      ['oppose', null],
    ]);
    const written = exportAif(document);
    const ra = written.nodes.filter((n) => n.type === 'RA');
    expect(ra.map((n) => [n.text, n.scheme])).toEqual([
      ['Argument From Analogy', 'Argument From Analogy'],
      ['Expert Opinion', 'Expert Opinion'],
    ]);
    expect(written.nodes.find((n) => n.type === 'CA')?.text).toBe(AIF_CONFLICT_TEXT);
    const again = importAif(written).document;
    expect(again.links.map((l) => l.scheme ?? null)).toEqual(['Argument From Analogy', 'Expert Opinion', null]);
  });

  it('imports a 5,000-character I-node whole; shortens one beyond the limit with a warning naming the node', () => {
    const long = 'A long premise. '.repeat(320).trim();
    expect(long.length).toBeGreaterThan(5000);
    const { document, warnings } = importAif({
      nodes: [node('a', 'I', long), node('b', 'I', 'y'.repeat(30_000)), node('c', 'I', 'Short.')],
      edges: [],
    });
    expect(document.claims[0]?.text).toBe(long);
    expect(document.claims[1]?.text).toHaveLength(20_000);
    expect(warnings).toEqual([
      expect.stringMatching(/Shortened 1 claim longer than 20,000 characters \(I-node b \(nodes\[1\]\): 30,000 characters\)/),
    ]);
  });
});
