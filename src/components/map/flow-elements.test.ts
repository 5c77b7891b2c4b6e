import { describe, expect, it } from 'vitest';
import {
  createFlowEdgeBuilder,
  createFlowNodeBuilder,
  DRAFT_NODE_ID,
  labelBoxes,
  mergeFlowNodes,
  placeUnpositioned,
  positionForNewClaim,
  type Box,
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

  it('keeps each node data object when nodes only moved (a layout re-renders no node), and the same lists when nothing changed', () => {
    const build = createFlowNodeBuilder();
    const buildEdges = createFlowEdgeBuilder();
    const first = build(map, decorations());
    const firstEdges = buildEdges(map, { selectedId: null, draft: null });
    const moved = { ...map, claims: map.claims.map((item) => ({ ...item, x: (item.x ?? 0) + 500 })) };
    const second = build(moved, decorations());
    expect(second.map((node) => node.position.x)).toEqual([500, 350, 650, 0]);
    second.forEach((node, i) => expect(node.data).toBe(first[i]!.data));
    // A moved claim whose text also changed gets new data.
    const edited = { ...moved, claims: moved.claims.map((item) => (item.id === 'a' ? { ...item, x: 1, text: 'Pro, edited' } : item)) };
    const third = build(edited, decorations());
    expect(third[1]!.data).not.toBe(second[1]!.data);
    expect(third[0]!.data).toBe(second[0]!.data);
    // Nothing changed: the very same arrays, so React Flow does no work.
    expect(build(edited, decorations())).toBe(third);
    expect(buildEdges({ ...map }, { selectedId: null, draft: null })).toBe(firstEdges);
  });

  it('rebuilds only the nodes and edges whose decorations changed (selection, strengths, counts)', () => {
    const build = createFlowNodeBuilder();
    const buildEdges = createFlowEdgeBuilder();
    const first = build(map, decorations());
    const firstEdges = buildEdges(map, { selectedId: null, draft: null });
    const selected = build(map, decorations({ selectedId: 'a' }));
    expect(selected.map((node) => node.selected)).toEqual([false, true, false, false]);
    expect(selected[0]).toBe(first[0]);
    const strong = build(map, decorations({ selectedId: 'a', strengths: { t: 0.7, a: 0.6, b: 0.4, e1: 0.5 } }));
    expect(strong.map((node) => (node.type === 'draft' ? null : node.data.strength))).toEqual([0.7, 0.6, 0.4, 0.5]);
    const linked = { ...map, links: [...map.links, link('e1', 't', 'oppose')] };
    const counted = build(linked, decorations({ selectedId: 'a', strengths: { t: 0.7, a: 0.6, b: 0.4, e1: 0.5 } }));
    expect(counted[0]!.type === 'claim' && counted[0]!.data.opposerCount).toBe(2);
    expect(counted[1]).toBe(strong[1]);
    const edges = buildEdges(map, { selectedId: 'b>t', draft: null });
    expect(edges.map((edge) => edge.selected)).toEqual([false, true, false]);
    expect(edges[0]).toBe(firstEdges[0]);
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

describe('new nodes keep clear of link badges', () => {
  const covers = (spot: { x: number; y: number }, size: { width: number; height: number }, box: Box) =>
    spot.x < box.x + box.width && box.x < spot.x + size.width && spot.y < box.y + box.height && box.y < spot.y + size.height;

  it('puts a new claim beside the "+" badge of a link that crosses the spot it would take', () => {
    const claims = [claim('t', 'T', { x: 0, y: 0 }), claim('b', 'B', { x: 600, y: 0 }), claim('c', 'C', { x: 600, y: 450 })];
    const desired = { x: 600, y: 200 };
    // Without the link the spot is free of every node box…
    expect(positionForNewClaim(mapView({ claims }), null, undefined, desired)).toEqual(desired);
    // …but the badge of c → b sits halfway between them, inside it.
    const map = mapView({ claims, links: [link('c', 'b', 'support')] });
    const [badge] = labelBoxes(map);
    expect(covers(desired, { width: 260, height: 130 }, badge!)).toBe(true);
    const spot = positionForNewClaim(map, null, undefined, desired);
    expect(spot).not.toEqual(desired);
    expect(covers(spot, { width: 260, height: 130 }, badge!)).toBe(false);
  });

  it('places a quoted passage clear of a badge below the claim it supports', () => {
    const claims = [claim('p', 'P', { x: 0, y: 0 }), claim('s', 'S', { x: 0, y: -100 }), claim('r', 'R', { x: 0, y: 600 })];
    const withoutLink = mapView({ claims, evidence: [evidence('e1')], links: [link('e1', 'p', 'support')] });
    const free = placeUnpositioned(withoutLink).get('e1')!;
    const map = { ...withoutLink, links: [...withoutLink.links, link('r', 's', 'oppose')] };
    const badge = labelBoxes(map).at(-1)!;
    expect(covers(free, { width: 260, height: 98 }, badge)).toBe(true);
    const spot = placeUnpositioned(map).get('e1')!;
    expect(covers(spot, { width: 260, height: 98 }, badge)).toBe(false);
  });
});
