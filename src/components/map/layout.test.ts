import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import { buildLayoutGraph, computeLayout, computeTreeLayout, needsInitialLayout } from './layout';
import { claim, evidence, link, mapView } from './test-map';

const elk = new ELK();

describe('buildLayoutGraph', () => {
  it('reverses each link so the claim argued about is laid out above what argues about it', () => {
    const map = mapView({ claims: [claim('t'), claim('a')], evidence: [evidence('e1')], links: [link('a', 't'), link('e1', 'a')] });
    const graph = buildLayoutGraph(map);
    expect(graph.layoutOptions?.['elk.direction']).toBe('DOWN');
    expect(graph.children?.map((node) => node.id)).toEqual(['t', 'a', 'e1']);
    expect(graph.edges?.map((edge) => [edge.sources[0], edge.targets[0]])).toEqual([
      ['t', 'a'],
      ['a', 'e1'],
    ]);
  });

  it('drops self-links, duplicate pairs and links to missing nodes, and uses measured sizes when known', () => {
    const map = mapView({
      claims: [claim('t'), claim('a')],
      links: [
        link('a', 't', 'support', 'l1'),
        link('a', 't', 'oppose', 'l2'),
        link('t', 't', 'support', 'self'),
        link('a', 'gone', 'support', 'l3'),
      ],
    });
    const graph = buildLayoutGraph(map, (id) => (id === 't' ? { width: 300, height: 150 } : null));
    expect(graph.edges?.map((edge) => edge.id)).toEqual(['l1']);
    expect(graph.children?.[0]).toMatchObject({ width: 300, height: 150 });
    expect(graph.children?.[1]?.width).toBe(260);
  });
});

describe('computeLayout (ELK)', () => {
  it('puts the thesis on top, its arguments in the row below, evidence below them', async () => {
    const map = mapView({
      claims: [claim('t'), claim('a'), claim('b')],
      evidence: [evidence('e1')],
      links: [link('a', 't'), link('b', 't', 'oppose'), link('e1', 'a')],
    });
    const moves = await computeLayout(elk, map);
    const y = Object.fromEntries(moves.map((move) => [move.id, move.y]));
    expect(y.t).toBeLessThan(y.a!);
    expect(y.a).toBe(y.b);
    expect(y.a).toBeLessThan(y.e1!);
    expect(moves.find((move) => move.id === 'e1')?.kind).toBe('evidence');
    const x = Object.fromEntries(moves.map((move) => [move.id, move.x]));
    expect(Math.abs(x.a! - x.b!)).toBeGreaterThanOrEqual(260);
  });

  it('lays out a map with cycles and disconnected parts without failing', async () => {
    const map = mapView({
      claims: [claim('t'), claim('a'), claim('b'), claim('c'), claim('lonely')],
      links: [link('a', 't'), link('b', 'a'), link('a', 'b', 'oppose', 'a>b'), link('c', 'b'), link('t', 'c', 'oppose', 't>c')],
    });
    const moves = await computeLayout(elk, map);
    expect(moves).toHaveLength(5);
    for (const move of moves) {
      expect(Number.isFinite(move.x)).toBe(true);
      expect(Number.isFinite(move.y)).toBe(true);
    }
    // No two nodes on top of each other.
    const spots = new Set(moves.map((move) => `${move.x},${move.y}`));
    expect(spots.size).toBe(5);
  });

  it('returns nothing for an empty map', async () => {
    expect(await computeLayout(elk, mapView())).toEqual([]);
  });
});

describe('needsInitialLayout', () => {
  it('is true when most nodes were never placed', () => {
    expect(needsInitialLayout(mapView({ claims: [claim('a'), claim('b')] }))).toBe(true);
    expect(needsInitialLayout(mapView({ claims: [claim('a', 'A', { x: 0, y: 0 }), claim('b')] }))).toBe(false);
    expect(needsInitialLayout(mapView({ claims: [claim('a')] }))).toBe(false);
  });
});

describe('computeTreeLayout (maps too big for ELK)', () => {
  it('places every node, what argues about a claim below it, without overlaps', async () => {
    const map = mapView({
      claims: [claim('t'), claim('a'), claim('b')],
      evidence: [evidence('e1')],
      links: [link('a', 't'), link('b', 't', 'oppose'), link('e1', 'a')],
    });
    const moves = await computeTreeLayout(map, (id) => (id === 't' ? { width: 300, height: 150 } : null));
    const at = new Map(moves.map((move) => [move.id, move]));
    expect([...at.keys()].sort()).toEqual(['a', 'b', 'e1', 't']);
    expect(at.get('e1')!.kind).toBe('evidence');
    expect(at.get('a')!.y).toBeGreaterThanOrEqual(150);
    expect(at.get('e1')!.y).toBeGreaterThan(at.get('a')!.y);
    expect(Math.abs(at.get('a')!.x - at.get('b')!.x)).toBeGreaterThanOrEqual(260);
  });
});
