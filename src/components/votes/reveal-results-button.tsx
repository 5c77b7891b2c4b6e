'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/trpc/client';
import { useMapQueryData } from './use-map-query-data';

export interface RevealResultsButtonProps {
  mapId: string;
}

/**
 * Owner-only: ends blind voting's secrecy for everyone. Reads the role and settings from the
 * cached map, so it renders nothing for non-owners, maps without blind voting, or maps already
 * revealed (then it says so).
 */
export function RevealResultsButton({ mapId }: RevealResultsButtonProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const map = useMapQueryData(mapId);
  const [isConfirming, setIsConfirming] = useState(false);
  const reveal = useMutation(
    trpc.map.revealResults.mutationOptions({
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.map.get.queryKey({ mapId }) }),
    }),
  );
  if (!map || map.role !== 'owner' || !map.map.isBlindVoting) return null;
  if (map.map.resultsRevealed) return <span className="badge reveal-results-done">Results revealed</span>;
  return (
    <span className="reveal-results">
      {isConfirming ? (
        <>
          <span className="small">Show everyone how others voted? This cannot be undone.</span>
          <button type="button" className="btn btn-small btn-primary" disabled={reveal.isPending} onClick={() => reveal.mutate({ mapId })}>
            {reveal.isPending ? 'Revealing…' : 'Reveal to everyone'}
          </button>
          <button type="button" className="btn btn-small" disabled={reveal.isPending} onClick={() => setIsConfirming(false)}>
            Cancel
          </button>
        </>
      ) : (
        <button
          type="button"
          className="btn btn-small"
          title="Blind voting: show every member how others voted, even where they have not voted yet"
          onClick={() => setIsConfirming(true)}
        >
          Reveal results
        </button>
      )}
      {reveal.error && (
        <span className="form-error small" role="alert">
          {reveal.error.message}
        </span>
      )}
    </span>
  );
}
