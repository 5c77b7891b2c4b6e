'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { mapViewStoreFor } from '@/components/realtime/map-view-registry';
import { runPredicted } from '@/components/realtime/map-view-store';
import type { VoteTarget } from '@/shared/schemas/vote';
import { useTRPC } from '@/trpc/client';

const inputOf = (target: VoteTarget) => (target.kind === 'claim' ? { claimId: target.id } : { evidenceId: target.id });

/**
 * Cast and retract through the map's one reducer: the vote is predicted (so the canvas's strengths
 * move at once), then takes the server's summary, and is dropped if the server refuses it.
 */
export function useVote(mapId: string, target: VoteTarget) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const queryKey = trpc.map.get.queryKey({ mapId });
  const store = () => mapViewStoreFor(queryClient, queryKey);

  const cast = useMutation(trpc.vote.cast.mutationOptions());
  const retract = useMutation(trpc.vote.retract.mutationOptions());

  const vote = (value: number | null) => {
    const clientMutationId = crypto.randomUUID();
    const event = (next: number | null, summary: { count: number; mean: number | null; histogram: [number, number, number, number, number] } | null) => ({
      type: 'vote.changed' as const,
      payload: { targetKind: target.kind, targetId: target.id, voterId: null, value: next, summary },
    });
    const call = () =>
      value === null
        ? retract.mutateAsync({ ...inputOf(target), clientMutationId })
        : cast.mutateAsync({ ...inputOf(target), value, clientMutationId });
    runPredicted(store(), clientMutationId, [event(value, null)], call, (result) => [event(result.myVote, result.votes)]).catch(() => {
      // The mutation's error state shows the failure; the prediction is already dropped.
    });
  };

  return {
    cast: (value: number) => {
      retract.reset();
      vote(value);
    },
    retract: () => {
      cast.reset();
      vote(null);
    },
    isPending: cast.isPending || retract.isPending,
    error: cast.error ?? retract.error,
    reset: () => {
      cast.reset();
      retract.reset();
    },
  };
}
