import { describe, expect, it } from 'vitest';
import { claim, link, mapView } from '@/components/map/test-map';
import { diffGraph } from './compare-graph-model';

describe('diffGraph', () => {
  it('marks claims and links added, removed and edited, and keeps what was removed in the picture', () => {
    const from = mapView({
      claims: [claim('t', 'Thesis'), claim('a', 'Kept'), claim('b', 'Gone'), claim('c', 'Old text')],
      links: [link('a', 't'), link('b', 't'), link('c', 't', 'support')],
    });
    const to = mapView({
      claims: [claim('t', 'Thesis'), claim('a', 'Kept'), claim('c', 'New text'), claim('d', 'Fresh')],
      links: [link('a', 't'), link('c', 't', 'oppose'), link('d', 't')],
    });
    const graph = diffGraph(from, to);
    const markOf = Object.fromEntries(graph.nodes.map((node) => [node.id, node.mark]));
    expect(markOf).toEqual({ t: 'same', a: 'same', c: 'edited', d: 'added', b: 'removed' });
    expect(graph.nodes.find((node) => node.id === 'c')?.before).toBe('Old text');
    const edgeMark = Object.fromEntries(graph.edges.map((edge) => [edge.id, edge.mark]));
    expect(edgeMark).toEqual({ 'a>t': 'same', 'c>t': 'edited', 'd>t': 'added', 'b>t': 'removed' });
    expect(graph.counts).toEqual({ added: 2, removed: 2, edited: 2 });
  });

  it('places every node, even claims that were never laid out', () => {
    const graph = diffGraph(mapView({ claims: [claim('t')] }), mapView({ claims: [claim('t'), claim('u')], links: [link('u', 't')] }));
    const positions = graph.nodes.map((node) => `${node.position.x},${node.position.y}`);
    expect(new Set(positions).size).toBe(2);
  });
});
