'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MapView } from '@/server/domain/maps/get-map';
import type { VoteTarget } from '@/shared/schemas/vote';
import { useTRPC } from '@/trpc/client';
import { withMyVote } from './vote-cache';

const inputOf = (target: VoteTarget) => (target.kind === 'claim' ? { claimId: target.id } : { evidenceId: target.id });

/**
 * Cast and retract with an optimistic update of the cached map (so the canvas's strengths move at
 * once), then the server's summary, then a refetch of map.get to settle.
 */
export function useVote(mapId: string, target: VoteTarget) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const queryKey = trpc.map.get.queryKey({ mapId });

  const update = (next: number | null, serverVotes?: Parameters<typeof withMyVote>[3]) =>
    queryClient.setQueryData<MapView>(queryKey, (map) => (map ? withMyVote(map, target, next, serverVotes) : map));

  const prepare = async (next: number | null) => {
    await queryClient.cancelQueries({ queryKey });
    const previous = queryClient.getQueryData<MapView>(queryKey);
    update(next);
    return { previous };
  };
  const rollback = (_error: unknown, _input: unknown, context: { previous: MapView | undefined } | undefined) => {
    if (context?.previous) queryClient.setQueryData(queryKey, context.previous);
  };
  const settle = () => queryClient.invalidateQueries({ queryKey });

  const cast = useMutation(
    trpc.vote.cast.mutationOptions({
      onMutate: (input) => prepare(input.value),
      onError: rollback,
      onSuccess: (result) => update(result.myVote, result.votes),
      onSettled: settle,
    }),
  );
  const retract = useMutation(
    trpc.vote.retract.mutationOptions({
      onMutate: () => prepare(null),
      onError: rollback,
      onSuccess: (result) => update(null, result.votes),
      onSettled: settle,
    }),
  );

  return {
    cast: (value: number) => {
      retract.reset();
      cast.mutate({ ...inputOf(target), value });
    },
    retract: () => {
      cast.reset();
      retract.mutate(inputOf(target));
    },
    isPending: cast.isPending || retract.isPending,
    error: cast.error ?? retract.error,
    reset: () => {
      cast.reset();
      retract.reset();
    },
  };
}
