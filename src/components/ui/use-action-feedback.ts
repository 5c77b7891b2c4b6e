'use client';

import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '@/trpc/client';

/**
 * What a panel of actions shows after each one — its error and its notice — and the mutation options
 * that keep them current and refetch the lists the actions change (`refresh`, also for onSettled).
 */
export function useActionFeedback(changedQueries: readonly QueryKey[]) {
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const refresh = () => Promise.all(changedQueries.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
  const mutationOptions = {
    onMutate: () => {
      setError(null);
      setNotice(null);
    },
    onError: (caught: unknown) => setError(errorMessage(caught)),
    onSettled: refresh,
  };
  return { error, setError, notice, setNotice, refresh, mutationOptions };
}
