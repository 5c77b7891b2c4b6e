import { describe, expect, it } from 'vitest';
import { computeStrengths, type StrengthEdge, type StrengthNode, type StrengthResult } from './compute-strength';
import { initialStrengths, updateStrengths, type StrengthState } from './incremental-strength';
import { seededRandom } from '@/shared/seeded-random';

/** A tree of arguments (each node argues about an earlier one) plus a few cross-links that may close cycles; a third rated. */
function randomMap(random: () => number, size: number): { nodes: StrengthNode[]; edges: StrengthEdge[] } {
  const nodes: StrengthNode[] = [];
  const edges: StrengthEdge[] = [];
  for (let i = 0; i < size; i++) {
    const isRated = random() < 0.3;
    nodes.push({ id: `n${i}`, baseScore: isRated ? Math.round(random() * 8) / 8 : 0.5, isRated });
    if (i > 0) edges.push({ from: `n${i}`, to: `n${Math.floor(random() * i)}`, relation: random() < 0.6 ? 'support' : 'oppose' });
  }
  for (let k = 0; k < size / 10; k++) {
    edges.push({
      from: `n${Math.floor(random() * size)}`,
      to: `n${Math.floor(random() * size)}`,
      relation: random() < 0.5 ? 'support' : 'oppose',
    });
  }
  return { nodes, edges };
}

/** One edit a user could make: a vote, a new argument, a deletion (with its links), a new or removed link. */
function randomChange(random: () => number, graph: { nodes: StrengthNode[]; edges: StrengthEdge[] }, step: number) {
  const nodes = [...graph.nodes];
  let edges = [...graph.edges];
  const pick = () => nodes[Math.floor(random() * nodes.length)]!;
  const kind = random();
  if (kind < 0.3 && nodes.length > 0) {
    const target = pick();
    const index = nodes.indexOf(target);
    nodes[index] = { ...target, baseScore: Math.round(random() * 8) / 8, isRated: random() < 0.8 };
  } else if (kind < 0.5 || nodes.length < 3) {
    const parent = nodes.length > 0 ? pick() : null;
    const id = `new${step}`;
    nodes.push({ id, baseScore: 0.5, isRated: false });
    if (parent) edges.push({ from: id, to: parent.id, relation: random() < 0.5 ? 'support' : 'oppose' });
  } else if (kind < 0.7) {
    const gone = pick();
    nodes.splice(nodes.indexOf(gone), 1);
    if (random() < 0.7) edges = edges.filter((edge) => edge.from !== gone.id && edge.to !== gone.id);
  } else if (kind < 0.85) {
    edges.push({ from: pick().id, to: pick().id, relation: random() < 0.5 ? 'support' : 'oppose' });
  } else if (edges.length > 0) {
    edges.splice(Math.floor(random() * edges.length), 1);
  }
  return { nodes, edges };
}

function expectSameResult(actual: StrengthResult, expected: StrengthResult) {
  expect(Object.keys(actual.strengths).sort()).toEqual(Object.keys(expected.strengths).sort());
  for (const [id, value] of Object.entries(expected.strengths)) expect(actual.strengths[id], id).toBeCloseTo(value, 12);
  expect([...actual.unrated].sort()).toEqual([...expected.unrated].sort());
  expect(actual.hasCycles).toBe(expected.hasCycles);
  expect(actual.converged).toBe(expected.converged);
  expect(actual.iterations).toBe(expected.iterations);
}

describe('incremental strengths', () => {
  it('equal a full recompute after every one of many random changes to random maps', () => {
    let partial = 0;
    for (let seed = 1; seed <= 8; seed++) {
      const random = seededRandom(seed);
      let graph = randomMap(random, 30 + Math.floor(random() * 120));
      let state: StrengthState = initialStrengths(graph.nodes, graph.edges);
      expectSameResult(state.detail.result, computeStrengths(graph.nodes, graph.edges));
      for (let step = 0; step < 50; step++) {
        graph = randomChange(random, graph, step);
        state = updateStrengths(state, graph.nodes, graph.edges);
        expectSameResult(state.detail.result, computeStrengths(graph.nodes, graph.edges));
        if (state.recomputed < graph.nodes.length) partial += 1;
      }
    }
    // Most changes were handled without a full pass (the comparison above covers those).
    expect(partial).toBeGreaterThan(8 * 50 * 0.5);
  }, 30_000);

  it('recompute only what a change reaches: a vote on a leaf touches the claims above it, not its siblings', () => {
    const nodes: StrengthNode[] = [
      { id: 'thesis', baseScore: 0.5, isRated: false },
      { id: 'pro', baseScore: 0.75, isRated: true },
      { id: 'con', baseScore: 0.5, isRated: false },
      { id: 'leaf', baseScore: 0.5, isRated: false },
      ...[1, 2, 3, 4].map((i) => ({ id: `pro-${i}`, baseScore: i / 4, isRated: true })),
    ];
    const edges: StrengthEdge[] = [
      { from: 'pro', to: 'thesis', relation: 'support' },
      { from: 'con', to: 'thesis', relation: 'oppose' },
      { from: 'leaf', to: 'con', relation: 'support' },
      ...[1, 2, 3, 4].map((i): StrengthEdge => ({ from: `pro-${i}`, to: 'pro', relation: 'support' })),
    ];
    const before = initialStrengths(nodes, edges);
    expect(before.detail.result.unrated.sort()).toEqual(['con', 'leaf']);
    const voted = nodes.map((node) => (node.id === 'leaf' ? { ...node, baseScore: 1, isRated: true } : node));
    const after = updateStrengths(before, voted, edges);
    // The rated leaf makes its parent count: con now opposes the thesis.
    expect(after.detail.result.unrated).toEqual([]);
    expectSameResult(after.detail.result, computeStrengths(voted, edges));
    expect(after.detail.result.strengths.thesis).toBeLessThan(before.detail.result.strengths.thesis!);
    expect(after.detail.result.strengths.pro).toBe(before.detail.result.strengths.pro);
    expect(after.recomputed).toBe(3); // leaf, con, thesis
  });

  it('keeps the previous result when nothing that counts changed', () => {
    const nodes: StrengthNode[] = [{ id: 'a', baseScore: 0.25, isRated: true }];
    const state = initialStrengths(nodes, []);
    expect(updateStrengths(state, [{ ...nodes[0]! }], []).detail).toBe(state.detail);
  });
});
