/**
 * Vote changes applied to a cached `map.get` result. Pure and idempotent, so an optimistic update,
 * the mutation's answer and the `vote.changed` event arriving over the stream can all be applied.
 */
import type { ClaimView, EvidenceView, MapView } from '@/server/domain/maps/get-map';
import { applyVoteChange, type VoteSummary } from '@/server/domain/votes/summarize-votes';
import type { VoteTarget } from '@/shared/schemas/vote';

type VoteNode = ClaimView | EvidenceView;

export function findVoteNode(map: MapView, target: VoteTarget): VoteNode | undefined {
  return target.kind === 'claim' ? map.claims.find((item) => item.id === target.id) : map.evidence.find((item) => item.id === target.id);
}

function patchNode(map: MapView, target: VoteTarget, patch: (node: VoteNode) => VoteNode): MapView {
  if (target.kind === 'claim') {
    const at = map.claims.findIndex((item) => item.id === target.id);
    const node = map.claims[at];
    if (!node) return map;
    const next = patch(node) as ClaimView;
    if (next === node) return map;
    const claims = map.claims.slice();
    claims[at] = next;
    return { ...map, claims };
  }
  const at = map.evidence.findIndex((item) => item.id === target.id);
  const node = map.evidence[at];
  if (!node) return map;
  const next = patch(node) as EvidenceView;
  if (next === node) return map;
  const evidence = map.evidence.slice();
  evidence[at] = next;
  return { ...map, evidence };
}

/** Whether blind voting lets this caller see a target's results (same rule as the server's). */
export function canSeeResults(map: MapView, hasVoted: boolean): boolean {
  return !map.map.isBlindVoting || map.map.resultsRevealed || map.role === 'owner' || hasVoted;
}

/**
 * The caller's vote on `target` becomes `next` (null = retracted). With `serverVotes` (the
 * mutation's answer) the summary is taken as is; without it the visible summary is adjusted
 * locally, and a hidden one stays hidden until the server's answer arrives.
 */
export function withMyVote(map: MapView, target: VoteTarget, next: number | null, serverVotes?: VoteSummary | null): MapView {
  return patchNode(map, target, (node) => {
    const isVisible = canSeeResults(map, next !== null);
    let votes: VoteSummary | null;
    if (serverVotes !== undefined) votes = isVisible ? serverVotes : null;
    else votes = isVisible && node.votes ? applyVoteChange(node.votes, node.myVote, next) : null;
    return { ...node, myVote: next, votes };
  });
}

/** A `vote.changed` event as the stream delivers it (summary and value are null when redacted). */
export interface VoteChangedView {
  targetKind: 'claim' | 'evidence';
  targetId: string;
  value: number | null;
  summary: VoteSummary | null;
}

/**
 * Applies a streamed `vote.changed` event. The server already removed the summary where blind
 * voting hides it, so a summary present is one this reader may see; `isOwn` marks the reader's
 * own vote (from another tab, say), which also sets `myVote`.
 */
export function applyVoteChangedEvent(map: MapView, event: VoteChangedView, isOwn: boolean): MapView {
  const target: VoteTarget = { kind: event.targetKind, id: event.targetId };
  return patchNode(map, target, (node) => {
    const myVote = isOwn ? event.value : node.myVote;
    const votes = event.summary ?? (canSeeResults(map, myVote !== null) ? node.votes : null);
    return myVote === node.myVote && votes === node.votes ? node : { ...node, myVote, votes };
  });
}
