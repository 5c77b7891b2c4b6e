import type { TRelation } from '@/shared/schemas/claim';

/**
 * Computed claim strength: DF-QuAD gradual semantics over a quantitative bipolar argumentation
 * framework (Rago, Toni, Aurisicchio & Baroni, "Discontinuity-Free Decision Support with
 * Quantitative Argumentation Debates", KR 2016).
 *
 * Every node (claim or evidence passage) has a base score in [0,1]; edges `from → to` say that
 * `from` supports or opposes (attacks) `to`. A node's strength is
 *
 *   strength(x) = C(base(x), F(strengths of x's attackers), F(strengths of x's supporters))
 *
 *   F(v1..vn)      = 1 − Π(1 − vi)            (0 when there are none)
 *   C(v0, va, vs)  = v0                        if va = vs
 *                  = v0 − v0·|vs − va|         if va > vs
 *                  = v0 + (1 − v0)·|vs − va|   if va < vs
 *
 * Acyclic graphs are evaluated in one pass in topological order (Kahn's algorithm). Whatever
 * Kahn's algorithm cannot order (cycles and everything downstream of them) is split into strongly
 * connected components (Tarjan), processed in topological order of the condensation; each cyclic
 * component is iterated to a fixed point.
 *
 * Unrated arguments (Crux's rule on top of DF-QuAD): a node marked `isRated: false` (nobody voted
 * on it) whose whole subtree of supporters and opposers is unrated too is *unrated*. It keeps its
 * base score as its reported strength, but its edges are left out of every aggregation, so an
 * argument nobody has rated neither raises nor lowers what it argues about until someone rates
 * it (or something below it). Nodes without the flag count as rated: plain DF-QuAD.
 *
 * Pure TypeScript with no server dependencies: safe to import in the browser.
 */

export type StrengthRelation = TRelation;

export interface StrengthNode {
  id: string;
  /** In [0,1]. Values outside are clamped; NaN/±Infinity count as {@link DEFAULT_BASE_SCORE}. */
  baseScore: number;
  /** False when the base score is a default (no votes). Default true. */
  isRated?: boolean;
}

export interface StrengthEdge {
  from: string;
  to: string;
  relation: StrengthRelation;
}

export interface StrengthOptions {
  /** Stop iterating a cycle once no node would move by more than this. Default 1e-9. */
  tolerance?: number;
  /** Maximum sweeps per cyclic component. Default 1000. */
  maxIterations?: number;
  /**
   * Relaxation factor in (0,1] for the cyclic iteration: next = cur + damping·(σ(cur) − cur).
   * 1 is plain Jacobi; the default 0.5 still converges to a genuine DF-QuAD fixed point but does
   * not oscillate on symmetric conflicts (e.g. two claims of base 1 opposing each other settle at
   * 0.5/0.5 instead of flipping between 0 and 1 forever).
   */
  damping?: number;
}

export interface StrengthResult {
  /** Strength of every (distinct) node id, in [0,1]. */
  strengths: Record<string, number>;
  /** False when some cyclic component hit maxIterations before settling (values are then the last iterate). */
  converged: boolean;
  /** 0 for an empty graph, 1 for an acyclic one (a single pass), else the most sweeps any cyclic component needed. */
  iterations: number;
  /** True when the graph (ignoring self-loops, unknown endpoints, duplicate edges and edges from unrated nodes) has a cycle. */
  hasCycles: boolean;
  /** Ids of the unrated nodes: no votes on them or anywhere in their subtree. They are left out of aggregation. */
  unrated: string[];
}

export interface StrengthContribution {
  fromId: string;
  relation: StrengthRelation;
  /** The contributing node's computed strength. */
  strength: number;
}

export interface StrengthExplanation {
  baseScore: number;
  strength: number;
  /** F over the supporters' strengths (0 when there are none). */
  supportAggregate: number;
  /** F over the opposers' strengths (0 when there are none). */
  attackAggregate: number;
  /** One per incoming edge that counts (same filtering as computeStrengths), in input order. */
  contributions: StrengthContribution[];
}

/** Base score of a node nobody has voted on (it counts only once something below it is rated). */
export const DEFAULT_BASE_SCORE = 0.5;
export const DEFAULT_TOLERANCE = 1e-9;
export const DEFAULT_MAX_ITERATIONS = 1000;
export const DEFAULT_DAMPING = 0.5;

/** Highest vote value (votes run 0–4). */
const MAX_VOTE = 4;

/** Mean vote on the 0–4 scale → base score in [0,1]; null (no votes) → 0.5. */
export function baseScoreFromVotes(mean: number | null): number {
  if (mean === null || !Number.isFinite(mean)) return DEFAULT_BASE_SCORE;
  return clamp01(mean / MAX_VOTE);
}

/** DF-QuAD aggregation F(v1..vn) = 1 − Π(1 − vi); 0 for no values. */
export function aggregateStrengths(values: readonly number[]): number {
  let product = 1;
  for (const v of values) product *= 1 - v;
  return 1 - product;
}

/** DF-QuAD combination C(v0, va, vs). Result clamped to [0,1] against rounding. */
export function combineStrength(baseScore: number, attackAggregate: number, supportAggregate: number): number {
  const v0 = baseScore;
  const va = attackAggregate;
  const vs = supportAggregate;
  if (va === vs) return v0;
  if (va > vs) return clamp01(v0 - v0 * (va - vs));
  return clamp01(v0 + (1 - v0) * (vs - va));
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

function sanitizeBase(x: number): number {
  return Number.isFinite(x) ? clamp01(x) : DEFAULT_BASE_SCORE;
}

/**
 * The nodes that count: rated themselves, or reached (as supporter or opposer, transitively) from
 * one that is. The first occurrence of a duplicate id decides its flag.
 */
export function ratedNodeIds(nodes: readonly StrengthNode[], edges: readonly StrengthEdge[]): Set<string> {
  const known = new Map<string, boolean>();
  for (const node of nodes) if (!known.has(node.id)) known.set(node.id, node.isRated !== false);
  const targets = new Map<string, string[]>();
  for (const edge of edges) {
    if (edge.from === edge.to || !known.has(edge.from) || !known.has(edge.to)) continue;
    const list = targets.get(edge.from);
    if (list) list.push(edge.to);
    else targets.set(edge.from, [edge.to]);
  }
  const rated = new Set<string>();
  const queue: string[] = [];
  for (const [id, isRated] of known) {
    if (!isRated) continue;
    rated.add(id);
    queue.push(id);
  }
  for (let head = 0; head < queue.length; head++) {
    for (const to of targets.get(queue[head]!) ?? []) {
      if (rated.has(to)) continue;
      rated.add(to);
      queue.push(to);
    }
  }
  return rated;
}

/** Graph in index form: valid, de-duplicated, non-self-loop edges in CSR layout. */
interface IndexedGraph {
  ids: string[];
  index: Map<string, number>;
  base: Float64Array;
  /**
   * Sources of node i's incoming edges: supporters are inSrc[inStart[i] .. inMid[i]), opposers
   * inSrc[inMid[i] .. inStart[i+1]), each in input order (so products match explainStrength's).
   */
  inStart: Int32Array;
  inMid: Int32Array;
  inSrc: Int32Array;
  /** Outgoing edges of node i are outDst[outStart[i] .. outStart[i+1]). */
  outStart: Int32Array;
  outDst: Int32Array;
}

/**
 * Indexes nodes (first occurrence of a duplicate id wins) and keeps only the edges that count:
 * both endpoints known, not a self-loop, and not an exact duplicate (same from, to and relation)
 * of an earlier edge.
 */
function indexGraph(nodes: readonly StrengthNode[], edges: readonly StrengthEdge[]): IndexedGraph {
  const index = new Map<string, number>();
  const ids: string[] = [];
  const baseList: number[] = [];
  for (const node of nodes) {
    if (index.has(node.id)) continue;
    index.set(node.id, ids.length);
    ids.push(node.id);
    baseList.push(sanitizeBase(node.baseScore));
  }
  const n = ids.length;
  const base = Float64Array.from(baseList);

  const froms: number[] = [];
  const tos: number[] = [];
  const supports: number[] = [];
  const seen = new Set<number>();
  for (const edge of edges) {
    const f = index.get(edge.from);
    const t = index.get(edge.to);
    if (f === undefined || t === undefined || f === t) continue;
    if (edge.relation !== 'support' && edge.relation !== 'oppose') continue;
    const isSupport = edge.relation === 'support' ? 1 : 0;
    const key = (f * n + t) * 2 + isSupport;
    if (seen.has(key)) continue;
    seen.add(key);
    froms.push(f);
    tos.push(t);
    supports.push(isSupport);
  }
  const m = froms.length;

  const inStart = new Int32Array(n + 1);
  const supportCount = new Int32Array(n);
  const outStart = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) {
    inStart[tos[e]! + 1]!++;
    if (supports[e] === 1) supportCount[tos[e]!]!++;
    outStart[froms[e]! + 1]!++;
  }
  for (let i = 0; i < n; i++) {
    inStart[i + 1]! += inStart[i]!;
    outStart[i + 1]! += outStart[i]!;
  }
  const inMid = new Int32Array(n);
  for (let i = 0; i < n; i++) inMid[i] = inStart[i]! + supportCount[i]!;
  const inSrc = new Int32Array(m);
  const outDst = new Int32Array(m);
  const supportFill = inStart.slice(0, n);
  const attackFill = inMid.slice();
  const outFill = outStart.slice(0, n);
  for (let e = 0; e < m; e++) {
    const f = froms[e]!;
    const t = tos[e]!;
    if (supports[e] === 1) inSrc[supportFill[t]!++] = f;
    else inSrc[attackFill[t]!++] = f;
    outDst[outFill[f]!++] = t;
  }
  return { ids, index, base, inStart, inMid, inSrc, outStart, outDst };
}

/** σ for node i given the current strengths of all its predecessors. */
function evaluateNode(g: IndexedGraph, strength: Float64Array, i: number): number {
  let supportProduct = 1;
  let attackProduct = 1;
  const mid = g.inMid[i]!;
  const end = g.inStart[i + 1]!;
  for (let k = g.inStart[i]!; k < mid; k++) supportProduct *= 1 - strength[g.inSrc[k]!]!;
  for (let k = mid; k < end; k++) attackProduct *= 1 - strength[g.inSrc[k]!]!;
  return combineStrength(g.base[i]!, 1 - attackProduct, 1 - supportProduct);
}

/**
 * DF-QuAD strengths of all nodes. Edges with unknown endpoints, self-loops and exact duplicate
 * edges are ignored. Always terminates.
 */
export function computeStrengths(
  nodes: readonly StrengthNode[],
  edges: readonly StrengthEdge[],
  options: StrengthOptions = {},
): StrengthResult {
  return computeStrengthsInDetail(nodes, edges, options).result;
}

/** What an incremental update needs beyond the result: which nodes sit on cycles, and how each cycle went. */
export interface StrengthDetail {
  result: StrengthResult;
  /** Sweeps its component needed, for every node on a cycle. */
  sweepsOf: Map<string, number>;
  /** Nodes of cyclic components that hit the iteration cap. */
  unsettled: Set<string>;
  rated: Set<string>;
}

export function computeStrengthsInDetail(
  nodes: readonly StrengthNode[],
  edges: readonly StrengthEdge[],
  options: StrengthOptions = {},
): StrengthDetail {
  const tolerance =
    options.tolerance !== undefined && Number.isFinite(options.tolerance) && options.tolerance >= 0 ? options.tolerance : DEFAULT_TOLERANCE;
  const maxIterations =
    options.maxIterations !== undefined && Number.isFinite(options.maxIterations) && options.maxIterations >= 0
      ? Math.floor(options.maxIterations)
      : DEFAULT_MAX_ITERATIONS;
  const damping =
    options.damping !== undefined && Number.isFinite(options.damping) && options.damping > 0 && options.damping <= 1
      ? options.damping
      : DEFAULT_DAMPING;

  const rated = ratedNodeIds(nodes, edges);
  const countedEdges = edges.filter((edge) => rated.has(edge.from));
  const g = indexGraph(nodes, countedEdges);
  const n = g.ids.length;
  const strength = Float64Array.from(g.base);

  // Kahn's algorithm: evaluate every node whose predecessors are all final.
  const indegree = new Int32Array(n);
  for (let i = 0; i < n; i++) indegree[i] = g.inStart[i + 1]! - g.inStart[i]!;
  const queue = new Int32Array(n);
  let head = 0;
  let tail = 0;
  for (let i = 0; i < n; i++) if (indegree[i] === 0) queue[tail++] = i;
  const done = new Uint8Array(n);
  while (head < tail) {
    const i = queue[head++]!;
    strength[i] = evaluateNode(g, strength, i);
    done[i] = 1;
    const end = g.outStart[i + 1]!;
    for (let k = g.outStart[i]!; k < end; k++) {
      const t = g.outDst[k]!;
      if (--indegree[t]! === 0) queue[tail++] = t;
    }
  }

  let converged = true;
  let iterations = n === 0 ? 0 : 1;
  const hasCycles = tail < n;
  const sweepsOf = new Map<string, number>();
  const unsettled = new Set<string>();

  if (hasCycles) {
    // The rest are cycles and whatever they reach: strongly connected components of the rest,
    // in topological order of the condensation.
    const components = stronglyConnectedComponents(g, done);
    const localIndex = new Int32Array(n).fill(-1);
    let maxSweeps = 0;
    for (let c = components.length - 1; c >= 0; c--) {
      const component = components[c]!;
      if (component.length === 1) {
        // Not on a cycle (self-loops are dropped): all predecessors are final.
        const i = component[0]!;
        strength[i] = evaluateNode(g, strength, i);
        continue;
      }
      const outcome = iterateComponent(g, strength, component, localIndex, tolerance, maxIterations, damping);
      for (const i of component) {
        sweepsOf.set(g.ids[i]!, outcome.sweeps);
        if (!outcome.converged) unsettled.add(g.ids[i]!);
      }
      if (!outcome.converged) converged = false;
      if (outcome.sweeps > maxSweeps) maxSweeps = outcome.sweeps;
    }
    iterations = Math.max(1, maxSweeps);
  }

  const strengths = Object.create(null) as Record<string, number>;
  for (let i = 0; i < n; i++) strengths[g.ids[i]!] = strength[i]!;
  const unrated = g.ids.filter((id) => !rated.has(id));
  return { result: { strengths, converged, iterations, hasCycles, unrated }, sweepsOf, unsettled, rated };
}

/**
 * Iterative Tarjan over the nodes with done[i] === 0. Returns components in reverse topological
 * order: a component is emitted after every component it reaches (sinks first).
 */
function stronglyConnectedComponents(g: IndexedGraph, done: Uint8Array): number[][] {
  const n = g.ids.length;
  const order = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const callNode: number[] = [];
  const callEdge: number[] = [];
  const components: number[][] = [];
  let counter = 0;

  for (let root = 0; root < n; root++) {
    if (done[root] === 1 || order[root] !== -1) continue;
    order[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    callNode.push(root);
    callEdge.push(g.outStart[root]!);
    while (callNode.length > 0) {
      const top = callNode.length - 1;
      const v = callNode[top]!;
      const k = callEdge[top]!;
      if (k < g.outStart[v + 1]!) {
        callEdge[top] = k + 1;
        const w = g.outDst[k]!;
        if (done[w] === 1) continue;
        if (order[w] === -1) {
          order[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          callNode.push(w);
          callEdge.push(g.outStart[w]!);
        } else if (onStack[w] === 1 && order[w]! < low[v]!) {
          low[v] = order[w]!;
        }
        continue;
      }
      callNode.pop();
      callEdge.pop();
      if (callNode.length > 0) {
        const parent = callNode[callNode.length - 1]!;
        if (low[v]! < low[parent]!) low[parent] = low[v]!;
      }
      if (low[v] === order[v]) {
        const component: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          component.push(w);
        } while (w !== v);
        components.push(component);
      }
    }
  }
  return components;
}

/**
 * Damped Jacobi iteration of σ on one cyclic component, starting from base scores:
 * next = cur + damping·(σ(cur) − cur), until max|σ(cur) − cur| ≤ tolerance or the sweep cap.
 * Nodes outside the component are final, so their contribution is folded into constant products
 * up front. `localIndex` is scratch space of length n, all −1 on entry and on exit.
 */
function iterateComponent(
  g: IndexedGraph,
  strength: Float64Array,
  component: readonly number[],
  localIndex: Int32Array,
  tolerance: number,
  maxIterations: number,
  damping: number,
): { converged: boolean; sweeps: number } {
  const size = component.length;
  for (let li = 0; li < size; li++) localIndex[component[li]!] = li;

  const base = new Float64Array(size);
  const externalSupport = new Float64Array(size);
  const externalAttack = new Float64Array(size);
  // Internal edges, CSR: supporters internalSrc[start[li] .. mid[li]), opposers [mid[li] .. start[li+1]).
  const internalStart = new Int32Array(size + 1);
  const internalMid = new Int32Array(size);
  const sources: number[] = [];
  for (let li = 0; li < size; li++) {
    const i = component[li]!;
    base[li] = g.base[i]!;
    let supportProduct = 1;
    let attackProduct = 1;
    const mid = g.inMid[i]!;
    const end = g.inStart[i + 1]!;
    for (let k = g.inStart[i]!; k < mid; k++) {
      const src = g.inSrc[k]!;
      const local = localIndex[src]!;
      if (local < 0) supportProduct *= 1 - strength[src]!;
      else sources.push(local);
    }
    internalMid[li] = sources.length;
    for (let k = mid; k < end; k++) {
      const src = g.inSrc[k]!;
      const local = localIndex[src]!;
      if (local < 0) attackProduct *= 1 - strength[src]!;
      else sources.push(local);
    }
    internalStart[li + 1] = sources.length;
    externalSupport[li] = supportProduct;
    externalAttack[li] = attackProduct;
  }
  const internalSrc = Int32Array.from(sources);

  let current = Float64Array.from(base);
  let next = new Float64Array(size);
  let converged = false;
  let sweeps = 0;
  while (sweeps < maxIterations) {
    sweeps++;
    let residual = 0;
    for (let li = 0; li < size; li++) {
      let supportProduct = externalSupport[li]!;
      let attackProduct = externalAttack[li]!;
      const mid = internalMid[li]!;
      const end = internalStart[li + 1]!;
      for (let k = internalStart[li]!; k < mid; k++) supportProduct *= 1 - current[internalSrc[k]!]!;
      for (let k = mid; k < end; k++) attackProduct *= 1 - current[internalSrc[k]!]!;
      const value = combineStrength(base[li]!, 1 - attackProduct, 1 - supportProduct);
      const now = current[li]!;
      const delta = value - now;
      const magnitude = delta < 0 ? -delta : delta;
      if (magnitude > residual) residual = magnitude;
      next[li] = damping === 1 ? value : clamp01(now + damping * delta);
    }
    const swap = current;
    current = next;
    next = swap;
    if (residual <= tolerance) {
      converged = true;
      break;
    }
  }

  for (let li = 0; li < size; li++) {
    const i = component[li]!;
    strength[i] = current[li]!;
    localIndex[i] = -1;
  }
  return { converged, sweeps };
}

/**
 * Why a node has its strength: its base score, the aggregated support and attack, and each
 * counted incoming edge with the source's strength. Edges are filtered exactly as in
 * computeStrengths. A node id missing from `strengths` falls back to its base score; a node id
 * missing from `nodes` gets the default base score and no contributions.
 */
export function explainStrength(
  nodeId: string,
  nodes: readonly StrengthNode[],
  edges: readonly StrengthEdge[],
  strengths: Readonly<Record<string, number>>,
  /** The rated nodes when the caller has them already (ratedNodeIds is a pass over the whole graph). */
  knownRated?: ReadonlySet<string>,
): StrengthExplanation {
  const bases = new Map<string, number>();
  for (const node of nodes) if (!bases.has(node.id)) bases.set(node.id, sanitizeBase(node.baseScore));
  const strengthOf = (id: string): number => {
    const s = Object.prototype.hasOwnProperty.call(strengths, id) ? strengths[id] : undefined;
    return s !== undefined && Number.isFinite(s) ? clamp01(s) : (bases.get(id) ?? DEFAULT_BASE_SCORE);
  };

  const baseScore = bases.get(nodeId) ?? DEFAULT_BASE_SCORE;
  const contributions: StrengthContribution[] = [];
  if (bases.has(nodeId)) {
    const rated = knownRated ?? ratedNodeIds(nodes, edges);
    const seen = new Set<string>();
    for (const edge of edges) {
      if (edge.to !== nodeId || edge.from === nodeId || !bases.has(edge.from) || !rated.has(edge.from)) continue;
      if (edge.relation !== 'support' && edge.relation !== 'oppose') continue;
      const key = `${edge.relation}\u0000${edge.from}`;
      if (seen.has(key)) continue;
      seen.add(key);
      contributions.push({ fromId: edge.from, relation: edge.relation, strength: strengthOf(edge.from) });
    }
  }

  const supportAggregate = aggregateStrengths(contributions.filter((c) => c.relation === 'support').map((c) => c.strength));
  const attackAggregate = aggregateStrengths(contributions.filter((c) => c.relation === 'oppose').map((c) => c.strength));
  const known = Object.prototype.hasOwnProperty.call(strengths, nodeId) ? strengths[nodeId] : undefined;
  const strength =
    known !== undefined && Number.isFinite(known) ? clamp01(known) : combineStrength(baseScore, attackAggregate, supportAggregate);
  return { baseScore, strength, supportAggregate, attackAggregate, contributions };
}

/**
 * One sentence for the UI, e.g.
 * "Base 0.62 from 14 votes; raised by 2 supporters (combined 0.71), lowered by 1 opposer (0.40): strength 0.78."
 * Pass `{ converged: false }` when computeStrengths did not converge to add a caveat.
 */
export function describeStrength(explanation: StrengthExplanation, voteCount: number, options: { converged?: boolean } = {}): string {
  const votes = Number.isFinite(voteCount) && voteCount > 0 ? Math.round(voteCount) : 0;
  const basePart =
    votes === 0
      ? `No votes yet, so base ${fmt(explanation.baseScore)}`
      : `Base ${fmt(explanation.baseScore)} from ${votes} ${votes === 1 ? 'vote' : 'votes'}`;

  let supporters = 0;
  let opposers = 0;
  for (const c of explanation.contributions) {
    if (c.relation === 'support') supporters++;
    else opposers++;
  }
  const parts: string[] = [];
  if (supporters > 0) {
    parts.push(
      `raised by ${supporters} ${supporters === 1 ? 'supporter' : 'supporters'} ` +
        `(${supporters === 1 ? '' : 'combined '}${fmt(explanation.supportAggregate)})`,
    );
  }
  if (opposers > 0) {
    parts.push(
      `lowered by ${opposers} ${opposers === 1 ? 'opposer' : 'opposers'} ` +
        `(${opposers === 1 ? '' : 'combined '}${fmt(explanation.attackAggregate)})`,
    );
  }
  const edgePart = parts.length > 0 ? parts.join(', ') : 'no supporters or opposers';
  const caveat = options.converged === false ? ' (approximate: a cycle in the map did not settle)' : '';
  return `${basePart}; ${edgePart}: strength ${fmt(explanation.strength)}${caveat}.`;
}

function fmt(x: number): string {
  return x.toFixed(2);
}
