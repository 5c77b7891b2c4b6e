/**
 * DF-QuAD strengths kept current across small changes (a vote, a new claim, an undo) without a
 * pass over the whole map: only the nodes a change can reach are recomputed.
 *
 * A node's strength and its "unrated" status depend only on the nodes that argue about it (its
 * supporters and opposers, transitively): both flow along links, from the arguing node to the claim
 * it argues about. So after a change, the nodes whose own base score or flag changed, and the
 * claims whose set of incoming links changed, are the seeds; everything reachable from them along
 * links is affected; every other node keeps its strength, its status and its place on or off a cycle.
 * The affected part is recomputed by {@link computeStrengthsInDetail} on a small graph: the affected
 * nodes with their incoming links, plus each unaffected node that argues about one of them, pinned
 * (base score = its known strength, no incoming links, rated as before). A cycle that contains an
 * affected node is affected as a whole (its nodes reach each other), so it is re-iterated from base
 * scores exactly as the full computation would: the result equals `computeStrengths` on the whole
 * graph (the unit tests check this on random maps and random changes).
 *
 * Pure TypeScript, no dependencies: runs in the browser and on the server alike.
 */
import {
  computeStrengthsInDetail,
  type StrengthDetail,
  type StrengthEdge,
  type StrengthNode,
  type StrengthOptions,
  type StrengthResult,
} from './compute-strength';

/** What one update hands to the next. Treat as opaque. */
export interface StrengthState {
  readonly nodes: ReadonlyMap<string, StrengthNode>;
  /** Incoming links that count (known ends, no self-loops), per target, in input order. */
  readonly incoming: ReadonlyMap<string, readonly StrengthEdge[]>;
  readonly detail: StrengthDetail;
  readonly options: StrengthOptions;
  /** How many nodes the last update recomputed (all of them for a full pass). */
  readonly recomputed: number;
}

/** Above this share of the map affected, one full pass is cheaper than the bookkeeping. */
const FULL_PASS_SHARE = 0.5;

function firstById(nodes: readonly StrengthNode[]): Map<string, StrengthNode> {
  const byId = new Map<string, StrengthNode>();
  for (const node of nodes) if (!byId.has(node.id)) byId.set(node.id, node);
  return byId;
}

function incomingOf(byId: ReadonlyMap<string, StrengthNode>, edges: readonly StrengthEdge[]): Map<string, StrengthEdge[]> {
  const incoming = new Map<string, StrengthEdge[]>();
  for (const edge of edges) {
    if (edge.from === edge.to || !byId.has(edge.from) || !byId.has(edge.to)) continue;
    const list = incoming.get(edge.to);
    if (list) list.push(edge);
    else incoming.set(edge.to, [edge]);
  }
  return incoming;
}

const sameNode = (a: StrengthNode, b: StrengthNode) =>
  Object.is(a.baseScore, b.baseScore) && (a.isRated !== false) === (b.isRated !== false);

function sameIncoming(a: readonly StrengthEdge[] | undefined, b: readonly StrengthEdge[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  return a.every((edge, i) => edge.from === b[i]!.from && edge.relation === b[i]!.relation);
}

/** Strengths of the whole graph, computed from scratch; the state lets the next change be incremental. */
export function initialStrengths(
  nodes: readonly StrengthNode[],
  edges: readonly StrengthEdge[],
  options: StrengthOptions = {},
): StrengthState {
  const byId = firstById(nodes);
  const detail = computeStrengthsInDetail(nodes, edges, options);
  return { nodes: byId, incoming: incomingOf(byId, edges), detail, options, recomputed: byId.size };
}

const sameOptions = (a: StrengthOptions, b: StrengthOptions) =>
  a === b || (Object.is(a.tolerance, b.tolerance) && Object.is(a.maxIterations, b.maxIterations) && Object.is(a.damping, b.damping));

/**
 * The strengths of `nodes`/`edges` (the whole graph as it is now), reusing `previous` for every
 * node the change cannot reach. Same result as `computeStrengths(nodes, edges, options)`.
 */
export function updateStrengths(
  previous: StrengthState | null,
  nodes: readonly StrengthNode[],
  edges: readonly StrengthEdge[],
  options: StrengthOptions = {},
): StrengthState {
  if (!previous || !sameOptions(previous.options, options)) return initialStrengths(nodes, edges, options);
  const byId = firstById(nodes);
  const incoming = incomingOf(byId, edges);

  // Seeds: nodes whose own score or flag changed (or that are new), claims whose incoming links changed.
  const seeds: string[] = [];
  for (const [id, node] of byId) {
    const before = previous.nodes.get(id);
    if (!before || !sameNode(before, node) || !sameIncoming(previous.incoming.get(id), incoming.get(id))) seeds.push(id);
  }
  let removed = 0;
  for (const id of previous.nodes.keys()) if (!byId.has(id)) removed += 1;
  if (seeds.length === 0 && removed === 0) return { ...previous, nodes: byId, incoming, recomputed: 0 };

  // Everything the seeds reach along links.
  const outgoing = new Map<string, string[]>();
  for (const [to, list] of incoming) {
    for (const edge of list) {
      const targets = outgoing.get(edge.from);
      if (targets) targets.push(to);
      else outgoing.set(edge.from, [to]);
    }
  }
  const affected = new Set<string>(seeds);
  const queue = [...seeds];
  for (let head = 0; head < queue.length; head++) {
    for (const to of outgoing.get(queue[head]!) ?? []) {
      if (affected.has(to)) continue;
      affected.add(to);
      queue.push(to);
    }
  }
  if (affected.size > byId.size * FULL_PASS_SHARE) return initialStrengths(nodes, edges, options);

  // The affected part, with the unaffected nodes that argue about it pinned at their known strength.
  const before = previous.detail;
  const partNodes: StrengthNode[] = [];
  const partEdges: StrengthEdge[] = [];
  const pinned = new Set<string>();
  for (const id of affected) {
    partNodes.push(byId.get(id)!);
    for (const edge of incoming.get(id) ?? []) {
      partEdges.push(edge);
      if (affected.has(edge.from) || pinned.has(edge.from)) continue;
      pinned.add(edge.from);
      partNodes.push({ id: edge.from, baseScore: before.result.strengths[edge.from]!, isRated: before.rated.has(edge.from) });
    }
  }
  const part = computeStrengthsInDetail(partNodes, partEdges, options);

  // Merge: the part's answers for the affected nodes, the previous ones for the rest.
  // (Copies of the previous tables, then the affected and removed entries: no per-node lookups.)
  const strengths = Object.assign(Object.create(null) as Record<string, number>, before.result.strengths);
  const rated = new Set(before.rated);
  const sweepsOf = new Map(before.sweepsOf);
  const unsettled = new Set(before.unsettled);
  for (const id of previous.nodes.keys()) {
    if (byId.has(id)) continue;
    delete strengths[id];
    rated.delete(id);
    sweepsOf.delete(id);
    unsettled.delete(id);
  }
  for (const id of affected) {
    strengths[id] = part.result.strengths[id]!;
    if (part.rated.has(id)) rated.add(id);
    else rated.delete(id);
    const sweeps = part.sweepsOf.get(id);
    if (sweeps !== undefined) sweepsOf.set(id, sweeps);
    else sweepsOf.delete(id);
    if (part.unsettled.has(id)) unsettled.add(id);
    else unsettled.delete(id);
  }
  let maxSweeps = 0;
  for (const sweeps of sweepsOf.values()) if (sweeps > maxSweeps) maxSweeps = sweeps;
  const hasCycles = sweepsOf.size > 0;
  const result: StrengthResult = {
    strengths,
    converged: unsettled.size === 0,
    iterations: byId.size === 0 ? 0 : hasCycles ? Math.max(1, maxSweeps) : 1,
    hasCycles,
    unrated: [...byId.keys()].filter((id) => !rated.has(id)),
  };
  return { nodes: byId, incoming, detail: { result, sweepsOf, unsettled, rated }, options, recomputed: affected.size };
}
