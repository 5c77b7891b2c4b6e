'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { outboxOf } from '@/components/realtime/use-map-outbox';
import type { VoteTarget } from '@/shared/schemas/vote';
import { errorMessage } from '@/trpc/client';

const inputOf = (target: VoteTarget) => (target.kind === 'claim' ? { claimId: target.id } : { evidenceId: target.id });

/**
 * Cast and retract through the map's outbox and its one reducer: the vote is predicted (so the
 * canvas's strengths move at once), kept until sent (offline too), takes the server's summary,
 * and is dropped if the server refuses it.
 */
export function useVote(mapId: string, target: VoteTarget) {
  const queryClient = useQueryClient();
  const [pending, setPending] = useState(0);
  const [error, setError] = useState<{ message: string } | null>(null);

  const vote = (value: number | null) => {
    const outbox = outboxOf(queryClient, mapId);
    if (!outbox) {
      setError({ message: 'Sign in to vote.' });
      return;
    }
    setError(null);
    setPending((count) => count + 1);
    const predicted = [
      { type: 'vote.changed' as const, payload: { targetKind: target.kind, targetId: target.id, voterId: null, value, summary: null } },
    ];
    const answer =
      value === null
        ? outbox.enqueue({ procedure: 'vote.retract', input: inputOf(target) }, predicted)
        : outbox.enqueue({ procedure: 'vote.cast', input: { ...inputOf(target), value } }, predicted);
    answer.catch((cause: unknown) => setError({ message: errorMessage(cause) })).finally(() => setPending((count) => count - 1));
  };

  return {
    cast: (value: number) => vote(value),
    retract: () => vote(null),
    isPending: pending > 0,
    error,
    reset: () => setError(null),
  };
}
