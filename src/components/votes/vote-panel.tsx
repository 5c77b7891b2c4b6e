'use client';

import type { VoteSummary } from '@/server/domain/votes/summarize-votes';

/**
 * Casting, changing and retracting a vote on one claim or passage, with the full histogram.
 * Placeholder until the voting issue lands; the side panel already mounts it with these props.
 */
export interface VotePanelProps {
  mapId: string;
  target: { kind: 'claim' | 'evidence'; id: string };
  votes: VoteSummary | null;
  myVote: number | null;
  role: 'owner' | 'editor' | 'voter' | 'viewer';
}

export function VotePanel({ votes }: VotePanelProps) {
  return <p className="muted small">{votes ? `${votes.count} votes` : 'Votes hidden until you vote.'}</p>;
}
