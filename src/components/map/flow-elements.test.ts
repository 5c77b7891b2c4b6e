import { describe, expect, it } from 'vitest';
import {
  createFlowEdgeBuilder,
  createFlowNodeBuilder,
  DRAFT_NODE_ID,
  mergeFlowNodes,
  placeUnpositioned,
  positionForNewClaim,
  type MapFlowNode,
  type NodeDecorations,
} from './flow-elements';
import { claim, evidence, link, mapView } from './test-map';

const decorations = (extra: Partial<NodeDecorations> = {}): NodeDecorations => ({
  selectedId: null,
  editingId: null,
  canEdit: true,
  peersByNode: new Map(),
  strengths: null,
  draft: null,
  fallbackPositions: new Map(),
  ...extra,
});

describe('MapView to React Flow', () => {
  const map = mapView({
    claims: [claim('t', 'Thesis', { x: 0, y: 0 }), claim('a', 'Pro', { x: -150, y: 200 }), claim('b', 'Con', { x: 150, y: 200 })],
    evidence: [evidence('e1', 's1', { x: 0, y: 400 })],
    links: [link('a', 't', 'support'), link('b', 't', 'oppose'), link('e1', 'a', 'support')],
  });

  it('makes a claim node per claim and an evidence node per passage, with labels and counts', () => {
    const nodes = createFlowNodeBuilder()(map, decorations({ selectedId: 'a', editingId: 'b' }));
    expect(nodes.map((node) => [node.id, node.type, node.position])).toEqual([
      ['t', 'claim', { x: 0, y: 0 }],
      ['a', 'claim', { x: -150, y: 200 }],
      ['b', 'claim', { x: 150, y: 200 }],
      ['e1', 'evidence', { x: 0, y: 400 }],
    ]);
    const thesis = nodes[0]!;
    expect(thesis.type === 'claim' && thesis.data).toMatchObject({ supporterCount: 1, opposerCount: 1, isEditing: false });
    expect(thesis.ariaLabel).toBe('Claim: Thesis');
    expect(nodes[1]!.selected).toBe(true);
    expect(nodes[2]!.type === 'claim' && nodes[2]!.data.isEditing).toBe(true);
    expect(nodes[3]!.type === 'evidence' && nodes[3]!.data.sourceTitle).toBe('A source');
    // Handles are known before the node is rendered, so edges to off-screen nodes are drawn.
    expect(thesis.handles?.map((handle) => handle.id)).toEqual(['out', 'in']);
    expect(nodes[3]!.handles?.map((handle) => handle.id)).toEqual(['out']);
  });

  it('draws a link from the arguing node to the claim it argues about, marked by relation', () => {
    const edges = createFlowEdgeBuilder()(map, { selectedId: 'b>t', draft: null });
    expect(edges.map((edge) => [edge.source, edge.target, edge.data?.relation, edge.selected])).toEqual([
      ['a', 't', 'support', false],
      ['b', 't', 'oppose', true],
      ['e1', 'a', 'support', false],
    ]);
    expect(edges[1]!.ariaLabel).toBe('“Con” opposes “Thesis”');
    expect(edges[0]!.sourceHandle).toBe('out');
    expect(edges[0]!.targetHandle).toBe('in');
  });

  it('reuses node objects whose inputs did not change, so memoized nodes skip rendering', () => {
    const build = createFlowNodeBuilder();
    const first = build(map, decorations());
    const changed = { ...map, claims: map.claims.map((item) => (item.id === 'b' ? { ...item, text: 'Con, edited' } : item)) };
    const second = build(changed, decorations());
    expect(second[0]).toBe(first[0]);
    expect(second[1]).toBe(first[1]);
    expect(second[2]).not.toBe(first[2]);
    expect(second[3]).toBe(first[3]);
  });

  it('renders a cycle as two edges without trouble', () => {
    const cyclic = mapView({ claims: [claim('a'), claim('b')], links: [link('a', 'b'), link('b', 'a', 'oppose')] });
    expect(createFlowEdgeBuilder()(cyclic, { selectedId: null, draft: null })).toHaveLength(2);
    expect(createFlowNodeBuilder()(cyclic, decorations())).toHaveLength(2);
  });

  it('adds the draft node and its edge while a new claim is being written', () => {
    const draft = { parentId: 't', relation: 'oppose' as const, x: 10, y: 300 };
    const nodes = createFlowNodeBuilder()(map, decorations({ draft }));
    expect(nodes.at(-1)).toMatchObject({ id: DRAFT_NODE_ID, type: 'draft', position: { x: 10, y: 300 } });
    const edges = createFlowEdgeBuilder()(map, { selectedId: null, draft });
    expect(edges.at(-1)).toMatchObject({ source: DRAFT_NODE_ID, target: 't', data: { relation: 'oppose' } });
  });

  it('uses fallback positions for unplaced nodes, and local overrides above saved positions', () => {
    const unplaced = mapView({ claims: [claim('t', 'T', { x: 0, y: 0 }), claim('n')], links: [link('n', 't')] });
    const fallback = placeUnpositioned(unplaced);
    expect(fallback.get('n')!.y).toBeGreaterThan(0);
    const nodes = createFlowNodeBuilder()(
      unplaced,
      decorations({ fallbackPositions: fallback, overridePositions: new Map([['t', { x: 99, y: 99 }]]) }),
    );
    expect(nodes[0]!.position).toEqual({ x: 99, y: 99 });
    expect(nodes[1]!.position).toEqual(fallback.get('n'));
  });
});

describe('mergeFlowNodes', () => {
  it("keeps React Flow's measurements and a drag in progress", () => {
    const build = createFlowNodeBuilder();
    const map = mapView({ claims: [claim('a', 'A', { x: 0, y: 0 }), claim('b', 'B', { x: 0, y: 0 })] });
    const measured = build(map, decorations()).map((node): MapFlowNode => ({
      ...node,
      measured: { width: 300, height: 100 },
      dragging: node.id === 'b',
    }));
    const movedRemotely = { ...map, claims: map.claims.map((item) => ({ ...item, x: 500, y: 500, text: `${item.text}!` })) };
    const merged = mergeFlowNodes(measured, build(movedRemotely, decorations()));
    expect(merged[0]).toMatchObject({ position: { x: 500, y: 500 }, measured: { width: 300, height: 100 } });
    // The node being dragged stays under the pointer.
    expect(merged[1]).toMatchObject({ position: { x: 0, y: 0 }, dragging: true });
    expect(merged[0]!.handles?.find((handle) => handle.id === 'in')).toMatchObject({ x: 150, y: 100 });
  });

  it('returns the previous object when nothing about a node changed', () => {
    const build = createFlowNodeBuilder();
    const map = mapView({ claims: [claim('a', 'A', { x: 0, y: 0 })] });
    const first = build(map, decorations());
    expect(mergeFlowNodes(first, build(map, decorations()))[0]).toBe(first[0]);
  });
});

describe('positionForNewClaim', () => {
  it('puts a child under its parent, right of existing children', () => {
    const map = mapView({
      claims: [claim('t', 'T', { x: 100, y: 0 }), claim('a', 'A', { x: 100, y: 200 })],
      links: [link('a', 't')],
    });
    const position = positionForNewClaim(map, 't', (id) => (id === 't' ? { width: 260, height: 100 } : null));
    expect(position).toEqual({ x: 100 + 260 + 40, y: 190 });
    expect(positionForNewClaim(map, 'a').x).toBe(100);
  });

  it('puts a new thesis right of everything, or at the origin of an empty map', () => {
    expect(positionForNewClaim(mapView(), null)).toEqual({ x: 0, y: 0 });
    const map = mapView({ claims: [claim('t', 'T', { x: 100, y: 50 })] });
    expect(positionForNewClaim(map, null)).toEqual({ x: 100 + 260 + 80, y: 50 });
  });
});
