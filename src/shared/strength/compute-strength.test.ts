import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  aggregateStrengths,
  baseScoreFromVotes,
  combineStrength,
  computeStrengths,
  describeStrength,
  explainStrength,
  type StrengthEdge,
  type StrengthExplanation,
  type StrengthNode,
} from './compute-strength';
import { seededRandom } from '@/shared/seeded-random';
import { strengthOf } from './strength-test-support';

const node = (id: string, baseScore: number): StrengthNode => ({ id, baseScore });
const sup = (from: string, to: string): StrengthEdge => ({ from, to, relation: 'support' });
const opp = (from: string, to: string): StrengthEdge => ({ from, to, relation: 'oppose' });

describe('baseScoreFromVotes', () => {
  it('maps the 0–4 mean to [0,1] and no votes to 0.5', () => {
    expect(baseScoreFromVotes(null)).toBe(0.5);
    expect(baseScoreFromVotes(0)).toBe(0);
    expect(baseScoreFromVotes(4)).toBe(1);
    expect(baseScoreFromVotes(2)).toBe(0.5);
    expect(baseScoreFromVotes(2.48)).toBeCloseTo(0.62, 12);
  });

  it('clamps out-of-range means and treats non-finite ones as no votes', () => {
    expect(baseScoreFromVotes(5)).toBe(1);
    expect(baseScoreFromVotes(-1)).toBe(0);
    expect(baseScoreFromVotes(Number.NaN)).toBe(0.5);
    expect(baseScoreFromVotes(Number.POSITIVE_INFINITY)).toBe(0.5);
  });
});

describe('aggregateStrengths and combineStrength', () => {
  it('F is 0 for nothing and 1 − Π(1 − v) otherwise', () => {
    expect(aggregateStrengths([])).toBe(0);
    expect(aggregateStrengths([0.4])).toBeCloseTo(0.4, 12);
    // 1 − (1 − 0.6)(1 − 0.5) = 1 − 0.4·0.5 = 0.8
    expect(aggregateStrengths([0.6, 0.5])).toBeCloseTo(0.8, 12);
    expect(aggregateStrengths([0.3, 1])).toBe(1);
  });

  it('C follows the three DF-QuAD cases', () => {
    expect(combineStrength(0.3, 0.6, 0.6)).toBe(0.3); // va = vs → v0
    expect(combineStrength(0.5, 0.8, 0.2)).toBeCloseTo(0.5 - 0.5 * 0.6, 12); // va > vs → 0.2
    expect(combineStrength(0.5, 0.2, 0.8)).toBeCloseTo(0.5 + 0.5 * 0.6, 12); // va < vs → 0.8
  });
});

describe('computeStrengths: worked examples', () => {
  it('a support chain C → B → A', () => {
    // C = 0.8 (no parents).
    // B: vs = F(0.8) = 0.8, va = 0 → 0.5 + (1 − 0.5)·0.8 = 0.9.
    // A: vs = F(0.9) = 0.9, va = 0 → 0.4 + (1 − 0.4)·0.9 = 0.4 + 0.54 = 0.94.
    const result = computeStrengths([node('A', 0.4), node('B', 0.5), node('C', 0.8)], [sup('C', 'B'), sup('B', 'A')]);
    expect(strengthOf(result, 'C')).toBeCloseTo(0.8, 12);
    expect(strengthOf(result, 'B')).toBeCloseTo(0.9, 12);
    expect(strengthOf(result, 'A')).toBeCloseTo(0.94, 12);
    expect(result).toMatchObject({ converged: true, iterations: 1, hasCycles: false });
  });

  it('a mixed chain: C opposes B, B supports A', () => {
    // B: va = 0.8, vs = 0 → 0.5 − 0.5·0.8 = 0.1.
    // A: vs = 0.1 → 0.4 + 0.6·0.1 = 0.46.
    const result = computeStrengths([node('A', 0.4), node('B', 0.5), node('C', 0.8)], [opp('C', 'B'), sup('B', 'A')]);
    expect(strengthOf(result, 'B')).toBeCloseTo(0.1, 12);
    expect(strengthOf(result, 'A')).toBeCloseTo(0.46, 12);
  });

  it('a node with 2 supporters and 1 attacker', () => {
    // vs = 1 − (1 − 0.6)(1 − 0.5) = 0.8; va = 0.4.
    // va < vs → 0.5 + (1 − 0.5)·(0.8 − 0.4) = 0.5 + 0.2 = 0.7.
    const nodes = [node('T', 0.5), node('S1', 0.6), node('S2', 0.5), node('O', 0.4)];
    const edges = [sup('S1', 'T'), sup('S2', 'T'), opp('O', 'T')];
    const result = computeStrengths(nodes, edges);
    expect(strengthOf(result, 'T')).toBeCloseTo(0.7, 12);

    const explanation = explainStrength('T', nodes, edges, result.strengths);
    expect(explanation.baseScore).toBe(0.5);
    expect(explanation.strength).toBeCloseTo(0.7, 12);
    expect(explanation.supportAggregate).toBeCloseTo(0.8, 12);
    expect(explanation.attackAggregate).toBeCloseTo(0.4, 12);
    expect(explanation.contributions).toEqual([
      { fromId: 'S1', relation: 'support', strength: 0.6 },
      { fromId: 'S2', relation: 'support', strength: 0.5 },
      { fromId: 'O', relation: 'oppose', strength: 0.4 },
    ]);
  });

  it('equal support and attack leave the base score unchanged', () => {
    // vs = va = 0.6 → strength = base = 0.3.
    const result = computeStrengths([node('T', 0.3), node('S', 0.6), node('O', 0.6)], [sup('S', 'T'), opp('O', 'T')]);
    expect(strengthOf(result, 'T')).toBe(0.3);
  });

  it('extreme values: a full-strength attacker zeroes a base-1 claim, a full supporter lifts a base-0 one', () => {
    // va = 1, vs = 0 → 1 − 1·1 = 0.
    expect(strengthOf(computeStrengths([node('T', 1), node('O', 1)], [opp('O', 'T')]), 'T')).toBe(0);
    // vs = 1, va = 0 → 0 + (1 − 0)·1 = 1.
    expect(strengthOf(computeStrengths([node('T', 0), node('S', 1)], [sup('S', 'T')]), 'T')).toBe(1);
    // vs = va = 1 → base unchanged.
    expect(strengthOf(computeStrengths([node('T', 0.7), node('S', 1), node('O', 1)], [sup('S', 'T'), opp('O', 'T')]), 'T')).toBe(0.7);
    // A zero-strength attacker changes nothing.
    expect(strengthOf(computeStrengths([node('T', 0.7), node('O', 0)], [opp('O', 'T')]), 'T')).toBe(0.7);
  });

  it('a small decision debate in the spirit of the paper', () => {
    // Decision a: "Adopt a four-day week" (base 0.5).
    //   b "Staff retention improves" (0.7) supports a;   f "Survey data backs it" (0.5) supports b.
    //   c "Lower office costs" (0.4) supports a.
    //   d "Customer coverage suffers" (0.8) opposes a;  e "Rotas keep coverage" (0.6) opposes d.
    // e = 0.6, f = 0.5, c = 0.4 (leaves).
    // d: va = 0.6 → 0.8 − 0.8·0.6 = 0.32.
    // b: vs = 0.5 → 0.7 + 0.3·0.5 = 0.85.
    // a: vs = 1 − (1 − 0.85)(1 − 0.4) = 1 − 0.15·0.6 = 0.91; va = 0.32;
    //    va < vs → 0.5 + 0.5·(0.91 − 0.32) = 0.5 + 0.295 = 0.795.
    const nodes = [node('a', 0.5), node('b', 0.7), node('c', 0.4), node('d', 0.8), node('e', 0.6), node('f', 0.5)];
    const edges = [sup('b', 'a'), sup('c', 'a'), opp('d', 'a'), opp('e', 'd'), sup('f', 'b')];
    const result = computeStrengths(nodes, edges);
    expect(strengthOf(result, 'd')).toBeCloseTo(0.32, 12);
    expect(strengthOf(result, 'b')).toBeCloseTo(0.85, 12);
    expect(strengthOf(result, 'a')).toBeCloseTo(0.795, 12);

    // Discontinuity-free: as the attacker d fades to 0, a tends to its value without d,
    // 0.5 + 0.5·0.91 = 0.955 (QuAD would jump here; DF-QuAD does not).
    const withoutD = computeStrengths(
      nodes,
      edges.filter((e) => e.from !== 'd'),
    );
    expect(strengthOf(withoutD, 'a')).toBeCloseTo(0.955, 12);
    const faint = computeStrengths(
      nodes.map((n) => (n.id === 'd' ? node('d', 1e-9) : n)),
      edges,
    );
    expect(Math.abs(strengthOf(faint, 'a') - 0.955)).toBeLessThan(1e-8);
  });
});

describe('computeStrengths: robustness', () => {
  it('ignores edges with unknown endpoints, self-loops and duplicate edges', () => {
    // Only one S → T support counts: 0.5 + 0.5·0.6 = 0.8.
    const result = computeStrengths(
      [node('T', 0.5), node('S', 0.6)],
      [sup('S', 'T'), sup('S', 'T'), sup('ghost', 'T'), opp('T', 'ghost'), sup('T', 'T'), opp('S', 'S')],
    );
    expect(strengthOf(result, 'T')).toBeCloseTo(0.8, 12);
    expect(strengthOf(result, 'S')).toBe(0.6);
    expect(result.hasCycles).toBe(false);
    expect(Object.keys(result.strengths).sort()).toEqual(['S', 'T']);
  });

  it('keeps the first of duplicate node ids, sanitises bad base scores and survives awkward ids', () => {
    const result = computeStrengths(
      [node('__proto__', 0.2), node('__proto__', 0.9), node('nan', Number.NaN), node('big', 7), node('neg', -3)],
      [],
    );
    expect(strengthOf(result, '__proto__')).toBe(0.2);
    expect(strengthOf(result, 'nan')).toBe(0.5);
    expect(strengthOf(result, 'big')).toBe(1);
    expect(strengthOf(result, 'neg')).toBe(0);
  });

  it('handles the empty graph', () => {
    expect(computeStrengths([], [])).toEqual({ strengths: {}, converged: true, iterations: 0, hasCycles: false, unrated: [] });
  });
});

describe('computeStrengths: cycles', () => {
  it('a converging 2-cycle reaches the fixed point, and nodes downstream use it', () => {
    // A (0.5) opposes B (0.5); B supports A; B supports D (0.5).
    // Fixed point: b = 0.5 − 0.5a, a = 0.5 + 0.5b ⇒ a = 0.75 − 0.25a ⇒ a = 0.6, b = 0.2.
    // D: vs = 0.2 → 0.5 + 0.5·0.2 = 0.6.
    const result = computeStrengths([node('A', 0.5), node('B', 0.5), node('D', 0.5)], [opp('A', 'B'), sup('B', 'A'), sup('B', 'D')]);
    expect(result.hasCycles).toBe(true);
    expect(result.converged).toBe(true);
    expect(result.iterations).toBeGreaterThan(1);
    expect(strengthOf(result, 'A')).toBeCloseTo(0.6, 8);
    expect(strengthOf(result, 'B')).toBeCloseTo(0.2, 8);
    expect(strengthOf(result, 'D')).toBeCloseTo(0.6, 8);
  });

  it('mutual support climbs to the fixed point 1', () => {
    // a = 0.5 + 0.5b, b = 0.5 + 0.5a ⇒ a = b = 1.
    const result = computeStrengths([node('A', 0.5), node('B', 0.5)], [sup('A', 'B'), sup('B', 'A')]);
    expect(result.converged).toBe(true);
    expect(strengthOf(result, 'A')).toBeCloseTo(1, 8);
    expect(strengthOf(result, 'B')).toBeCloseTo(1, 8);
  });

  it('a symmetric mutual attack settles at 0.5/0.5 with the default damping', () => {
    // Every (x, 1 − x) is a fixed point. From (1, 1), σ gives (0, 0); the damped step moves half-way,
    // to (0.5, 0.5), and σ(0.5, 0.5) = (1 − 1·0.5, 1 − 1·0.5) = (0.5, 0.5): settled, symmetrically.
    const result = computeStrengths([node('A', 1), node('B', 1)], [opp('A', 'B'), opp('B', 'A')]);
    expect(result.converged).toBe(true);
    expect(strengthOf(result, 'A')).toBeCloseTo(0.5, 12);
    expect(strengthOf(result, 'B')).toBeCloseTo(0.5, 12);
  });

  it('plain Jacobi on the same mutual attack oscillates, hits the cap and says so', () => {
    // (1, 1) → (0, 0) → (1, 1) → … never settles.
    const result = computeStrengths([node('A', 1), node('B', 1)], [opp('A', 'B'), opp('B', 'A')], {
      damping: 1,
      maxIterations: 50,
    });
    expect(result.converged).toBe(false);
    expect(result.iterations).toBe(50);
    for (const s of Object.values(result.strengths)) expect(s === 0 || s === 1).toBe(true);
  });

  it('a tiny maxIterations reports converged false', () => {
    const nodes = [node('A', 0.5), node('B', 0.5)];
    const edges = [opp('A', 'B'), sup('B', 'A')];
    const one = computeStrengths(nodes, edges, { maxIterations: 1 });
    expect(one).toMatchObject({ converged: false, iterations: 1, hasCycles: true });
    const none = computeStrengths(nodes, edges, { maxIterations: 0 });
    expect(none.converged).toBe(false);
    expect(none.strengths).toEqual({ A: 0.5, B: 0.5 });
  });
});

// ---------------------------------------------------------------------------------------------
// Property tests

const baseArb = fc.double({ min: 0, max: 1, noNaN: true });

interface Graph {
  nodes: StrengthNode[];
  edges: StrengthEdge[];
}

/** Random DAG: nodes n0..n(k-1), edges only from a higher index to a lower one. */
const dagArb: fc.Arbitrary<Graph> = fc.integer({ min: 1, max: 12 }).chain((n) =>
  fc
    .record({
      bases: fc.array(baseArb, { minLength: n, maxLength: n }),
      pairs: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.boolean()), { maxLength: 30 }),
    })
    .map(({ bases, pairs }) => ({
      nodes: bases.map((b, i) => node(`n${i}`, b)),
      edges: pairs
        .filter(([a, b]) => a !== b)
        .map(([a, b, isSupport]) => ({
          from: `n${Math.max(a, b)}`,
          to: `n${Math.min(a, b)}`,
          relation: isSupport ? ('support' as const) : ('oppose' as const),
        })),
    })),
);

/** Random graph with anything: cycles, self-loops, duplicates, unknown endpoints. */
const anyGraphArb: fc.Arbitrary<Graph> = fc.integer({ min: 1, max: 12 }).chain((n) =>
  fc
    .record({
      bases: fc.array(baseArb, { minLength: n, maxLength: n }),
      pairs: fc.array(fc.tuple(fc.nat(n), fc.nat(n), fc.boolean()), { maxLength: 40 }),
    })
    .map(({ bases, pairs }) => ({
      nodes: bases.map((b, i) => node(`n${i}`, b)),
      // index n is an unknown node id
      edges: pairs.map(([a, b, isSupport]) => ({
        from: `n${a}`,
        to: `n${b}`,
        relation: isSupport ? ('support' as const) : ('oppose' as const),
      })),
    })),
);

/** σ applied once at `id`, using the given strengths (same operation order as the engine). */
function recompute(id: string, graph: Graph, strengths: Record<string, number>): number {
  const e = explainStrength(id, graph.nodes, graph.edges, strengths);
  return combineStrength(e.baseScore, e.attackAggregate, e.supportAggregate);
}

describe('computeStrengths: properties', () => {
  it('strengths stay in [0,1] and every node gets one (DAGs)', () => {
    fc.assert(
      fc.property(dagArb, (g) => {
        const result = computeStrengths(g.nodes, g.edges);
        expect(result.hasCycles).toBe(false);
        expect(result.converged).toBe(true);
        expect(Object.keys(result.strengths)).toHaveLength(g.nodes.length);
        for (const s of Object.values(result.strengths)) {
          expect(s).toBeGreaterThanOrEqual(0);
          expect(s).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it('on DAGs every strength is exactly σ of its parents (explainStrength agrees)', () => {
    fc.assert(
      fc.property(dagArb, (g) => {
        const result = computeStrengths(g.nodes, g.edges);
        for (const n of g.nodes) expect(recompute(n.id, g, result.strengths)).toBe(strengthOf(result, n.id));
      }),
    );
  });

  it('a node with no supporters or attackers keeps its base score (any graph)', () => {
    fc.assert(
      fc.property(anyGraphArb, (g) => {
        const result = computeStrengths(g.nodes, g.edges);
        const ids = new Set(g.nodes.map((n) => n.id));
        for (const n of g.nodes) {
          const hasParents = g.edges.some((e) => e.to === n.id && e.from !== n.id && ids.has(e.from));
          if (!hasParents) expect(strengthOf(result, n.id)).toBe(n.baseScore);
        }
      }),
    );
  });

  const additionArb = fc.record({
    graph: dagArb,
    target: fc.nat(),
    source: fc.nat(),
    useNewNode: fc.boolean(),
    newBase: baseArb,
  });

  type Addition = { graph: Graph; target: number; source: number; useNewNode: boolean; newBase: number };

  function withAddedEdge(
    { graph, target, source, useNewNode, newBase }: Addition,
    relation: 'support' | 'oppose',
  ): { targetId: string; after: Graph } {
    const n = graph.nodes.length;
    const t = target % n;
    const higher = n - 1 - t; // nodes with index > t keep the graph acyclic
    const extraNode = useNewNode || higher === 0;
    const fromId = extraNode ? 'fresh' : `n${t + 1 + (source % higher)}`;
    return {
      targetId: `n${t}`,
      after: {
        nodes: extraNode ? [...graph.nodes, node('fresh', newBase)] : graph.nodes,
        edges: [...graph.edges, { from: fromId, to: `n${t}`, relation }],
      },
    };
  }

  // Monotonicity: a new supporter can only help its target, a new attacker only hurt it.
  it.each([
    { relation: 'support' as const, newcomer: 'a supporter', never: 'lowers', direction: 1 },
    { relation: 'oppose' as const, newcomer: 'an attacker', never: 'raises', direction: -1 },
  ])('adding $newcomer never $never the target (DAGs)', ({ relation, direction }) => {
    fc.assert(
      fc.property(additionArb, (input) => {
        const { targetId, after } = withAddedEdge(input, relation);
        const before = strengthOf(computeStrengths(input.graph.nodes, input.graph.edges), targetId);
        const result = computeStrengths(after.nodes, after.edges);
        expect(result.hasCycles).toBe(false);
        const changeTheExpectedWay = direction * (strengthOf(result, targetId) - before);
        expect(changeTheExpectedWay).toBeGreaterThanOrEqual(-1e-12);
      }),
    );
  });

  it('edge order does not matter (DAGs)', () => {
    fc.assert(
      fc.property(dagArb, fc.integer(), (g, seed) => {
        const shuffled = [...g.edges];
        let state = seed >>> 0;
        for (let i = shuffled.length - 1; i > 0; i--) {
          state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
          const j = state % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
        }
        const a = computeStrengths(g.nodes, g.edges);
        const b = computeStrengths(g.nodes, shuffled);
        for (const n of g.nodes) expect(Math.abs(strengthOf(a, n.id) - strengthOf(b, n.id))).toBeLessThan(1e-12);
      }),
    );
  });

  it('random graphs with cycles terminate with strengths in [0,1], and converged results are fixed points', () => {
    fc.assert(
      fc.property(anyGraphArb, fc.constantFrom(undefined, 1, 0.5, 0.3), (g, damping) => {
        const maxIterations = 200;
        const result = computeStrengths(g.nodes, g.edges, { maxIterations, damping });
        expect(result.iterations).toBeLessThanOrEqual(maxIterations);
        for (const s of Object.values(result.strengths)) {
          expect(s).toBeGreaterThanOrEqual(0);
          expect(s).toBeLessThanOrEqual(1);
        }
        if (result.converged) {
          for (const n of g.nodes) {
            expect(Math.abs(recompute(n.id, g, result.strengths) - strengthOf(result, n.id))).toBeLessThan(1e-6);
          }
        }
      }),
    );
  });
});

// ---------------------------------------------------------------------------------------------

function bigGraph(acyclic: boolean): Graph {
  const random = seededRandom(acyclic ? 1 : 2);
  const n = 10_000;
  const nodes = Array.from({ length: n }, (_, i) => node(`node-${i}`, random()));
  const edges: StrengthEdge[] = [];
  for (let k = 0; k < 20_000; k++) {
    let a = Math.floor(random() * n);
    let b = Math.floor(random() * n);
    if (acyclic && a < b) [a, b] = [b, a];
    edges.push({ from: `node-${a}`, to: `node-${b}`, relation: random() < 0.6 ? 'support' : 'oppose' });
  }
  return { nodes, edges };
}

describe('computeStrengths: performance', () => {
  it('10,000 nodes and 20,000 edges (acyclic) compute quickly', () => {
    const g = bigGraph(true);
    computeStrengths(g.nodes, g.edges); // warm-up
    const start = performance.now();
    const result = computeStrengths(g.nodes, g.edges);
    const elapsed = performance.now() - start;
    expect(result.hasCycles).toBe(false);
    expect(Object.keys(result.strengths)).toHaveLength(10_000);
    // Typically a few ms; the bound is loose so a busy CI machine does not flake.
    expect(elapsed).toBeLessThan(500);
  });

  it('10,000 nodes and 20,000 random edges (with cycles) terminate quickly', () => {
    const g = bigGraph(false);
    computeStrengths(g.nodes, g.edges);
    const start = performance.now();
    const result = computeStrengths(g.nodes, g.edges);
    const elapsed = performance.now() - start;
    expect(result.hasCycles).toBe(true);
    for (const s of Object.values(result.strengths)) {
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThanOrEqual(1);
    }
    expect(elapsed).toBeLessThan(2000);
  });
});

describe('describeStrength', () => {
  const explanation = (over: Partial<StrengthExplanation>): StrengthExplanation => ({
    baseScore: 0.5,
    strength: 0.5,
    supportAggregate: 0,
    attackAggregate: 0,
    contributions: [],
    ...over,
  });

  it('describes supporters and opposers with plurals', () => {
    const e = explanation({
      baseScore: 0.62,
      strength: 0.78,
      supportAggregate: 0.71,
      attackAggregate: 0.4,
      contributions: [
        { fromId: 'a', relation: 'support', strength: 0.5 },
        { fromId: 'b', relation: 'support', strength: 0.42 },
        { fromId: 'c', relation: 'oppose', strength: 0.4 },
      ],
    });
    expect(describeStrength(e, 14)).toBe(
      'Base 0.62 from 14 votes; raised by 2 supporters (combined 0.71), lowered by 1 opposer (0.40): strength 0.78.',
    );
  });

  it('handles no votes and no edges', () => {
    expect(describeStrength(explanation({}), 0)).toBe('No votes yet, so base 0.50; no supporters or opposers: strength 0.50.');
  });

  it('handles one vote, one supporter, several opposers', () => {
    const nodes = [node('T', 0.75), node('S', 0.6)];
    const edges = [sup('S', 'T')];
    const e = explainStrength('T', nodes, edges, computeStrengths(nodes, edges).strengths);
    // 0.75 + 0.25·0.6 = 0.9
    expect(describeStrength(e, 1)).toBe('Base 0.75 from 1 vote; raised by 1 supporter (0.60): strength 0.90.');

    const many = explanation({
      baseScore: 0.8,
      strength: 0.2,
      attackAggregate: 0.75,
      contributions: [
        { fromId: 'x', relation: 'oppose', strength: 0.5 },
        { fromId: 'y', relation: 'oppose', strength: 0.5 },
        { fromId: 'z', relation: 'oppose', strength: 0 },
      ],
    });
    expect(describeStrength(many, 3)).toBe('Base 0.80 from 3 votes; lowered by 3 opposers (combined 0.75): strength 0.20.');
  });

  it('adds a caveat when the computation did not converge', () => {
    expect(describeStrength(explanation({}), 2, { converged: false })).toBe(
      'Base 0.50 from 2 votes; no supporters or opposers: strength 0.50 (approximate: a cycle in the map did not settle).',
    );
  });
});

describe('explainStrength', () => {
  it('falls back gracefully for unknown nodes and missing strengths', () => {
    const nodes = [node('T', 0.5), node('S', 0.6)];
    const edges = [sup('S', 'T')];
    expect(explainStrength('nope', nodes, edges, {})).toEqual({
      baseScore: 0.5,
      strength: 0.5,
      supportAggregate: 0,
      attackAggregate: 0,
      contributions: [],
    });
    // No strengths given: sources fall back to base scores and the node is recombined.
    const e = explainStrength('T', nodes, edges, {});
    expect(e.strength).toBeCloseTo(0.8, 12);
    expect(e.contributions).toEqual([{ fromId: 'S', relation: 'support', strength: 0.6 }]);
  });
});
