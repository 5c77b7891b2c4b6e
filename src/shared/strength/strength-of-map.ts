/**
 * DF-QuAD strengths of a whole map as a client sees it: claims and evidence passages are nodes,
 * links are edges, and each node's base score comes from the vote summary the caller may see.
 * A summary hidden by blind voting (null) counts as no votes (base 0.5, unrated), so strengths
 * never let anyone infer votes they may not see. A node with no votes on it or anywhere below it
 * is unrated: it is shown as "unrated" and left out of its parents' aggregation.
 *
 * The server computes `strength` in map.get with this function and the client recomputes with it
 * as votes arrive, so both always agree. Pure: safe to import in the browser.
 */
import {
  baseScoreFromVotes,
  computeStrengths,
  describeStrength,
  explainStrength,
  ratedNodeIds,
  type StrengthEdge,
  type StrengthExplanation,
  type StrengthNode,
  type StrengthOptions,
} from './compute-strength';
import { updateStrengths, type StrengthState } from './incremental-strength';
import type { TRelation } from '@/shared/schemas/claim';

export interface StrengthVotes {
  count: number;
  mean: number | null;
}

export interface StrengthMapNode {
  id: string;
  /** null when the caller may not see the target's votes. */
  votes: StrengthVotes | null;
}

export interface StrengthMapLink {
  fromClaimId: string | null;
  fromEvidenceId: string | null;
  toClaimId: string;
  relation: TRelation;
}

export interface StrengthMapInput {
  claims: readonly StrengthMapNode[];
  evidence: readonly StrengthMapNode[];
  links: readonly StrengthMapLink[];
}

export interface MapStrengths {
  /** Strength in [0,1] of every claim and passage id. */
  strengths: Record<string, number>;
  /** False when a cycle in the map hit the iteration cap before settling. */
  converged: boolean;
  hasCycles: boolean;
  /** Claims and passages with no votes on them or anywhere below them ("unrated"). */
  unrated: string[];
}

const isVoted = (votes: StrengthVotes | null) => votes !== null && votes.count > 0 && votes.mean !== null;

/** The map as a quantitative bipolar argumentation framework. */
export function strengthGraphOfMap(view: StrengthMapInput): { nodes: StrengthNode[]; edges: StrengthEdge[] } {
  const nodes: StrengthNode[] = [];
  for (const claim of view.claims) {
    nodes.push({ id: claim.id, baseScore: baseScoreFromVotes(claim.votes?.mean ?? null), isRated: isVoted(claim.votes) });
  }
  for (const item of view.evidence) {
    nodes.push({ id: item.id, baseScore: baseScoreFromVotes(item.votes?.mean ?? null), isRated: isVoted(item.votes) });
  }
  const edges: StrengthEdge[] = [];
  for (const link of view.links) {
    const from = link.fromClaimId ?? link.fromEvidenceId;
    if (from) edges.push({ from, to: link.toClaimId, relation: link.relation });
  }
  return { nodes, edges };
}

export function strengthOfMap(view: StrengthMapInput, options?: StrengthOptions): MapStrengths {
  const { nodes, edges } = strengthGraphOfMap(view);
  const { strengths, converged, hasCycles, unrated } = computeStrengths(nodes, edges, options);
  return { strengths, converged, hasCycles, unrated };
}

/**
 * strengthOfMap for a view that changed a little since `previous` (the state this returned last
 * time for the same map): only the nodes the change reaches are recomputed (incremental-strength.ts).
 * Same strengths as strengthOfMap.
 */
export function updateStrengthOfMap(
  previous: StrengthState | null,
  view: StrengthMapInput,
  options?: StrengthOptions,
): { result: MapStrengths; state: StrengthState } {
  const { nodes, edges } = strengthGraphOfMap(view);
  const state = updateStrengths(previous, nodes, edges, options);
  // The same object while nothing that counts changed, so what depends on it need not re-run.
  return { result: state.detail.result, state };
}

export interface NodeStrengthExplanation extends StrengthExplanation {
  /** Votes behind the base score: 0 with no votes, null when blind voting hides them. */
  voteCount: number | null;
  /** One sentence, e.g. "Base 0.62 from 14 votes; raised by 2 supporters (combined 0.71): strength 0.78." */
  text: string;
  /** No votes on it or below it: it shows "unrated" and does not count for its parents. */
  isUnrated: boolean;
  /** Arguments about it left out because they are unrated. */
  unratedArgumentCount: number;
}

/**
 * Why one node has its strength, from the same view and strengths the map shows. Contributions
 * are listed per incoming link, supporters and opposers with their own strengths.
 */
export function explainNodeStrength(
  view: StrengthMapInput,
  nodeId: string,
  computed: Pick<MapStrengths, 'strengths' | 'converged'> & { unrated?: readonly string[] } = strengthOfMap(view),
): NodeStrengthExplanation {
  const { nodes, edges } = strengthGraphOfMap(view);
  // The computation's own list of unrated nodes saves a pass over the whole map when it is given.
  const unrated = computed.unrated ? new Set(computed.unrated) : null;
  const rated = unrated ? new Set(nodes.filter((node) => !unrated.has(node.id)).map((node) => node.id)) : ratedNodeIds(nodes, edges);
  const isUnrated = nodes.some((item) => item.id === nodeId) && !rated.has(nodeId);
  const unratedArgumentCount = new Set(
    edges.filter((edge) => edge.to === nodeId && edge.from !== nodeId && !rated.has(edge.from)).map((edge) => edge.from),
  ).size;
  const explanation = explainStrength(nodeId, nodes, edges, computed.strengths, rated);
  const node = view.claims.find((claim) => claim.id === nodeId) ?? view.evidence.find((item) => item.id === nodeId);
  const voteCount = node ? (node.votes ? node.votes.count : null) : 0;
  let text = describeStrength(explanation, voteCount ?? 0, { converged: computed.converged });
  if (voteCount === null) {
    // describeStrength would say "No votes yet": the votes exist but blind voting hides them.
    text = text.replace(/^No votes yet, so base/, 'Votes hidden until you vote, so base');
  }
  if (isUnrated) {
    text =
      voteCount === null
        ? 'Unrated for you: its votes are hidden until you vote, and nothing below it is rated, ' +
          'so it does not count for or against what it argues about.'
        : 'Unrated: nobody has voted on it or on anything that argues about it, ' +
          'so it does not count for or against what it argues about yet.';
  } else if (unratedArgumentCount > 0) {
    const one = unratedArgumentCount === 1;
    const them = one ? 'it' : 'them';
    text += ` ${unratedArgumentCount} unrated ${one ? 'argument is' : 'arguments are'} not counted until someone rates ${them}.`;
  }
  return { ...explanation, voteCount, text, isUnrated, unratedArgumentCount };
}
